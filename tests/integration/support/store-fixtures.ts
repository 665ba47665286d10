import { hashContent, type Article } from '../../../functions/domain/article.js';
import { isDomainError } from '../../../functions/domain/errors.js';

/** The moment the store tests' articles were written. */
export const T0 = Date.parse('2026-11-20T09:00:00.000Z');

/** A submitted politics article as the store keeps it, with any fields replaced. */
export const storedArticle = (id: string, patch: Partial<Article> = {}): Article => ({
  id,
  desk: 'politics',
  status: 'submitted',
  version: 1,
  revision: 1,
  title: 'T',
  slug: 't',
  lang: 'ru',
  author: { sub: 'u1', name: 'U' },
  body: '# T',
  contentHash: hashContent('# T'),
  fixes: [],
  corrections: [],
  createdAt: new Date(T0).toISOString(),
  updatedAt: new Date(T0).toISOString(),
  ...patch,
});

/** 'ok', or the code of the DomainError the store refused with (anything else is rethrown). */
export const codeOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
    return 'ok';
  } catch (e) {
    if (isDomainError(e)) return e.code;
    throw e;
  }
};
