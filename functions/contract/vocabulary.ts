/**
 * The contract's plain value lists, without schemas: the newsroom app imports these at run time, and importing
 * requests.ts for them would put every request schema (and zod's checks) in its bundle.
 */
export const ARTICLE_ACTIONS = [
  'submit',
  'withdraw',
  'request-changes',
  'approve',
  'publish',
  'cancel-schedule',
  'correct',
  'unpublish',
  'restore',
] as const;
export type ArticleAction = (typeof ARTICLE_ACTIONS)[number];

export { UNPUBLISH_KINDS, type UnpublishKind } from '../domain/article-status.js';

/** Where in the story a repair was made; absent means the body. */
export const FIX_PARTS = ['body', 'deck', 'lede', 'signature'] as const;
