import desksJson from '../../content/desks.json' with { type: 'json' };
import siteJson from '../../content/site.json' with { type: 'json' };
import * as z from 'zod/mini';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import { createDynamoDbArticleOverview } from '../adapters/dynamodb/dynamodb-article-overview.js';
import { createDynamoDbArticleStore } from '../adapters/dynamodb/dynamodb-article-store.js';
import { createDynamoDbPresenceStore } from '../adapters/dynamodb/dynamodb-presence-store.js';
import { createDynamoDbNotificationStore } from '../adapters/dynamodb/dynamodb-notification-store.js';
import { createDynamoDbPublishedIndex } from '../adapters/dynamodb/dynamodb-published-index.js';
import { createDynamoDbSiteIndexLock } from '../adapters/dynamodb/dynamodb-site-index-lock.js';
import { createDynamoDbTopicIndex } from '../adapters/dynamodb/dynamodb-topic-index.js';
import { createS3SiteStore } from '../adapters/s3/s3-site-store.js';
import { createDynamoDbMediaStore } from '../adapters/dynamodb/dynamodb-media-store.js';
import { createS3MediaFiles } from '../adapters/s3/s3-media-files.js';
import { createUlidGenerator, jsonLogger, systemClock } from '../adapters/system.js';
import { buildDeskDirectory, parseDesks } from '../domain/desk.js';
import type { SiteConfig } from '../domain/render/types.js';
import type { Cdn } from '../ports/cdn.js';
import type { Clock, IdGenerator } from '../ports/clock.js';
import type { LoadParser } from '../ports/draft-parser.js';
import type { Logger } from '../ports/logger.js';
import type { AppDeps } from '../use-cases/deps.js';

const siteSchema = z.object({
  name: z.string().check(z.minLength(1)),
  lang: z.enum(['ru', 'en']),
  description: z.string(),
});

export interface ComposeOptions {
  documentClient: DynamoDBDocumentClient;
  s3: S3Client;
  tableName: string;
  siteBucket: string;
  /** The private uploads bucket (photo desk); without it no image can be uploaded or published. */
  uploadsBucket?: string;
  siteBaseUrl: string;
  cdn: Cdn;
  /** Desks as JSON text (DESKS_JSON); content/desks.json when absent. */
  desksJson?: string;
  clock?: Clock;
  ids?: IdGenerator;
  log?: Logger;
}

const loadDraftParser: LoadParser = async () => {
  const [{ parseDraft }, { buildSlug }] = await Promise.all([
    import('../domain/render/parse-draft.js'),
    import('../domain/render/slug.js'),
  ]);
  return { parseDraft, buildSlug };
};

/** Builds the use cases' dependencies from adapters: shared by the Lambda handlers and the local stack. */
export const composeAppDeps = (options: ComposeOptions): AppDeps => {
  const desks = parseDesks(options.desksJson ? JSON.parse(options.desksJson) : desksJson);
  const site = siteSchema.parse(siteJson);
  const siteConfig: SiteConfig = { ...site, baseUrl: options.siteBaseUrl.replace(/\/+$/, '') };
  const table = { client: options.documentClient, tableName: options.tableName };
  return {
    articles: createDynamoDbArticleStore(table),
    publishedIndex: createDynamoDbPublishedIndex(table),
    siteIndexLock: createDynamoDbSiteIndexLock(table),
    site: createS3SiteStore({ client: options.s3, bucket: options.siteBucket }),
    cdn: options.cdn,
    clock: options.clock ?? systemClock,
    ids: options.ids ?? createUlidGenerator(),
    desks: buildDeskDirectory(desks),
    siteConfig,
    // Loaded on first use: routes that never render don't pay for typograf and the templates at cold start, and
    // routes that never read a draft's text don't pay for yaml, markdown-it and transliteration either.
    loadRenderer: () => import('../domain/render/index.js'),
    loadParser: loadDraftParser,
    log: options.log ?? jsonLogger,
    topics: createDynamoDbTopicIndex(table),
    media: createDynamoDbMediaStore(table),
    ...(options.uploadsBucket
      ? {
          mediaFiles: createS3MediaFiles({
            client: options.s3,
            uploadsBucket: options.uploadsBucket,
            siteBucket: options.siteBucket,
          }),
        }
      : {}),
    presence: createDynamoDbPresenceStore(table),
    overview: createDynamoDbArticleOverview(table),
    notifications: createDynamoDbNotificationStore(table),
  };
};
