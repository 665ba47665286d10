import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../app-context.js';
import { ApiError } from '../lib/api.js';
import type { Article, ArticleEvent, ArticleStatus } from '../../../functions/contract/responses.js';

/**
 * What an action found when it was refused because the story moved on while the screen showed it (404, 409):
 * the story as it now is (`changed`), or that it is no longer visible to this person (`gone`: a story becomes
 * invisible to the desk only by going back to its author as a draft).
 */
export type StateChange =
  | { kind: 'changed'; status: ArticleStatus; version: number; sameStatus: boolean; withdrawn: boolean }
  | { kind: 'gone'; wasStatus: ArticleStatus | undefined };

/** Refusals that mean "the story is not as you saw it" (a `conflict` is transient: the same action may be retried). */
export const isStaleRefusal = (error: unknown): boolean =>
  error instanceof ApiError &&
  (error.code === 'not_found' || error.code === 'invalid_transition' || error.code === 'stale_version');

export interface ArticleState {
  article: Article | undefined;
  events: ArticleEvent[];
  error: unknown;
  reload: () => Promise<void>;
  /** Takes the article an action answered with, then refreshes the history. */
  replace: (article: Article) => void;
  /**
   * After a refused action: if the refusal means the story moved on, refetch it and say what it is now (true);
   * else false, and the caller shows the error.
   */
  recover: (error: unknown) => Promise<boolean>;
  stateChange: StateChange | undefined;
}

export const useArticle = (id: string): ArticleState => {
  const { api } = useApp();
  const [article, setArticle] = useState<Article | undefined>();
  const [events, setEvents] = useState<ArticleEvent[]>([]);
  const [error, setError] = useState<unknown>();
  const [stateChange, setStateChange] = useState<StateChange | undefined>();
  const shown = useRef<Article | undefined>(undefined);
  shown.current = article;
  const loadHistory = useCallback(
    () =>
      api
        .history(id)
        .then(setEvents)
        .catch(() => undefined),
    [api, id],
  );
  const reload = useCallback(async () => {
    try {
      setArticle(await api.getArticle(id));
      setError(undefined);
      await loadHistory();
    } catch (e) {
      setError(e);
    }
  }, [api, id, loadHistory]);
  useEffect(() => {
    setArticle(undefined);
    setEvents([]);
    void reload();
  }, [reload]);
  const replace = useCallback(
    (next: Article) => {
      setArticle(next);
      setStateChange(undefined);
      void loadHistory();
    },
    [loadHistory],
  );
  const recover = useCallback(
    async (refusal: unknown): Promise<boolean> => {
      if (!isStaleRefusal(refusal)) return false;
      const before = shown.current;
      try {
        const fresh = await api.getArticle(id);
        const history = await api.history(id).catch((): ArticleEvent[] => []);
        setArticle(fresh);
        setEvents(history);
        setStateChange({
          kind: 'changed',
          status: fresh.status,
          version: fresh.version,
          sameStatus: before?.status === fresh.status,
          withdrawn: history.at(-1)?.type === 'withdrawn',
        });
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) setStateChange({ kind: 'gone', wasStatus: before?.status });
        else return false;
      }
      return true;
    },
    [api, id],
  );
  return { article, events, error, reload, replace, recover, stateChange };
};

/** Runs one action at a time and keeps its error for display. */
export const useAction = () => {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const run = async (action: () => Promise<void>): Promise<boolean> => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run, setError };
};
