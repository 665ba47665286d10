import { useEffect, useState } from 'preact/hooks';
import { deskOf, useApp } from '../app-context.js';
import { useI18n } from '../i18n/i18n.js';
import { buildHref } from '../lib/router.js';
import type { ArticleSummary } from '../../../functions/contract/responses.js';
import { ErrorMessage } from '../ui/error-message.js';
import { StatusBadge } from '../ui/status-badge.js';

/** A reporter's own stories with their status, newest first (the API's order). */
export const MyArticlesScreen = () => {
  const { api, desks } = useApp();
  const { t, formatDateTime } = useI18n();
  const [items, setItems] = useState<ArticleSummary[] | undefined>();
  const [cursor, setCursor] = useState<string | undefined>();
  const [error, setError] = useState<unknown>();
  const load = (after?: string): void => {
    api
      .listArticles({ mine: true, cursor: after })
      .then((page) => {
        setItems((prev) => (after && prev ? [...prev, ...page.items] : page.items));
        setCursor(page.nextCursor);
      })
      .catch(setError);
  };
  useEffect(() => load(), [api]);
  return (
    <>
      <div class="screen-head">
        <h1 tabIndex={-1}>{t('mine.heading')}</h1>
        <a class="button primary" href={buildHref({ name: 'new' })}>
          {t('nav.new')}
        </a>
      </div>
      <ErrorMessage error={error} />
      {items === undefined && !error ? <p class="muted">{t('common.loading')}</p> : null}
      {items?.length === 0 ? <p>{t('mine.empty')}</p> : null}
      {items && items.length > 0 ? (
        <table class="list">
          <caption class="visually-hidden">{t('mine.heading')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('list.title')}</th>
              <th scope="col">{t('list.status')}</th>
              <th scope="col" class="hide-narrow">
                {t('list.desk')}
              </th>
              <th scope="col" class="hide-narrow">
                {t('list.updated')}
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((a) => (
              <tr key={a.id}>
                <td>
                  <a href={buildHref({ name: 'edit', id: a.id })}>{a.title || t('common.untitled')}</a>
                </td>
                <td>
                  <StatusBadge status={a.status} />
                </td>
                <td class="hide-narrow">{deskOf(desks, a.desk)?.name ?? a.desk}</td>
                <td class="hide-narrow">
                  <time dateTime={a.updatedAt}>{formatDateTime(a.updatedAt)}</time>
                </td>
              </tr>
            ))}
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
