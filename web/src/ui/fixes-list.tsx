import { useI18n } from '../i18n/i18n.js';
import type { Fix } from '../../../functions/contract/responses.js';
import { locateFix, revealInTextarea, showBreaks } from '../lib/fix-text.js';

/**
 * The renderer's repairs to the draft (joined hyphenations, rejoined paragraphs): shown, never silent. "Before"
 * shows the removed break (¶, ↵); with `textareaId`, each repair has a button that selects it in the text.
 */
export const FixesList = ({
  fixes,
  headingId,
  textareaId,
}: {
  fixes: readonly Fix[];
  headingId: string;
  /** The textarea holding the text being edited, if this screen has one. */
  textareaId?: string;
}) => {
  const { t } = useI18n();
  const kindLabel = (kind: string): string =>
    kind === 'hyphenation' ? t('fixes.hyphenation') : kind === 'paragraph-join' ? t('fixes.paragraphJoin') : kind;
  const jump = (fix: Fix): void => {
    const textarea = textareaId ? document.getElementById(textareaId) : null;
    if (!(textarea instanceof HTMLTextAreaElement)) return;
    const at = locateFix(textarea.value, fix.before);
    if (at) revealInTextarea(textarea, at.start, at.end);
    else textarea.focus();
  };
  return (
    <section class="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('fixes.heading', { count: fixes.length })}</h2>
      {fixes.length === 0 ? (
        <p class="muted">{t('fixes.none')}</p>
      ) : (
        <>
          <p class="muted">
            {t('fixes.explain')} {t('fixes.breakLegend')}
          </p>
          <ol class="fixes">
            {fixes.map((fix, i) => (
              <li key={i} class="fix">
                <span class="fix-kind">{kindLabel(fix.kind)}</span>{' '}
                <span class="muted">
                  {fix.part && fix.part !== 'body'
                    ? t(`fixes.part.${fix.part}`)
                    : t('fixes.paragraph', { n: fix.paragraph })}
                </span>
                {textareaId ? (
                  <>
                    {' '}
                    <button type="button" class="link-button fix-show" onClick={() => jump(fix)}>
                      {t('fixes.show')}
                    </button>
                  </>
                ) : null}
                <div class="fix-texts">
                  <span class="visually-hidden">{t('fixes.before')}</span>
                  <del class="fix-before">{showBreaks(fix.before)}</del>
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
