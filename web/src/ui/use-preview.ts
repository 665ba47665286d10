import { useEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../app-context.js';
import { ApiError } from '../lib/api.js';
import type { Article } from '../../../functions/contract/responses.js';

export interface PreviewState {
  html: string | undefined;
  state: 'loading' | 'ready' | 'error';
  /** The live route is missing, so the preview shows the last saved text. */
  savedOnly: boolean;
  /** Why the last request failed: the page still shown (if any) is out of date. */
  error?: unknown;
}

/** Waits for a pause in typing before asking the renderer again. */
const LIVE_DELAY_MS = 400;

/** The page as saved (`GET /api/articles/{id}/preview`), refetched when the version changes. */
export const useSavedPreview = (id: string, version: number): PreviewState => {
  const { api } = useApp();
  const [state, setState] = useState<PreviewState>({ html: undefined, state: 'loading', savedOnly: true });
  useEffect(() => {
    const abort = new AbortController();
    setState((s) => ({ ...s, state: 'loading' }));
    api
      .preview(id, abort.signal)
      .then((html) => setState({ html, state: 'ready', savedOnly: true }))
      .catch((error: unknown) => {
        if (!abort.signal.aborted) setState((s) => ({ ...s, state: 'error', error }));
      });
    return () => abort.abort();
  }, [api, id, version]);
  return state;
};

/**
 * The page as the unsaved text would render (`POST /api/preview`, the real renderer on the server). Falls back to
 * the saved preview when the route is not there.
 */
export const useLivePreview = (article: Article, text: string | undefined): PreviewState => {
  const { api } = useApp();
  const [state, setState] = useState<PreviewState>({ html: undefined, state: 'loading', savedOnly: false });
  const liveMissing = useRef(false);
  useEffect(() => {
    if (text === undefined) return undefined;
    const abort = new AbortController();
    const timer = setTimeout(
      () => {
        const request = liveMissing.current
          ? api.preview(article.id, abort.signal)
          : api.previewText(article.desk, text, abort.signal, article.status === 'published');
        request
          .then((html) => setState({ html, state: 'ready', savedOnly: liveMissing.current }))
          .catch((error: unknown) => {
            if (abort.signal.aborted) return;
            if (!liveMissing.current && error instanceof ApiError && (error.status === 404 || error.status === 405)) {
              liveMissing.current = true;
              void api
                .preview(article.id, abort.signal)
                .then((html) => setState({ html, state: 'ready', savedOnly: true }))
                .catch((e: unknown) => setState((s) => ({ ...s, state: 'error', error: e })));
              return;
            }
            setState((s) => ({ ...s, state: 'error', error }));
          });
      },
      state.html === undefined ? 0 : LIVE_DELAY_MS,
    );
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
    // Deliberately not every dependency: the text counts only while there is no saved page to show.
  }, [api, article.id, article.desk, liveMissing.current ? article.version : text]);
  return state;
};
