import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n/i18n.js';
import type { StateChange } from './use-article.js';

/**
 * Says why an action was not carried out and what the story is now, from the catalogue (issue 12: a reporter
 * withdrew while the desk reviewed). The screen below it renders the buttons for the story's new state. Focused when
 * it appears, so keyboard and screen-reader users hear it before anything else.
 */
export const StateChangeNotice = ({ change }: { change: StateChange }) => {
  const { t } = useI18n();
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => ref.current?.focus(), [change]);
  const draft = t('status.draft');
  const text =
    change.kind === 'gone'
      ? t(change.wasStatus === 'submitted' ? 'stale.withdrawn' : 'stale.gone', { status: draft })
      : change.withdrawn
        ? t('stale.withdrawn', { status: t(`status.${change.status}`) })
        : change.sameStatus
          ? t('stale.edited', { status: t(`status.${change.status}`), version: change.version })
          : t('stale.changed', { status: t(`status.${change.status}`) });
  return (
    <p class="notice stale-notice" role="alert" tabIndex={-1} ref={ref}>
      {text}
    </p>
  );
};
