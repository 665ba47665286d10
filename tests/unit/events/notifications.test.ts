import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { marshall } from '@aws-sdk/util-dynamodb';
import * as contract from '../../../functions/contract/notifications.js';
import { eventOfStreamRecord } from '../../../functions/adapters/dynamodb/stream-record.js';
import type { ArticleEvent } from '../../../functions/domain/article.js';
import {
  SIGNATURE_TOLERANCE_SECONDS,
  buildChannelPost,
  buildWebhookPayload,
  signWebhook,
  verifyWebhook,
} from '../../../functions/domain/distribution.js';
import {
  NOTIFICATION_CHANNELS,
  NOTIFICATION_KINDS,
  buildNotificationMessage,
  decideRecipients,
  extractMentions,
  mentionNames,
  storyLink,
} from '../../../functions/domain/notifications.js';

const event = (over: Partial<ArticleEvent>): ArticleEvent => ({
  id: '01JEVENT0000000000000000AA',
  articleId: 'a1',
  type: 'submitted',
  at: '2026-11-20T09:00:00.000Z',
  actor: { sub: 'demo-reporter', name: 'Анна Смирнова' },
  revision: 1,
  ...over,
});
const article = { author: { sub: 'demo-reporter', name: 'Анна Смирнова' } };
const editors = [{ sub: 'demo-editor' }, { sub: 'demo-editor-2' }];

describe('who is told', () => {
  it('submit → the desk editors; request changes, approve, publish, unpublish → the author', () => {
    expect(decideRecipients({ event: event({}), article, deskEditors: editors, mentioned: [] })).toEqual([
      { sub: 'demo-editor', kind: 'submitted' },
      { sub: 'demo-editor-2', kind: 'submitted' },
    ]);
    for (const type of ['changes_requested', 'approved', 'published', 'unpublished'] as const) {
      const e = event({ type, actor: { sub: 'demo-editor', name: 'Борис Лебедев' } });
      expect(decideRecipients({ event: e, article, deskEditors: editors, mentioned: [] })).toEqual([
        { sub: 'demo-reporter', kind: type },
      ]);
    }
  });

  it('a comment goes to the other party, a mention to that person, and nobody hears of their own act', () => {
    const byAuthor = event({ type: 'commented', comment: 'Готово' });
    expect(
      decideRecipients({ event: byAuthor, article, deskEditors: editors, mentioned: [] }).map((r) => r.sub),
    ).toEqual(['demo-editor', 'demo-editor-2']);
    const byEditor = event({
      type: 'commented',
      actor: { sub: 'demo-editor', name: 'Борис' },
      comment: '@Галина, глянь',
    });
    expect(
      decideRecipients({
        event: byEditor,
        article,
        deskEditors: editors,
        mentioned: [{ sub: 'demo-editor-2' }, { sub: 'demo-editor' }],
      }),
    ).toEqual([
      { sub: 'demo-reporter', kind: 'commented' },
      { sub: 'demo-editor-2', kind: 'mentioned' },
    ]);
  });

  it('finds @mentions by first name or id, not inside e-mail addresses', () => {
    expect(extractMentions('@Галина и @demo-editor, пишите на anna@example.org; @Галина')).toEqual([
      'галина',
      'demo-editor',
    ]);
    expect(mentionNames({ sub: 'demo-editor-2', name: 'Галина Петрова' }, 'галина')).toBe(true);
    expect(mentionNames({ sub: 'demo-editor-2', name: 'Галина Петрова' }, 'петрова')).toBe(false);
  });
});

