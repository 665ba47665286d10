import { useI18n } from '../i18n/i18n.js';
import type { Fix } from '../../../functions/contract/responses.js';

/** The renderer's repairs to the draft (joined hyphenations, rejoined paragraphs): shown, never silent. */
export const FixesList = ({ fixes, headingId }: { fixes: readonly Fix[]; headingId: string }) => {
  const { t } = useI18n();
  const kindLabel = (kind: string): string =>
    kind === 'hyphenation' ? t('fixes.hyphenation') : kind === 'paragraph-join' ? t('fixes.paragraphJoin') : kind;
  return (
    <section class="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('fixes.heading', { count: fixes.length })}</h2>
      {fixes.length === 0 ? (
        <p class="muted">{t('fixes.none')}</p>
      ) : (
        <>
          <p class="muted">{t('fixes.explain')}</p>
          <ol class="fixes">
            {fixes.map((fix, i) => (
              <li key={i} class="fix">
                <span class="fix-kind">{kindLabel(fix.kind)}</span>{' '}
                <span class="muted">
                  {fix.part && fix.part !== 'body'
                    ? t(`fixes.part.${fix.part}`)
                    : t('fixes.paragraph', { n: fix.paragraph })}
                </span>
                <div class="fix-texts">
                  <span class="visually-hidden">{t('fixes.before')}</span>
                  <del class="fix-before">{fix.before}</del>
                  <span aria-hidden="true"> → </span>
                  <span class="visually-hidden">{t('fixes.after')}</span>
                  <ins class="fix-after">{fix.after}</ins>
                </div>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
};
