import type { ArticleEvent } from '../domain/article.js';
import type { Principal } from '../domain/principal.js';
import { applyCommand } from './apply-command.js';
import type { AppDeps } from './deps.js';

/** Comments are events in the article's history; they don't change its version. */
export const addComment =
  (deps: Pick<AppDeps, 'articles' | 'clock' | 'ids'>) =>
  async ({ actor, id, text }: { actor: Principal; id: string; text: string }): Promise<ArticleEvent> => {
    const [event] = (await applyCommand(deps)(id, actor, { type: 'comment', text })).events;
    if (!event) throw new Error(`a comment on ${id} was decided without an event`);
    return event;
  };
