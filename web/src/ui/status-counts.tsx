import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../app-context.js';
import { useI18n } from '../i18n/i18n.js';
import { buildHref, QUEUE_STATUSES, type QueueStatus } from '../lib/router.js';
import { ARTICLE_STATUSES } from '../../../functions/contract/responses.js';
import type { CountsResponse } from '../../../functions/contract/desk-responses.js';

type Counts = Pick<CountsResponse, 'counts' | 'capped'>;

/** Loads counts by status (a desk's, or the caller's own); undefined until they arrive, and on failure. */
const useCounts = (scope: { desk: string } | { mine: true }): Counts | undefined => {
  const { api } = useApp();
  const [counts, setCounts] = useState<Counts | undefined>();
  const key = 'desk' in scope ? scope.desk : 'mine';
  useEffect(() => {
    let live = true;
    // Counts decorate the lists; if they fail, the lists still show (and say their own errors).
    api
      .counts(scope)
      .then((c) => live && setCounts(c))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [key]);
  return counts;
};

const useCountLabel = (counts: Counts | undefined) => {
  const { t } = useI18n();
  return (status: string): string | undefined => {
    // A status the API does not count (a desk's archive) shows no number rather than a wrong one.
    const n = counts?.counts[status];
    if (n === undefined) return undefined;
    return counts?.capped.includes(status) ? t('dash.countsCapped', { n }) : String(n);
  };
};

/** "Мои материалы": the reporter's stories by status, every status they have. */
export const MyStatusCounts = () => {
  const { t } = useI18n();
  const counts = useCounts({ mine: true });
  const label = useCountLabel(counts);
  if (!counts) return null;
  return (
    <section aria-labelledby="mine-counts-heading" class="status-counts">
      <h2 id="mine-counts-heading" class="visually-hidden">
        {t('dash.countsHeading')}
      </h2>
      <ul class="count-chips">
        {ARTICLE_STATUSES.filter((s) => (counts.counts[s] ?? 0) > 0).map((s) => (
          <li key={s} class={`badge badge-${s}`} data-status={s}>
            {t(`status.${s}`)}: <strong>{label(s)}</strong>
          </li>
        ))}
      </ul>
    </section>
  );
};

/** The desk's queue tabs, each with its count. */
export const QueueTabs = ({ desk, status }: { desk: string; status: QueueStatus }) => {
  const { t } = useI18n();
  const counts = useCounts({ desk });
  const label = useCountLabel(counts);
  return (
    <nav aria-label={t('queue.statusNav')}>
      <ul class="tabs">
        {QUEUE_STATUSES.map((s) => (
          <li key={s}>
            <a href={buildHref({ name: 'queue', desk, status: s })} aria-current={s === status ? 'page' : undefined}>
              {t(`queue.tab.${s}`)}
              {label(s) !== undefined ? (
                <span class="tab-count" data-status={s}>
                  {' '}
                  {label(s)}
                </span>
              ) : null}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
};
