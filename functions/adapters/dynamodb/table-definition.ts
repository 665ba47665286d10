/**
 * The one definition of the newsroom table: the CDK stack and the local stack both create the table from it,
 * so the emulator and AWS never drift apart. All key attributes are strings; every index projects ALL.
 *
 * Logical names here are part of the data: renaming an index or attribute is a migration, not a refactor.
 */
export interface IndexDefinition {
  /** Name of the global secondary index. */
  indexName: string;
  partitionKey: string;
  sortKey: string;
  /** The question this index answers. */
  purpose: string;
  /**
   * Non-key attributes the index carries (INCLUDE projection); absent = ALL. The published-list indexes carry only
   * what listings, feeds and sitemaps show, so rebuilding an index page never reads story bodies.
   */
  projectedAttributes?: readonly string[];
}

/** What a listing (front page, desk page, feed, news sitemap) needs of a published article. */
export const LISTING_ATTRIBUTES = [
  'id',
  'status',
  'title',
  'deck',
  'path',
  'desk',
  'lang',
  'firstPublishedAt',
  'modifiedAt',
  // The lead photograph's thumbnail (issue 11): front and desk pages show it without reading the article.
  'leadImage',
] as const;

export const TABLE_PARTITION_KEY = 'pk';
export const TABLE_SORT_KEY = 'sk';
/** Epoch seconds; DynamoDB's TTL deletes expired lease items (locks). */
export const TABLE_TTL_ATTRIBUTE = 'expiresAt';

export const TABLE_INDEXES = [
  {
    indexName: 'deskQueue',
    partitionKey: 'gsi1pk',
    sortKey: 'gsi1sk',
    purpose: "a desk's articles in one status, most recently updated first",
  },
  {
    indexName: 'authorArticles',
    partitionKey: 'gsi2pk',
    sortKey: 'gsi2sk',
    purpose: "a reporter's own articles, most recently updated first",
  },
  {
    indexName: 'deskPublished',
    partitionKey: 'gsi3pk',
    sortKey: 'gsi3sk',
    purpose: "a desk's live articles by publication date (desk pages, desk feeds, the reconcile)",
    projectedAttributes: LISTING_ATTRIBUTES,
  },
  {
    indexName: 'monthPublished',
    partitionKey: 'gsi4pk',
    sortKey: 'gsi4sk',
    purpose: 'all live articles of one month by publication time (the news sitemap: the last 48 hours)',
    projectedAttributes: LISTING_ATTRIBUTES,
  },
  {
    indexName: 'dueForPublishing',
    partitionKey: 'gsi5pk',
    sortKey: 'gsi5sk',
    purpose: 'scheduled articles by due time, for the publishing tick',
  },
] as const satisfies readonly IndexDefinition[];

export type IndexName = (typeof TABLE_INDEXES)[number]['indexName'];
