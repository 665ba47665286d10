/** The render worker started by worker-renderer.ts: the real draft parser and article renderer. */
import { parseDraft, renderArticlePage } from '../../domain/render/index.js';
import type { ArticlePageInput, ParseDraftOptions } from '../../domain/render/types.js';
import { serveRenderCalls } from './render-worker-protocol.js';

// The arguments are what our own main thread passed through the port (a structured clone), already typed there.
serveRenderCalls((fn, args) =>
  fn === 'parseDraft'
    ? parseDraft(args[0] as string, args[1] as ParseDraftOptions)
    : renderArticlePage(args[0] as ArticlePageInput),
);
