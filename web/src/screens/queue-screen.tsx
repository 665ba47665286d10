import { deskOf, useApp } from '../app-context.js';
import { ClockNote } from '../ui/clock-note.js';
import { useI18n } from '../i18n/i18n.js';
import { buildHref, type QueueStatus } from '../lib/router.js';
import { DeskCalendar } from '../ui/desk-calendar.js';
import { PagedArticleTable } from '../ui/paged-article-table.js';
import { StatusBadge } from '../ui/status-badge.js';
import { QueueTabs } from '../ui/status-counts.js';
import { usePagedList } from '../ui/use-paged-list.js';

/** A desk's queue, one status at a time; "published" lists the most recent first (the API's order). */
export const QueueScreen = ({ desk: deskId, status }: { desk: string; status: QueueStatus }) => {
  const { api, desks } = useApp();
  const { t, formatDateTime, deskName } = useI18n();
  const desk = deskOf(desks, deskId);
  const list = usePagedList((cursor) => api.listArticles({ desk: deskId, status, cursor }), `${deskId}/${status}`);
  return (
    <>
      <h1 tabIndex={-1}>{t('queue.heading', { desk: desk ? deskName(desk) : deskId })}</h1>
      {desk ? <ClockNote desks={[desk]} /> : null}
      <QueueTabs desk={deskId} status={status} />
      {status === 'scheduled' ? <DeskCalendar desk={deskId} /> : null}
      <PagedArticleTable
        list={list}
        caption={t(`queue.tab.${status}`)}
        empty={t('queue.empty')}
        columns={[
          {
            header: t('list.title'),
            cell: (a) => (
              <>
                <a href={buildHref({ name: 'review', id: a.id })}>{a.title || t('common.untitled')}</a>
                {a.publishError ? <div class="row-error">{t('queue.publishFailed')}</div> : null}
              </>
            ),
          },
          { header: t('list.author'), wide: true, cell: (a) => a.author.name },
          { header: t('list.status'), cell: (a) => <StatusBadge status={a.status} /> },
          {
            header: status === 'scheduled' ? t('list.publishAt') : t('list.updated'),
            wide: true,
            cell: (a) => {
              const time = status === 'scheduled' && a.publishAt ? a.publishAt : a.updatedAt;
              return <time dateTime={time}>{formatDateTime(time, desk?.timeZone)}</time>;
            },
          },
        ]}
      />
    </>
  );
};
