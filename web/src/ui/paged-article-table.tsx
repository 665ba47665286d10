import type { ComponentChildren } from 'preact';
import type { ArticleSummary } from '../../../functions/contract/responses.js';
import { useI18n } from '../i18n/i18n.js';
import type { PagedListState } from '../lib/paged-list.js';
import { ErrorMessage } from './error-message.js';

export interface ArticleColumn {
  header: string;
  /** Hidden on narrow screens (the title and the status always show). */
  wide?: boolean;
  cell: (article: ArticleSummary) => ComponentChildren;
}

/**
 * A paged list of articles as both list screens show it: its error, "loading", "nothing here", the table, and
 * "show more" while the API has more.
 */
export const PagedArticleTable = ({
  list,
  caption,
  empty,
  columns,
}: {
  list: PagedListState<ArticleSummary> & { loadMore: () => void };
  caption: string;
  empty: string;
  columns: readonly ArticleColumn[];
}) => {
  const { t } = useI18n();
  const { items, error, loading, nextCursor } = list;
  return (
    <>
      <ErrorMessage error={error} />
      {items === undefined && loading ? <p class="muted">{t('common.loading')}</p> : null}
      {items?.length === 0 ? <p>{empty}</p> : null}
      {items && items.length > 0 ? (
        <table class="list">
          <caption class="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th scope="col" key={c.header} class={c.wide ? 'hide-narrow' : undefined}>
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {items.map((a) => (
              <tr key={a.id}>
                {columns.map((c) => (
                  <td key={c.header} class={c.wide ? 'hide-narrow' : undefined}>
                    {c.cell(a)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {nextCursor !== undefined ? (
        <button type="button" class="button" disabled={loading} onClick={list.loadMore}>
          {t('list.more')}
        </button>
      ) : null}
    </>
  );
};
