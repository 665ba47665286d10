import { useEffect, useState } from 'preact/hooks';
import { deskOf, useApp } from '../app-context.js';
import { useI18n } from '../i18n/i18n.js';
import { buildHref, QUEUE_STATUSES, type QueueStatus } from '../lib/router.js';
import type { ArticleSummary } from '../../../functions/contract/responses.js';
import { ErrorMessage } from '../ui/error-message.js';
import { StatusBadge } from '../ui/status-badge.js';

/** A desk's queue, one status at a time; "published" lists the most recent first (the API's order). */
export const QueueScreen = ({ desk: deskId, status }: { desk: string; status: QueueStatus }) => {
  const { api, desks } = useApp();
  const { t, formatDateTime } = useI18n();
  const desk = deskOf(desks, deskId);
  const [items, setItems] = useState<ArticleSummary[] | undefined>();
  const [cursor, setCursor] = useState<string | undefined>();
  const [error, setError] = useState<unknown>();
  const load = (after?: string): void => {
    api
      .listArticles({ desk: deskId, status, cursor: after })
      .then((page) => {
        setItems((prev) => (after && prev ? [...prev, ...page.items] : page.items));
        setCursor(page.nextCursor);
        setError(undefined);
      })
      .catch(setError);
  };
  useEffect(() => {
    setItems(undefined);
    load();
  }, [api, deskId, status]);
  const timeColumn = status === 'scheduled' ? t('list.publishAt') : t('list.updated');
  return (
    <>
      <h1 tabIndex={-1}>{t('queue.heading', { desk: desk?.name ?? deskId })}</h1>
      <nav aria-label={t('queue.statusNav')}>
        <ul class="tabs">
          {QUEUE_STATUSES.map((s) => (
            <li key={s}>
              <a
                href={buildHref({ name: 'queue', desk: deskId, status: s })}
                aria-current={s === status ? 'page' : undefined}
              >
                {t(`queue.tab.${s}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <ErrorMessage error={error} />
      {items === undefined && !error ? <p class="muted">{t('common.loading')}</p> : null}
      {items?.length === 0 ? <p>{t('queue.empty')}</p> : null}
      {items && items.length > 0 ? (
        <table class="list">
          <caption class="visually-hidden">{t(`queue.tab.${status}`)}</caption>
          <thead>
            <tr>
              <th scope="col">{t('list.title')}</th>
              <th scope="col" class="hide-narrow">
                {t('list.author')}
              </th>
              <th scope="col">{t('list.status')}</th>
              <th scope="col" class="hide-narrow">
                {timeColumn}
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((a) => {
              const time = status === 'scheduled' && a.publishAt ? a.publishAt : a.updatedAt;
              return (
                <tr key={a.id}>
                  <td>
                    <a href={buildHref({ name: 'review', id: a.id })}>{a.title || t('common.untitled')}</a>
                    {a.publishError ? (
                      <div class="row-error">
                        {t('queue.publishFailed')}: {a.publishError.message}
                      </div>
                    ) : null}
                  </td>
                  <td class="hide-narrow">{a.author.name}</td>
                  <td>
                    <StatusBadge status={a.status} />
                  </td>
                  <td class="hide-narrow">
                    <time dateTime={time}>{formatDateTime(time, desk?.timeZone)}</time>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {cursor ? (
        <button type="button" class="button" onClick={() => load(cursor)}>
          {t('list.more')}
        </button>
      ) : null}
    </>
  );
};