describe('what they are told', () => {
  it('in Russian for a Russian desk, with the comment and a link to the story in the app', () => {
    const link = storyLink('https://news.example.org/newsroom/', 'a1', true);
    expect(link).toBe('https://news.example.org/newsroom/#/articles/a1');
    const m = buildNotificationMessage({
      kind: 'changes_requested',
      lang: 'ru',
      title: 'Страны ОТГ усиливают правовое сотрудничество',
      actorName: 'Борис Лебедев',
      comment: 'Уточните дату',
      link,
    });
    expect(m.subject).toBe('Борис Лебедев просит доработать «Страны ОТГ усиливают правовое сотрудничество»');
    expect(m.text).toBe(`${m.subject}\n\nУточните дату\n\nОткрыть материал: ${link}`);
  });

  it('in English for an English desk; editors get the review screen', () => {
    const m = buildNotificationMessage({
      kind: 'submitted',
      lang: 'en',
      title: 'Ministers meet',
      actorName: 'Anna',
      link: storyLink('https://x.test/newsroom', 'a 1', false),
    });
    expect(m.text).toBe('Anna submitted “Ministers meet”\n\nOpen the story: https://x.test/newsroom/#/review/a%201');
  });

  it('the contract lists the same kinds and channels as the domain', () => {
    expect(contract.NOTIFICATION_KINDS).toEqual(NOTIFICATION_KINDS);
    expect(contract.NOTIFICATION_CHANNELS).toEqual(NOTIFICATION_CHANNELS);
  });
});

describe('distribution', () => {
  it('posts title, standfirst and link to the channel', () => {
    expect(buildChannelPost({ title: 'Заголовок', deck: 'Подзаголовок', url: 'https://x.test/p/' })).toBe(
      'Заголовок\n\nПодзаголовок\n\nhttps://x.test/p/',
    );
    expect(buildChannelPost({ title: 'Заголовок', url: 'https://x.test/p/' })).toBe('Заголовок\n\nhttps://x.test/p/');
  });

  it('a legal take-down tells partners nothing about the story’s address or reason', () => {
    const p = buildWebhookPayload(
      { ...event({ type: 'unpublished', comment: 'суд', unpublishKind: 'legal' }), type: 'unpublished' },
      { id: 'a1', desk: 'politics', title: 'T', lang: 'ru' },
      'https://x.test/p/',
    );
    expect(p.article.url).toBeUndefined();
    expect(p.note).toBeUndefined();
  });
});

describe('webhook signatures', () => {
  const secret = 'partner-secret';
  const body = '{"id":"1","type":"published"}';
  const ts = 1_790_000_000;

  it('verify with a few lines of node:crypto, as a partner would write them', () => {
    const header = signWebhook(secret, ts, body);
    // The receiver's side, independent of our code:
    const expected = `sha256=${createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex')}`;
    expect(header).toBe(expected);
    expect(verifyWebhook(secret, { signature: header, timestamp: String(ts) }, body, ts + 10)).toBe('ok');
  });

  it('a changed body, another key or a timestamp more than five minutes away is refused', () => {
    const header = signWebhook(secret, ts, body);
    expect(verifyWebhook(secret, { signature: header, timestamp: String(ts) }, `${body} `, ts)).toBe('bad_signature');
    expect(verifyWebhook('other', { signature: header, timestamp: String(ts) }, body, ts)).toBe('bad_signature');
    expect(verifyWebhook(secret, { signature: header, timestamp: String(ts + 1) }, body, ts)).toBe('bad_signature');
    expect(
      verifyWebhook(secret, { signature: header, timestamp: String(ts) }, body, ts + SIGNATURE_TOLERANCE_SECONDS + 1),
    ).toBe('stale_timestamp');
  });
});

describe('stream records', () => {
  const image = (item: Record<string, unknown>) => ({ eventName: 'INSERT', dynamodb: { NewImage: marshall(item) } });
  const item = { pk: 'ARTICLE#a1', sk: 'EVENT#2026-11-20T09:00:00.000Z#e1', ...event({}) };

  it('reads the lifecycle event of an inserted EVENT# item, and nothing else', () => {
    expect(eventOfStreamRecord(image(item))).toMatchObject({ id: event({}).id, type: 'submitted' });
    expect(eventOfStreamRecord({ ...image(item), eventName: 'MODIFY' })).toBeUndefined();
    expect(eventOfStreamRecord(image({ pk: 'ARTICLE#a1', sk: 'META', title: 'x' }))).toBeUndefined();
    expect(eventOfStreamRecord({ nonsense: true })).toBeUndefined();
  });

  it('repairs the empty maps the DynamoDB Streams client reads as {}', () => {
    const record = image(item);
    const withEmpty = { ...record, dynamodb: { NewImage: { ...record.dynamodb.NewImage, extra: {} } } };
    expect(eventOfStreamRecord(withEmpty)).toMatchObject({ type: 'submitted' });
  });
});
