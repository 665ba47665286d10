/** A thread of render-pool.ts: renders the article pages it is sent, one message each, answering on the same port. */
import { parentPort } from 'node:worker_threads';
import { isDomainError } from '../../domain/errors.js';
import { renderArticlePage } from '../../domain/render/index.js';
import type { ArticlePageInput } from '../../domain/render/types.js';

parentPort?.on('message', (message: { id: number; input: ArticlePageInput }) => {
  try {
    parentPort?.postMessage({ id: message.id, html: renderArticlePage(message.input) });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    parentPort?.postMessage({ id: message.id, error: isDomainError(error) ? `${error.code}: ${reason}` : reason });
  }
});
