import { useI18n } from '../i18n/i18n.js';
import { usePreviewImages } from './use-preview-images.js';

/**
 * The rendered page in a sandboxed iframe: `sandbox=""` gives it a unique origin and no scripts (it has none
 * anyway), `srcdoc` avoids a second authenticated request from the frame.
 */
export const PreviewFrame = ({ html, state }: { html: string | undefined; state: 'loading' | 'ready' | 'error' }) => {
  const { t } = useI18n();
  const shown = usePreviewImages(html);
  return (
    <div class="preview" aria-busy={state === 'loading'}>
      {html !== undefined ? (
        <iframe class="preview-frame" title={t('preview.frameTitle')} sandbox="" srcdoc={shown} />
      ) : (
        <p class="muted">{state === 'error' ? t('preview.error') : t('common.loading')}</p>
      )}
    </div>
  );
};
