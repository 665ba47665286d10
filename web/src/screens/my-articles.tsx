import { deskOf, useApp } from '../app-context.js';
import { ClockNote } from '../ui/clock-note.js';
import { useI18n } from '../i18n/i18n.js';
import { buildHref } from '../lib/router.js';
import { PagedArticleTable } from '../ui/paged-article-table.js';
import { StatusBadge } from '../ui/status-badge.js';
import { MyStatusCounts } from '../ui/status-counts.js';
import { usePagedList } from '../ui/use-paged-list.js';

/** A reporter's own stories with their status, newest first (the API's order). */
export const MyArticlesScreen = () => {
  const { api, desks } = useApp();
  const { t, formatDateTime, deskName } = useI18n();
  const list = usePagedList((cursor) => api.listArticles({ mine: true, cursor }), 'mine');
  return (
    <>
      <div class="screen-head">
        <h1 tabIndex={-1}>{t('mine.heading')}</h1>
        <a class="button primary" href={buildHref({ name: 'new' })}>
          {t('nav.new')}
        </a>
      </div>
      <MyStatusCounts />
      <PagedArticleTable
        list={list}
        caption={t('mine.heading')}
        empty={t('mine.empty')}
        columns={[
          {
            header: t('list.title'),
            cell: (a) => <a href={buildHref({ name: 'edit', id: a.id })}>{a.title || t('common.untitled')}</a>,
          },
          { header: t('list.status'), cell: (a) => <StatusBadge status={a.status} /> },
          {
            header: t('list.desk'),
            wide: true,
            cell: (a) => {
              const desk = deskOf(desks, a.desk);
              return desk ? deskName(desk) : a.desk;
            },
          },
          {
            header: t('list.updated'),
            wide: true,
            // Each story in its own desk's zone; the clock note below names the zones.
            cell: (a) => (
              <time dateTime={a.updatedAt}>{formatDateTime(a.updatedAt, deskOf(desks, a.desk)?.timeZone)}</time>
            ),
          },
        ]}
      />
      <ClockNote desks={desks.filter((d) => list.items?.some((a) => a.desk === d.id))} />
    </>
  );
};
