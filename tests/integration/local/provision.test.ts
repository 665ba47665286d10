import { DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { ensureBucket, ensureTable } from '../../../functions/local/provision.js';
import { createTestBucket, createTestTable, testEnvironment, uniqueName } from '../support/emulators.js';

describe('ensureTable', () => {
  it('creates the table from the shared definition: keys, every GSI with its projection, on demand, TTL', async () => {
    const { documentClient } = testEnvironment();
    const name = await createTestTable();

    const { Table } = await documentClient.send(new DescribeTableCommand({ TableName: name }));
    const ttl = await documentClient.send(new DescribeTimeToLiveCommand({ TableName: name }));

    expect(Table?.TableStatus).toBe('ACTIVE');
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(Table?.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    const indexes = (Table?.GlobalSecondaryIndexes ?? [])
      .map((i) => ({
        name: i.IndexName,
        keys: i.KeySchema?.map((k) => k.AttributeName),
        projection: i.Projection?.ProjectionType,
        attributes: [...(i.Projection?.NonKeyAttributes ?? [])].sort(),
      }))
      .sort((a, b) => String(a.name).localeCompare(String(b.name)));
    expect(indexes).toEqual([
      { name: 'authorArticles', keys: ['gsi2pk', 'gsi2sk'], projection: 'ALL', attributes: [] },
      // Listings read only what they show: no story bodies.
      {
        name: 'deskPublished',
        keys: ['gsi3pk', 'gsi3sk'],
        projection: 'INCLUDE',
        attributes: [
          'deck',
          'desk',
          'firstPublishedAt',
          'id',
          'lang',
          'leadImage',
          'modifiedAt',
          'path',
          'status',
          'title',
        ],
      },
      { name: 'deskQueue', keys: ['gsi1pk', 'gsi1sk'], projection: 'ALL', attributes: [] },
      { name: 'dueForPublishing', keys: ['gsi5pk', 'gsi5sk'], projection: 'ALL', attributes: [] },
      {
        name: 'monthPublished',
        keys: ['gsi4pk', 'gsi4sk'],
        projection: 'INCLUDE',
        attributes: [
          'deck',
          'desk',
          'firstPublishedAt',
          'id',
          'lang',
          'leadImage',
          'modifiedAt',
          'path',
          'status',
          'title',
        ],
      },
    ]);
    expect(new Set(Table?.AttributeDefinitions?.map((a) => a.AttributeType))).toEqual(new Set(['S']));
    expect(ttl.TimeToLiveDescription).toMatchObject({ AttributeName: 'expiresAt', TimeToLiveStatus: 'ENABLED' });
  });

  it('is idempotent: a second call finds the table and leaves it as it is', async () => {
    const { documentClient } = testEnvironment();
    const name = uniqueName('newsroom-test');

    const first = await ensureTable(documentClient, name);
    const second = await ensureTable(documentClient, name);

    expect([first, second]).toEqual(['created', 'existed']);
  });
});

describe('ensureBucket', () => {
  it('is idempotent', async () => {
    const { s3Client } = testEnvironment();
    const name = uniqueName('newsroom-test');

    expect(await ensureBucket(s3Client, name)).toBe('created');
    expect(await ensureBucket(s3Client, name)).toBe('existed');
  });

  it('serves paginated listings (s3rver runs with the OpenSSL legacy provider its continuation tokens need)', async () => {
    const { s3Client } = testEnvironment();
    const bucket = await createTestBucket();
    for (const key of ['a.html', 'b.html', 'c.html']) {
      await s3Client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: key }));
    }

    const page1 = await s3Client.send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 2 }));
    const page2 = await s3Client.send(
      new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 2, ContinuationToken: page1.NextContinuationToken }),
    );

    expect(page1.Contents?.map((o) => o.Key)).toEqual(['a.html', 'b.html']);
    expect(page2.Contents?.map((o) => o.Key)).toEqual(['c.html']);
  });
});
