import { useState } from 'preact/hooks';
import { describeError } from '../i18n/error-keys.js';
import { useI18n } from '../i18n/i18n.js';
import { usePreviewImages } from './use-preview-images.js';

export const PREVIEW_WIDTHS = ['normal', 'wide', 'phone'] as const;
export type PreviewWidth = (typeof PREVIEW_WIDTHS)[number];

/**
 * The rendered page in a sandboxed iframe: `sandbox=""` gives it a unique origin and no scripts (it has none
 * anyway), `srcdoc` avoids a second authenticated request from the frame. Honest about what it shows: whether the
 * story is live, and, when the last request failed, that the page shown is out of date and why (issue 12 §6).
 * Shown beside the text, across the whole screen, or at a phone's width (360 px).
 */
export const PreviewFrame = ({
  html,
  state,
  error,
  published,
  idPrefix,
}: {
  html: string | undefined;
  state: 'loading' | 'ready' | 'error';
  /** Why the last preview failed (state `error`). */
  error?: unknown;
  /** The story is live: the preview shows the current edit, not what readers see. */
  published: boolean;
  idPrefix: string;
}) => {
  const { t, lang } = useI18n();
  const shown = usePreviewImages(html);
  const [width, setWidth] = useState<PreviewWidth>('normal');
  const outdated = state === 'error' && html !== undefined;
  return (
    <div class={`preview preview-${width}${outdated ? ' preview-outdated' : ''}`} aria-busy={state === 'loading'}>
      <p class={published ? 'notice preview-banner published' : 'muted preview-banner'}>
        {published ? t('preview.bannerPublished') : t('preview.bannerDraft')}
      </p>
      <fieldset class="preview-widths">
        <legend class="visually-hidden">{t('preview.width')}</legend>
        {PREVIEW_WIDTHS.map((w) => (
          <span class="radio" key={w}>
            <input
              type="radio"
              id={`${idPrefix}-width-${w}`}
              name={`${idPrefix}-width`}
              checked={width === w}
              onChange={() => setWidth(w)}
            />
            <label for={`${idPrefix}-width-${w}`}>{t(`preview.width.${w}`)}</label>
          </span>
        ))}
      </fieldset>
      {state === 'error' ? (
        <p class="error preview-error" role="alert">
          {outdated
            ? t('preview.outdated', { reason: describeError(lang, error) })
            : `${t('preview.error')} ${describeError(lang, error)}`}
        </p>
      ) : null}
      {html !== undefined ? (
        <iframe class="preview-frame" title={t('preview.frameTitle')} sandbox="" srcdoc={shown} />
      ) : state === 'loading' ? (
        <p class="muted">{t('common.loading')}</p>
      ) : null}
    </div>
  );
};
