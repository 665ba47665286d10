import { useI18n } from '../i18n/i18n.js';
import type { ArticleStatus } from '../../../functions/contract/responses.js';

export const StatusBadge = ({ status }: { status: ArticleStatus }) => {
  const { t } = useI18n();
  return <span class={`badge badge-${status}`}>{t(`status.${status}`)}</span>;
};
