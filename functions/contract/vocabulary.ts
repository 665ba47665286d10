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
] as const;
export type ArticleAction = (typeof ARTICLE_ACTIONS)[number];

export const UNPUBLISH_KINDS = ['editorial', 'legal'] as const;
/** `editorial`: the 410 notice names the story; `legal`: no public document keeps a trace of its title. */
export type UnpublishKind = (typeof UNPUBLISH_KINDS)[number];

/** Where in the story a repair was made; absent means the body. */
export const FIX_PARTS = ['body', 'deck', 'lede', 'signature'] as const;
