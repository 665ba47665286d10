import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import sharp from 'sharp';
import { S3RVER_CREDENTIALS, createS3Client } from '../../../functions/adapters/aws/clients.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { createSharpImageProcessor } from '../../../functions/adapters/image/sharp-image-processor.js';
import { createMediaProcessorHandler } from '../../../functions/handlers/media-processor-handler.js';
import { findFreePort, startS3Server, type RunningEmulator } from '../../../functions/local/emulators.js';
import { createLocalCdn, type LocalCdn } from '../../../functions/local/local-cdn.js';
import { MEDIA_FAILURE_CODES, MEDIA_STATUSES, RENDITION_RATIOS } from '../../../functions/domain/media.js';
import type { ProcessingOutcome } from '../../../functions/use-cases/process-media-upload.js';
import { siteObjectKey } from '../../../functions/ports/site-store.js';
import { EXIF_TAGS, SVG_WITH_SCRIPT, cameraJpeg, exifTagsOf, pngHeaderOnly } from '../../support/test-images.js';
import {
  SITE_BASE_URL,
  articleOf,
  errorOf,
  startTestNewsroom,
  type TestNewsroom,
  type UserSub,
} from '../support/test-newsroom.js';

/**
 * The photo desk end to end on the emulators, through the production adapters: POST /api/media, the browser's
 * presigned POST to s3rver, s3rver's object-created event into the processing handler (as the local stack wires it),
 * the media API, draft validation, and the renditions following their story onto and off the site.
 */

const mediaSchema = z.object({
  id: z.string(),
  status: z.enum(MEDIA_STATUSES),
  error: z.optional(z.object({ code: z.enum(MEDIA_FAILURE_CODES), message: z.string() })),
  width: z.number(),
  height: z.number(),
  alt: z.string(),
  caption: z.string(),
  credit: z.string(),
  version: z.number(),
  focalPoint: z.object({ x: z.number(), y: z.number() }),
  renditions: z.array(
    z.object({
      ratio: z.enum(RENDITION_RATIOS),
      width: z.number(),
      height: z.number(),
      format: z.enum(['avif', 'webp', 'jpeg']),
      key: z.string(),
      url: z.string(),
    }),
  ),
});
const createdSchema = z.object({
  media: mediaSchema,
  upload: z.object({ method: z.literal('POST'), url: z.string(), fields: z.record(z.string(), z.string()) }),
});
type Media = z.infer<typeof mediaSchema>;

let s3: RunningEmulator;
let s3Dir: string;
let n: TestNewsroom;
let cdn: LocalCdn;
/** Processing started by s3rver's events, by object key. */
const processing = new Map<string, Promise<ProcessingOutcome[]>>();
let onEvent: (event: unknown) => void = () => undefined;
/** Uploads a test processes by hand (with an injected fault) rather than through the event. */
const byHand = new Set<string>();

beforeAll(async () => {
  s3Dir = await mkdtemp(join(tmpdir(), 'newsroom-media-s3rver-'));
  s3 = await startS3Server({ port: await findFreePort(), directory: s3Dir, onObjectEvent: (e) => onEvent(e) });
  n = await startTestNewsroom({ s3Endpoint: s3.endpoint });
  cdn = createLocalCdn({ store: n.app.site, now: () => n.clock.now().getTime() });
  n.app.cdn = cdn;
  const files = n.app.mediaFiles;
  if (!files) throw new Error('the test newsroom has no uploads bucket');
  const handle = createMediaProcessorHandler({
    media: n.app.media,
    files,
    images: createSharpImageProcessor(),
    clock: n.clock,
    log: n.app.log,
  });
  const eventKey = z.object({
    Records: z.array(
      z.object({ s3: z.object({ bucket: z.object({ name: z.string() }), object: z.object({ key: z.string() }) }) }),
    ),
  });
  onEvent = (event) => {
    const record = eventKey.parse(event).Records[0];
    if (!record || record.s3.bucket.name !== n.uploadsBucket || byHand.has(record.s3.object.key)) return;
    processing.set(record.s3.object.key, handle(event));
  };
}, 60_000);

