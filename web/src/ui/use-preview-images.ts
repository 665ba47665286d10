import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../app-context.js';
import { inlinePreviewImages, previewImageUrls } from '../lib/draft-images.js';

/** Fetched renditions by URL, kept for the session: the preview re-renders on every pause in typing. */
const cache = new Map<string, string>();

/**
 * The preview page with its photographs written in (see inlinePreviewImages): fetched through the authenticated
 * path with the bearer token, since the sandboxed frame cannot send one.
 */
export const usePreviewImages = (html: string | undefined): string | undefined => {
  const { media } = useApp();
  const [, setFetched] = useState(0);
  const missing = html ? previewImageUrls(html).filter((url) => !cache.has(url)) : [];
  const key = missing.join(' ');
  useEffect(() => {
    if (!key) return undefined;
    let live = true;
    void Promise.all(
      key.split(' ').map((url) =>
        media
          .fetchAsDataUrl(url)
          .then((data) => cache.set(url, data))
          .catch(() => undefined),
      ),
    ).then(() => live && setFetched((n) => n + 1));
    return () => {
      live = false;
    };
  }, [media, key]);
  return html === undefined ? undefined : inlinePreviewImages(html, cache);
};
