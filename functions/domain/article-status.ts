/** The lifecycle's states (architecture.md §2). Browser-safe: the newsroom app imports this same list. */
export const ARTICLE_STATUSES = [
  'draft',
  'submitted',
  'changes_requested',
  'approved',
  'scheduled',
  'published',
  'unpublished',
] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

/** `editorial`: the 410 notice names the story; `legal`: no public document keeps a trace of its title. */
export const UNPUBLISH_KINDS = ['editorial', 'legal'] as const;
export type UnpublishKind = (typeof UNPUBLISH_KINDS)[number];
