/**
 * A render worker that misbehaves on request, for the worker-renderer tests: a draft containing ALLOCATE-FOREVER
 * grows the heap until the worker's limit kills it, SPIN-FOREVER never returns; anything else is rendered for real.
 */
import { parseDraft, renderArticlePage } from '../../../../functions/domain/render/index.js';
import type { ArticlePageInput, ParseDraftOptions } from '../../../../functions/domain/render/types.js';
import { serveRenderCalls } from '../../../../functions/adapters/worker/render-worker-protocol.js';

const hoard: string[][] = [];

serveRenderCalls((fn, args) => {
  const text = JSON.stringify(args[0]);
  if (text.includes('ALLOCATE-FOREVER')) {
    for (;;) hoard.push(Array.from({ length: 100_000 }, (_, i) => `${i}-${hoard.length}`));
  }
  if (text.includes('SPIN-FOREVER')) {
    for (;;) Math.sqrt(hoard.length);
  }
  return fn === 'parseDraft'
    ? parseDraft(args[0] as string, args[1] as ParseDraftOptions)
    : renderArticlePage(args[0] as ArticlePageInput);
});
