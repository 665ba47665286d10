import type { TopicKind, TopicRef } from '../domain/bylines.js';
import type { PublishedStory } from './published-index.js';

/**
 * The stories of each author and tag page, kept beside the published lists: one small item per (topic, story),
 * written when the story's site indexes are rebuilt, so a publish touches only the story's own authors and tags.
 */
export interface TopicIndex {
  /**
   * Puts the story on exactly `refs` (none: takes it off every page), in one transaction that also records which
   * topics hold it. `version` is the article version the caller read: an older one than last applied is ignored, so
   * a slow runner never puts back a story a take-down removed. Answers the topics it was on before.
   */
  syncStory(input: {
    articleId: string;
    version: number;
    story: PublishedStory | undefined;
    refs: readonly TopicRef[];
  }): Promise<{ applied: boolean; previous: TopicRef[] }>;
  /** The newest `limit` stories of one topic (one query), with the topic's name as last written. */
  latest(kind: TopicKind, slug: string, limit: number): Promise<{ name?: string; items: PublishedStory[] }>;
  /** Adds topics to the registry; answers those that were not there. */
  register(refs: readonly TopicRef[]): Promise<TopicRef[]>;
  unregister(kind: TopicKind, slug: string): Promise<void>;
  /** Every registered topic, up to `limit` (the topics sitemap). */
  listTopics(limit: number): Promise<TopicRef[]>;
  /** Records an editorial take-down for partners (`canceled` in ninjs); idempotent. */
  recordWithdrawal(entry: Withdrawal): Promise<void>;
  /** Forgets a story's take-down (restored and live again, or taken down for legal reasons: no trace). */
  forgetWithdrawal(articleId: string): Promise<void>;
  /** The newest `limit` take-downs. */
  withdrawals(limit: number): Promise<Withdrawal[]>;
}

/** A story taken down for editorial reasons, as partners are told: its URI, the canceled version and when. */
export interface Withdrawal {
  articleId: string;
  uri: string;
  version: string;
  at: string;
  firstPublishedAt: string;
  lang: string;
}
