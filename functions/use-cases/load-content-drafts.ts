import { DomainError } from '../domain/errors.js';
import type { Principal } from '../domain/principal.js';
import { applyCommand } from './apply-command.js';
import { createArticle } from './create-article.js';
import type { AppDeps } from './deps.js';
import { draftContentOf, inferDesk } from './draft-content.js';

export interface ContentDraft {
  /** File name, e.g. otg-justice-ministers-baku.txt: it names the article, so loading twice changes nothing. */
  name: string;
  text: string;
}

export interface LoadedDraft {
  name: string;
  id: string;
  desk: string;
  outcome: 'created' | 'exists';
}

export const contentArticleId = (name: string): string =>
  `content-${name
    .replace(/\.[a-z]+$/i, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}`;

/**
 * Loads the drafts kept in content/ as a reporter's submissions, so they wait in their desk's queue. A draft's desk
 * comes from its front matter, else from a signature naming a desk ("Отдел политики"), else the first desk.
 */
export const loadContentDrafts =
  (deps: AppDeps) =>
  async ({ drafts, reporter }: { drafts: ContentDraft[]; reporter: Principal }): Promise<LoadedDraft[]> => {
    const results: LoadedDraft[] = [];
    for (const draft of drafts) {
      const id = contentArticleId(draft.name);
      const existing = await deps.articles.get(id);
      if (existing) {
        results.push({ name: draft.name, id, desk: existing.desk, outcome: 'exists' });
        continue;
      }
      const { parsed } = draftContentOf(await deps.loadParser(), draft.text, deps.desks);
      const desk = inferDesk(parsed, deps.desks) ?? [...deps.desks.values()][0];
      if (!desk) throw new DomainError('invalid_input', 'no desks are configured');
      const article = await createArticle(deps)({ actor: reporter, desk: desk.id, body: draft.text, id });
      await applyCommand(deps)(id, reporter, { type: 'submit', version: article.version });
      results.push({ name: draft.name, id, desk: desk.id, outcome: 'created' });
    }
    return results;
  };
