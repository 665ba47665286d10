import { deskOf, useApp } from '../app-context.js';
import { useI18n } from '../i18n/i18n.js';
import type { Article } from '../../../functions/contract/responses.js';
import { StatusBadge } from './status-badge.js';

export const ArticleMeta = ({ article }: { article: Article }) => {
  const { desks } = useApp();
  const { t, formatDateTime, deskName } = useI18n();
  const desk = deskOf(desks, article.desk);
  return (
    <>
      <dl class="meta">
        <div>
          <dt>{t('meta.status')}</dt>
          <dd>
            <StatusBadge status={article.status} />
          </dd>
        </div>
        <div>
          <dt>{t('meta.desk')}</dt>
          <dd>{desk ? deskName(desk) : article.desk}</dd>
        </div>
        <div>
          <dt>{t('meta.author')}</dt>
          <dd>{article.author.name}</dd>
        </div>
        <div>
          <dt>{t('meta.revision')}</dt>
          <dd>
            {article.revision} <span class="muted">({t('meta.version', { version: article.version })})</span>
          </dd>
        </div>
        <div>
          <dt>{t('meta.updated')}</dt>
          <dd>
            <time dateTime={article.updatedAt}>{formatDateTime(article.updatedAt, desk?.timeZone)}</time>
          </dd>
        </div>
        {article.publishAt ? (
          <div>
            <dt>{t('meta.publishAt')}</dt>
            <dd>
              <time dateTime={article.publishAt}>{formatDateTime(article.publishAt, desk?.timeZone)}</time>
            </dd>
          </div>
        ) : null}
        {article.url ? (
          <div>
            <dt>{t('meta.url')}</dt>
            <dd>
              <a href={article.url} class="public-link">
                {article.url}
              </a>
            </dd>
          </div>
        ) : null}
      </dl>
      {article.publishError ? (
        <div class="error" role="alert">
          {/* The job's own message is English for operators; the desk gets the catalogue's sentence. */}
          <strong>
            {t(article.publishError.code === 'stalled' ? 'meta.publishDelayed' : 'meta.publishFailed', {
              at: formatDateTime(article.publishError.at, desk?.timeZone),
            })}
          </strong>
        </div>
      ) : null}
      {article.status === 'unpublished' && article.unpublishReason ? (
        <p class="notice">{t('meta.unpublished', { reason: article.unpublishReason })}</p>
      ) : null}
    </>
  );
};
