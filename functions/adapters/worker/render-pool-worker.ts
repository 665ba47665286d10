/**
 * A thread of render-pool.ts: renders the article pages it is sent, answering on the same port. A story batch comes in
 * two messages: `parse` (the stories' text; the thread keeps the parsed drafts and answers the photographs they name)
 * and `render` (those photographs; the thread answers the pages), so only text and pages cross the thread boundary.
 */
import { parentPort } from 'node:worker_threads';
import { articlePageInputOf, type StoryPageFacts } from '../../domain/article-page.js';
import { isDomainError } from '../../domain/errors.js';
import { buildSlug, parseDraft, renderArticlePage } from '../../domain/render/index.js';
import type { ArticlePageInput, PageImage, ParsedDraft, SiteConfig } from '../../domain/render/types.js';

type Message =
  | { kind: 'page'; id: number; input: ArticlePageInput }
  | {
      kind: 'parse';
      id: number;
      site: SiteConfig;
      deskNames: string[];
      stories: Array<{ body: string; facts: StoryPageFacts }>;
    }
  | { kind: 'render'; id: number; images: Array<[string, PageImage]> };

const reasonOf = (error: unknown): string => {
  const reason = error instanceof Error ? error.message : String(error);
  return isDomainError(error) ? `${error.code}: ${reason}` : reason;
};

type ParsedStory = { parsed: ParsedDraft; facts: StoryPageFacts } | { error: string };
/** Batches parsed and waiting for their photographs, by message id. */
const parsedBatches = new Map<number, { site: SiteConfig; stories: ParsedStory[] }>();

// The messages come from our own main thread (render-pool.ts), typed there; a structured clone keeps the shapes.
parentPort?.on('message', (message: Message) => {
  if (message.kind === 'parse') {
    const stories = message.stories.map((s): ParsedStory => {
      try {
        return { parsed: parseDraft(s.body, { deskNames: message.deskNames }), facts: s.facts };
      } catch (error) {
        return { error: reasonOf(error) };
      }
    });
    parsedBatches.set(message.id, { site: message.site, stories });
    const mediaIds = stories.map((s) => ('parsed' in s ? [...(s.parsed.mediaIds ?? [])] : []));
    parentPort?.postMessage({ id: message.id, mediaIds });
    return;
  }
  if (message.kind === 'render') {
    const batch = parsedBatches.get(message.id);
    parsedBatches.delete(message.id);
    if (!batch) {
      parentPort?.postMessage({ id: message.id, pages: [] });
      return;
    }
    const { site } = batch;
    const images = new Map(message.images);
    const pages = batch.stories.map((s) => {
      if ('error' in s) return s;
      try {
        // Each page gets its own photographs only, as the publishing job hands them (pageImagesOf).
        const own = new Map(
          (s.parsed.mediaIds ?? []).flatMap((id) => {
            const image = images.get(id);
            return image ? [[id, image] as const] : [];
          }),
        );
        return { html: renderArticlePage(articlePageInputOf(s.parsed, s.facts, site, buildSlug, { images: own })) };
      } catch (error) {
        return { error: reasonOf(error) };
      }
    });
    parentPort?.postMessage({ id: message.id, pages });
    return;
  }
  try {
    parentPort?.postMessage({ id: message.id, html: renderArticlePage(message.input) });
  } catch (error) {
    parentPort?.postMessage({ id: message.id, error: reasonOf(error) });
  }
});