afterAll(async () => {
  await s3.stop();
  if (s3Dir) await rm(s3Dir, { recursive: true, force: true });
});

/** Waits for the processing of `key` started by its event (events cross a process boundary, so they come later). */
const processed = async (key: string): Promise<ProcessingOutcome[]> => {
  for (let waited = 0; waited < 20_000; waited += 20) {
    const running = processing.get(key);
    if (running) {
      processing.delete(key);
      return running;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no object event for ${key}`);
};

/** What the browser does: POST /api/media, then the presigned POST of the bytes. */
const upload = async (
  bytes: Buffer,
  declared: { filename: string; contentType: string; size?: number },
  as: UserSub = 'demo-reporter',
) => {
  const created = await n.call('POST', '/api/media', {
    as,
    body: { filename: declared.filename, contentType: declared.contentType, size: declared.size ?? bytes.length },
  });
  expect(created.status).toBe(201);
  const { media, upload: ticket } = createdSchema.parse(created.json);
  expect(media.status).toBe('awaiting_upload');
  const form = new FormData();
  for (const [k, v] of Object.entries(ticket.fields)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(bytes)], { type: declared.contentType }), declared.filename);
  const sent = await fetch(ticket.url, { method: 'POST', body: form });
  expect(sent.status).toBeLessThan(300);
  return media;
};

const getMedia = async (id: string, as: UserSub = 'demo-reporter'): Promise<Media> => {
  const reply = await n.call('GET', `/api/media/${id}`, { as });
  expect(reply.status).toBe(200);
  return z.object({ media: mediaSchema }).parse(reply.json).media;
};

/** Every object key under `prefix` in the uploads bucket. */
const storedKeys = async (prefix: string): Promise<string[]> => {
  const client = createS3Client({ endpoint: s3.endpoint, credentials: S3RVER_CREDENTIALS });
  const listed = await client.send(new ListObjectsV2Command({ Bucket: n.uploadsBucket, Prefix: prefix }));
  return (listed.Contents ?? []).map((o) => o.Key ?? '');
};

/** Uploads, processes and describes a photograph; returns the ready record. */
const readyPhoto = async (as: UserSub = 'demo-reporter', alt = 'Министры юстиции на заседании в Баку') => {
  const media = await upload(await cameraJpeg(1200, 800), { filename: 'baku.jpg', contentType: 'image/jpeg' }, as);
  expect(await processed(`uploads/${media.id}`)).toEqual(['ready']);
  const put = await n.call('PUT', `/api/media/${media.id}`, {
    as,
    body: {
      alt,
      caption: 'Заседание министров',
      credit: 'Фото: пресс-служба',
      version: (await getMedia(media.id, as)).version,
    },
  });
  expect(put.status).toBe(200);
  return getMedia(media.id, as);
};

describe('upload and processing', () => {
  it('turns a 4000×3000 camera JPEG with GPS EXIF into upright renditions with no metadata at all', async () => {
    const original = await cameraJpeg(4000, 3000, 6); // orientation 6: the camera was turned, upright is 3000×4000
    expect(exifTagsOf((await sharp(original).metadata()).exif)).toEqual(
      expect.arrayContaining([EXIF_TAGS.make, EXIF_TAGS.model, EXIF_TAGS.gpsIfd]),
    );
    const media = await upload(original, { filename: 'IMG_0001.JPG', contentType: 'image/jpeg' });
    expect(await processed(`uploads/${media.id}`)).toEqual(['ready']);

    const ready = await getMedia(media.id);
    expect(ready.status).toBe('ready');
    expect([ready.width, ready.height]).toEqual([3000, 4000]);
    // Three crops × five widths (320…1600, never above the crop) × AVIF and JPEG.
    expect(ready.renditions).toHaveLength(30);
    for (const ratio of RENDITION_RATIOS) {
      const widths = ready.renditions.filter((r) => r.ratio === ratio && r.format === 'jpeg').map((r) => r.width);
      expect(widths).toEqual([320, 640, 960, 1200, 1600]);
    }
    for (const r of ready.renditions) {
      expect(r.key).toMatch(new RegExp(`^media/${media.id}/(16x9|4x3|1x1)-\\d+-[0-9a-f]{8}\\.(avif|jpg)$`));
      const served = await n.call('GET', r.url, { as: 'demo-reporter' });
      expect(served.status).toBe(200);
      expect(served.headers['cache-control']).toMatch(/^private/);
      // The API answers binary bodies base64-encoded, as Lambda does.
      const bytes = Buffer.from(served.text, 'base64');
      const meta = await sharp(bytes).metadata();
      expect(meta.format).toBe(r.format === 'avif' ? 'heif' : 'jpeg');
      expect([meta.width, meta.height]).toEqual([r.width, r.height]);
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
      expect(bytes.includes('Canon')).toBe(false);
      expect(bytes.includes('EOS R5')).toBe(false);
    }
    const r16 = ready.renditions.find((r) => r.ratio === '16:9' && r.width === 1600);
    expect(r16?.height).toBe(900);
  }, 60_000);

  it('does nothing new on a re-delivered event', async () => {
    const photo = await readyPhoto();
    const again = await n.call('PUT', `/api/media/${photo.id}`, {
      as: 'demo-reporter',
      body: { alt: photo.alt, version: photo.version },
    });
    expect(again.status).toBe(200);
    const handler = createMediaProcessorHandler({
      media: n.app.media,
      files: n.app.mediaFiles!,
      images: createSharpImageProcessor(),
      clock: n.clock,
      log: n.app.log,
    });
    const redelivered = {
      Records: [
        {
          eventName: 'ObjectCreated:Post',
          s3: { bucket: { name: n.uploadsBucket }, object: { key: `uploads/${photo.id}` } },
        },
      ],
    };
    expect(await handler(redelivered)).toEqual(['ignored']);
    expect((await getMedia(photo.id)).renditions.map((r) => r.key)).toEqual(photo.renditions.map((r) => r.key));
  }, 30_000);

  it.each([
    [
      'a text file named .jpg',
      () => Promise.resolve(Buffer.from('это не фотография\n'.repeat(100))),
      'image/jpeg',
      'not_an_image',
    ],
    [
      'a truncated JPEG',
      async () => {
        const whole = await cameraJpeg(800, 600);
        return whole.subarray(0, Math.floor(whole.length * 0.6));
      },
      'image/jpeg',
      'truncated',
    ],
    [
      'a PNG declaring 30000×30000 pixels',
      () => Promise.resolve(pngHeaderOnly(30_000, 30_000)),
      'image/png',
      'too_many_pixels',
    ],
    [
      'an SVG with a script, declared as PNG',
      () => Promise.resolve(SVG_WITH_SCRIPT),
      'image/png',
      'unsupported_format',
    ],
    [
      'a 26 MB file declared small (s3rver does not enforce the POST policy; the processor checks the stored size)',
      () => Promise.resolve(Buffer.alloc(26 * 1024 * 1024, 0xff)),
      'image/jpeg',
      'too_large',
    ],
  ])(
    'refuses %s with its code and keeps nothing',
    async (_name, make, contentType, code) => {
      const bytes = await make();
      const media = await upload(bytes, { filename: 'bad.jpg', contentType, size: Math.min(bytes.length, 1_000) });
      expect(await processed(`uploads/${media.id}`)).toEqual(['failed']);
      const failed = await getMedia(media.id);
      expect(failed.status).toBe('failed');
      expect(failed.error?.code).toBe(code);
      expect(failed.renditions).toEqual([]);
      expect(await storedKeys(`media/${media.id}/`)).toEqual([]);
      expect(await storedKeys(`uploads/${media.id}`)).toEqual([]);
    },
    60_000,
  );

  it('leaves no partial renditions when writing them fails halfway (a fault s3rver cannot make: injected)', async () => {
    const created = await n.call('POST', '/api/media', {
      as: 'demo-reporter',
      body: { filename: 'half.jpg', contentType: 'image/jpeg', size: 1000 },
    });
    const { media, upload: ticket } = createdSchema.parse(created.json);
    byHand.add(`uploads/${media.id}`);
    const form = new FormData();
    for (const [k, v] of Object.entries(ticket.fields)) form.append(k, v);
    form.append('file', new Blob([new Uint8Array(await cameraJpeg(2000, 1500))], { type: 'image/jpeg' }), 'half.jpg');
    expect((await fetch(ticket.url, { method: 'POST', body: form })).status).toBeLessThan(300);
    const files = n.app.mediaFiles!;
    let writes = 0;
    const failing = createMediaProcessorHandler({
      media: n.app.media,
      files: {
        ...files,
        writePrivate: async (key, body, type) => {
          writes += 1;
          if (writes === 7) throw new Error('injected: S3 refused a rendition write');
          await files.writePrivate(key, body, type);
        },
      },
      images: createSharpImageProcessor(),
      clock: n.clock,
      log: n.app.log,
    });
    const event = {
      Records: [
        {
          eventName: 'ObjectCreated:Post',
          s3: { bucket: { name: n.uploadsBucket }, object: { key: `uploads/${media.id}` } },
        },
      ],
    };
    // Our own fault: the handler fails (so the event lands in the failure queue and the alarm fires in AWS)…
    await expect(failing(event)).rejects.toThrow(/injected/);
    // …after recording the failure and deleting the six renditions it had written.
    const failed = await getMedia(media.id);
    expect([failed.status, failed.error?.code, failed.renditions]).toEqual(['failed', 'processing_failed', []]);
    expect(await storedKeys(`media/${media.id}/`)).toEqual([]);
  }, 60_000);

  it('refuses an SVG (415) and a 30 MB upload (413) before any byte is sent', async () => {
    const svg = await n.call('POST', '/api/media', {
      as: 'demo-reporter',
      body: { filename: 'logo.svg', contentType: 'image/svg+xml', size: SVG_WITH_SCRIPT.length },
    });
    expect(svg.status).toBe(415);
    expect(errorOf(svg).code).toBe('media_type_unsupported');
    const big = await n.call('POST', '/api/media', {
      as: 'demo-reporter',
      body: { filename: 'big.jpg', contentType: 'image/jpeg', size: 30 * 1024 * 1024 },
    });
    expect(big.status).toBe(413);
    expect(errorOf(big).code).toBe('media_too_large');
  });

  it('re-cuts the crops around a new focal point from the stored original', async () => {
    const photo = await readyPhoto();
    const put = await n.call('PUT', `/api/media/${photo.id}`, {
      as: 'demo-reporter',
      body: { alt: photo.alt, focalPoint: { x: 0.1, y: 0.5 }, version: photo.version },
    });
    expect(put.status).toBe(200);
    expect(await processed(`uploads/${photo.id}`)).toEqual(['ready']);
    const recut = await getMedia(photo.id);
    expect(recut.focalPoint).toEqual({ x: 0.1, y: 0.5 });
    const squareBefore = photo.renditions.find((r) => r.ratio === '1:1' && r.format === 'jpeg');
    const squareAfter = recut.renditions.find((r) => r.ratio === '1:1' && r.format === 'jpeg');
    expect(squareAfter?.key).not.toBe(squareBefore?.key);
    // The old crops are gone from the private store, the new ones are there.
    const stored = await storedKeys(`media/${photo.id}/`);
    expect(stored.sort()).toEqual(recut.renditions.map((r) => r.key).sort());
    // A stale version is refused.
    const stale = await n.call('PUT', `/api/media/${photo.id}`, {
      as: 'demo-reporter',
      body: { alt: 'x', version: photo.version },
    });
    expect(stale.status).toBe(409);
  }, 60_000);
});

const act = (id: string, action: string, as: UserSub, body: Record<string, unknown>) =>
  n.call('POST', `/api/articles/${id}/${action}`, { as, body });

/** A draft with images in its text (the parser's `image:` front matter arrives with the media-page branch). */
const draftWith = (title: string, mediaIds: string[]): string =>
  `# ${title}\n\nКороткий подзаголовок.\n\n${mediaIds.map((id) => `![фото](media:${id})`).join('\n\n')}\n\nМинистры встретились в четверг.\n`;

const createDraft = async (title: string, mediaIds: string[]) => {
  const created = await n.call('POST', '/api/articles', {
    as: 'demo-reporter',
    body: { desk: 'politics', body: draftWith(title, []) },
  });
  expect(created.status).toBe(201);
  const a = articleOf(created);
  return {
    id: a.id,
    save: (ids = mediaIds, version = a.version) =>
      n.call('PUT', `/api/articles/${a.id}`, { as: 'demo-reporter', body: { body: draftWith(title, ids), version } }),
  };
};

/** Saves, submits, approves and publishes a story with these images; returns its id, version and path. */
const publishWith = async (title: string, mediaIds: string[]) => {
  const draft = await createDraft(title, mediaIds);
  const saved = await draft.save();
  expect(saved.status).toBe(200);
  const v = articleOf(saved).version;
  expect((await act(draft.id, 'submit', 'demo-reporter', { version: v })).status).toBe(200);
  expect((await act(draft.id, 'approve', 'demo-editor', { version: v + 1 })).status).toBe(200);
  expect((await act(draft.id, 'publish', 'demo-editor', { version: v + 2 })).status).toBe(202);
  await n.tick();
  const live = articleOf(await n.call('GET', `/api/articles/${draft.id}`, { as: 'demo-editor' }));
  expect(live.status).toBe('published');
  return { id: draft.id, version: live.version, path: live.url!.replace(SITE_BASE_URL, '') };
};

const throughCdn = (key: string) => cdn.serve({ method: 'GET', url: `/${key}`, headers: {} });

describe('images in stories', () => {
  it('refuses drafts naming unknown, unready, foreign or alt-less images, with the image in details', async () => {
    const mine = await readyPhoto();
    const foreign = await readyPhoto('demo-reporter-2');
    const pending = await n.call('POST', '/api/media', {
      as: 'demo-reporter',
      body: { filename: 'later.jpg', contentType: 'image/jpeg', size: 1000 },
    });
    const pendingId = createdSchema.parse(pending.json).media.id;
    const draft = await createDraft('Проверка фотографий в черновике', []);

    const unknown = await draft.save(['01JD0000000000000000000099']); // well formed, never uploaded;
    expect([unknown.status, errorOf(unknown).code]).toEqual([422, 'media_unknown']);
    const notMine = await draft.save([foreign.id]);
    expect([notMine.status, errorOf(notMine).code]).toEqual([422, 'media_unknown']);
    const notReady = await draft.save([mine.id, pendingId]);
    expect([notReady.status, errorOf(notReady).code]).toEqual([422, 'media_not_ready']);
    expect(errorOf(notReady).details).toMatchObject({ mediaId: pendingId });

    // No alt text: saving is fine, submitting is not.
    const bare = await upload(await cameraJpeg(800, 600), { filename: 'bare.jpg', contentType: 'image/jpeg' });
    expect(await processed(`uploads/${bare.id}`)).toEqual(['ready']);
    const saved = await draft.save([mine.id, bare.id]);
    expect(saved.status).toBe(200);
    const submit = await act(draft.id, 'submit', 'demo-reporter', { version: articleOf(saved).version });
    expect([submit.status, errorOf(submit).code]).toEqual([422, 'media_missing_alt']);
    expect(errorOf(submit).details).toEqual({ mediaId: bare.id });
  }, 60_000);

  it("checks a correction's images as a publication's: a foreign or alt-less one is refused, nothing changes", async () => {
    const story = await publishWith('Исправление с фотографией', []);
    const correct = (ids: string[], version: number) =>
      act(story.id, 'correct', 'demo-editor', {
        version,
        body: draftWith('Исправление с фотографией', ids),
        note: 'Добавлена фотография.',
      });
    const page = async () =>
      Buffer.from((await n.app.site.get(siteObjectKey(story.path)))?.body ?? new Uint8Array()).toString('utf8');
    const before = await page();

    // Another reporter's upload, never shared with the desk: the editor may not put it on the public site.
    const foreign = await readyPhoto('demo-reporter-2');
    const refused = await correct([foreign.id], story.version);
    expect([refused.status, errorOf(refused).code]).toEqual([422, 'media_unknown']);
    // The editor's own photograph without alt text: a correction goes live at once, so alt is required as for publish.
    const bare = await upload(
      await cameraJpeg(800, 600),
      { filename: 'bare.jpg', contentType: 'image/jpeg' },
      'demo-editor',
    );
    expect(await processed(`uploads/${bare.id}`)).toEqual(['ready']);
    const altless = await correct([bare.id], story.version);
    expect([altless.status, errorOf(altless).code]).toEqual([422, 'media_missing_alt']);
    expect(errorOf(altless).details).toEqual({ mediaId: bare.id });
    await n.tick();
    expect(await page()).toBe(before);
    expect(await page()).not.toContain(foreign.id);

    // The editor's own described photograph is accepted and goes live with the correction.
    const own = await readyPhoto('demo-editor');
    const accepted = await correct([own.id], story.version);
    expect(accepted.status).toBe(200);
    await n.tick();
    expect(await page()).toContain(`/media/${own.id}/`);
  }, 90_000);

  it("moves the listings' thumbnail with a corrected lead image, and drops it when the lead is gone", async () => {
    const title = 'Главное фото меняется исправлением';
    const withLead = (lead?: string) =>
      `${lead ? `---\nimage: ${lead}\n---\n` : ''}# ${title}\n\nКороткий подзаголовок.\n\nМинистры встретились в четверг.\n`;
    const first = await readyPhoto();
    const created = await n.call('POST', '/api/articles', {
      as: 'demo-reporter',
      body: { desk: 'politics', body: withLead(first.id) },
    });
    const id = articleOf(created).id;
    let v = articleOf(created).version;
    expect((await act(id, 'submit', 'demo-reporter', { version: v })).status).toBe(200);
    expect((await act(id, 'approve', 'demo-editor', { version: v + 1 })).status).toBe(200);
    expect((await act(id, 'publish', 'demo-editor', { version: v + 2 })).status).toBe(202);
    await n.tick();
    const deskPage = async () =>
      Buffer.from((await n.app.site.get('politics/index.html'))?.body ?? new Uint8Array()).toString('utf8');
    /** The media ids of the thumbnails the desk page shows beside this story's link. */
    const thumbnailOf = async (): Promise<string[]> => {
      const html = await deskPage();
      const item = html.slice(html.lastIndexOf('<li', html.indexOf(title)), html.indexOf('</li>', html.indexOf(title)));
      return [...item.matchAll(/class="thumb" src="\/media\/([^/]+)\//g)].map((m) => m[1] ?? '');
    };
    expect(await thumbnailOf()).toEqual([first.id]);

    const second = await readyPhoto('demo-editor');
    v = articleOf(await n.call('GET', `/api/articles/${id}`, { as: 'demo-editor' })).version;
    const corrected = await act(id, 'correct', 'demo-editor', {
      version: v,
      body: withLead(second.id),
      note: 'Другое фото.',
    });
    expect(corrected.status).toBe(200);
    await n.tick();
    expect(await thumbnailOf()).toEqual([second.id]);

    v = articleOf(corrected).version;
    const bare = await act(id, 'correct', 'demo-editor', { version: v, body: withLead(), note: 'Без фото.' });
    expect(bare.status).toBe(200);
    await n.tick();
    expect(await deskPage()).toContain(title);
    expect(await thumbnailOf()).toEqual([]);
  }, 90_000);

  it('shows an image to the desk only once a story using it is submitted', async () => {
    const photo = await readyPhoto();
    expect((await n.call('GET', `/api/media/${photo.id}`, { as: 'demo-editor' })).status).toBe(404);
    expect((await n.call('GET', `/api/media/${photo.id}`, { as: 'demo-reporter-2' })).status).toBe(404);
    const draft = await createDraft('Фото для отдела', [photo.id]);
    const saved = await draft.save();
    expect((await act(draft.id, 'submit', 'demo-reporter', { version: articleOf(saved).version })).status).toBe(200);
    expect((await n.call('GET', `/api/media/${photo.id}`, { as: 'demo-editor' })).status).toBe(200);
    expect((await n.call('GET', `/api/media/${photo.id}`, { as: 'demo-reporter-2' })).status).toBe(404);
  }, 60_000);

  it('lists my recent images, newest first, page by page', async () => {
    const a = await readyPhoto('demo-reporter-2');
    const b = await readyPhoto('demo-reporter-2');
    const first = await n.call('GET', '/api/media?mine=1&limit=1', { as: 'demo-reporter-2' });
    const page1 = z.object({ items: z.array(mediaSchema), nextCursor: z.nullable(z.string()) }).parse(first.json);
    expect(page1.items.map((m) => m.id)).toEqual([b.id]);
    const second = await n.call('GET', `/api/media?mine=1&limit=1&cursor=${page1.nextCursor}`, {
      as: 'demo-reporter-2',
    });
    expect(
      z
        .object({ items: z.array(mediaSchema) })
        .parse(second.json)
        .items.map((m) => m.id),
    ).toEqual([a.id]);
  }, 60_000);

  it('serves renditions only while a published story uses them: 404 before, 200 immutable after, 404 when gone', async () => {
    const photo = await readyPhoto();
    const key = photo.renditions.find((r) => r.ratio === '16:9' && r.width === 1200 && r.format === 'avif')!.key;
    expect((await throughCdn(key)).status).toBe(404); // also cached as a 404 now, as CloudFront would

    const first = await publishWith('Первая история с фотографией', [photo.id]);
    const live = await throughCdn(key);
    expect(live.status).toBe(200);
    expect(live.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(live.headers['content-type']).toBe('image/avif');
    for (const r of photo.renditions) expect((await throughCdn(r.key)).status).toBe(200);

    const second = await publishWith('Вторая история с той же фотографией', [photo.id]);
    expect(
      (
        await act(first.id, 'unpublish', 'demo-editor', {
          version: first.version,
          kind: 'editorial',
          reason: 'Снято редакцией',
        })
      ).status,
    ).toBe(200);
    await n.tick();
    expect((await throughCdn(key)).status).toBe(200); // the second story still uses it

    expect(
      (
        await act(second.id, 'unpublish', 'demo-editor', {
          version: second.version,
          kind: 'editorial',
          reason: 'Снято редакцией',
        })
      ).status,
    ).toBe(200);
    await n.tick();
    expect((await throughCdn(key)).status).toBe(404);
    for (const r of photo.renditions) expect(await n.app.site.get(r.key)).toBeUndefined();
    // The private copy stays for the newsroom.
    expect((await n.call('GET', photo.renditions[0]!.url, { as: 'demo-reporter' })).status).toBe(200);
  }, 90_000);
});
