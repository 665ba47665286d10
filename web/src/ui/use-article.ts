import { useCallback, useEffect, useState } from 'preact/hooks';
import { useApp } from '../app-context.js';
import type { Article, ArticleEvent } from '../../../functions/contract/responses.js';

export interface ArticleState {
  article: Article | undefined;
  events: ArticleEvent[];
  error: unknown;
  reload: () => Promise<void>;
  /** Takes the article an action answered with, then refreshes the history. */
  replace: (article: Article) => void;
}

export const useArticle = (id: string): ArticleState => {
  const { api } = useApp();
  const [article, setArticle] = useState<Article | undefined>();
  const [events, setEvents] = useState<ArticleEvent[]>([]);
  const [error, setError] = useState<unknown>();
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
      void loadHistory();
    },
    [loadHistory],
  );
  return { article, events, error, reload, replace };
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
