import { useMemo } from 'preact/hooks';
import { useI18n } from '../i18n/i18n.js';
import { DESCRIPTION_MAX, SEARCH_TITLE_MAX, SOCIAL_TITLE_MAX, countText } from '../lib/text-counts.js';

/**
 * Counts under the editor: characters, words, reading time, headline and standfirst against what search results
 * and social cards show, and a size warning from 80% of the save limit. Only the warning is a live region: counts
 * changing on every keystroke would drown a screen reader.
 */
export const WritingCounts = ({ text, id }: { text: string; id: string }) => {
  const { t } = useI18n();
  const c = useMemo(() => countText(text), [text]);
  const titleNote =
    c.titleLength > SOCIAL_TITLE_MAX
      ? t('counts.titleOverSocial', { max: SOCIAL_TITLE_MAX })
      : c.titleLength > SEARCH_TITLE_MAX
        ? t('counts.titleOverSearch', { max: SEARCH_TITLE_MAX })
        : t('counts.titleLimits', { search: SEARCH_TITLE_MAX, social: SOCIAL_TITLE_MAX });
  const standfirstOver = c.standfirstLength > DESCRIPTION_MAX;
  return (
    <section class="writing-counts" aria-label={t('counts.label')} id={id}>
      <ul class="counts-list">
        <li data-count="characters">{t('counts.characters', { n: c.characters, noSpaces: c.charactersNoSpaces })}</li>
        <li data-count="words">{t('counts.words', { n: c.words })}</li>
        <li data-count="reading" title={t('counts.readingHint')}>
          {t('counts.reading', { n: c.readingMinutes })}
        </li>
        <li data-count="title" class={c.titleLength > SEARCH_TITLE_MAX ? 'count-over' : undefined}>
          {t('counts.title', { n: c.titleLength })} <span class="muted">({titleNote})</span>
        </li>
        <li data-count="standfirst" class={standfirstOver ? 'count-over' : undefined}>
          {c.standfirstLength === 0 ? (
            t('counts.noStandfirst')
          ) : (
            <>
              {t('counts.standfirst', { n: c.standfirstLength })}{' '}
              <span class="muted">
                (
                {standfirstOver
                  ? t('counts.standfirstOver', { max: DESCRIPTION_MAX })
                  : t('counts.standfirstLimit', { max: DESCRIPTION_MAX })}
                )
              </span>
            </>
          )}
        </li>
      </ul>
      <p class="count-warning" aria-live="polite">
        {c.sizeWarning
          ? c.sizeWarning.remainingCharacters === 0
            ? t('counts.sizeFull')
            : t('counts.sizeWarning', { percent: c.sizeWarning.percent, n: c.sizeWarning.remainingCharacters })
          : ''}
      </p>
    </section>
  );
};
