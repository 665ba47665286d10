import { describe, expect, it } from 'vitest';
import { MEDIA_FAILURE_CODES } from '../../../functions/contract/media-vocabulary.js';
import { decideErrorSentence } from '../../../web/src/i18n/error-keys.js';
import { en } from '../../../web/src/i18n/messages-en.js';
import { ru } from '../../../web/src/i18n/messages-ru.js';
import { ApiError } from '../../../web/src/lib/api.js';
import {
  escapeAltText,
  inlinePreviewImages,
  insertImageReference,
  leadImageOf,
  previewImageUrls,
  setLeadImage,
} from '../../../web/src/lib/draft-images.js';
import {
  cropPosition,
  decideSurface,
  focalFromClick,
  nudgeFocal,
  originalToSurface,
  surfaceToOriginal,
} from '../../../web/src/lib/focal.js';
import { createMediaApi, type Media } from '../../../web/src/lib/media-api.js';
import {
  checkImageFile,
  percentOf,
  pickRendition,
  pollUntilSettled,
  sendUpload,
  type UploadRequest,
} from '../../../web/src/lib/upload.js';

const ID = '01JD3Q8Z6X4M2N7P5R9T1V3W5Y';

const media = (status: Media['status'], extra: Partial<Media> = {}): Media => ({
  id: ID,
  status,
  width: 4000,
  height: 3000,
  alt: '',
  caption: '',
  credit: '',
  focalPoint: { x: 0.5, y: 0.5 },
  renditions: [],
  version: 1,
  ...extra,
});

/** Node has no ProgressEvent: the same shape, built on Node's Event. */
class FakeProgress extends Event {
  readonly lengthComputable = true;
  constructor(
    readonly loaded: number,
    readonly total: number,
  ) {
    super('progress');
  }
}

/** A scripted XMLHttpRequest: records what was sent, and the test plays the network's part. */
class FakeRequest implements UploadRequest {
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown;
  status = 0;
  aborted = false;
  upload: UploadRequest['upload'] = { onprogress: null };
  onload: UploadRequest['onload'] = null;
  onerror: UploadRequest['onerror'] = null;
  onabort: UploadRequest['onabort'] = null;
  open(method: string, url: string): void {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string): void {
    this.headers[name] = value;
  }
  send(body: unknown): void {
    this.body = body;
  }
  abort(): void {
    this.aborted = true;
    this.onabort?.(new FakeProgress(0, 0));
  }
  progress(loaded: number, total: number): void {
    this.upload.onprogress?.(new FakeProgress(loaded, total));
  }
  finish(status: number): void {
    this.status = status;
    this.onload?.(new FakeProgress(0, 0));
  }
}

describe('upload progress', () => {
  it('is whole percent, 0 while the total is unknown, never over 100', () => {
    expect([percentOf(0, 100), percentOf(1, 3), percentOf(2, 3), percentOf(100, 100)]).toEqual([0, 33, 66, 100]);
    expect(percentOf(50, 0)).toBe(0);
    expect(percentOf(150, 100)).toBe(100);
  });

  it('sends a presigned POST as a form, fields first and the file last, reporting progress', async () => {
    const request = new FakeRequest();
    const seen: number[] = [];
    const file = new Blob(['jpeg bytes'], { type: 'image/jpeg' });
    const done = sendUpload(
      {
        method: 'POST',
        url: 'https://uploads.example/',
        fields: { key: `uploads/${ID}`, Policy: 'p', 'X-Amz-Signature': 's' },
      },
      file,
      { onProgress: (p) => seen.push(p), createRequest: () => request },
    );
    request.progress(25, 100);
    request.progress(75, 100);
    request.finish(204);
    await done;
    expect([request.method, request.url]).toEqual(['POST', 'https://uploads.example/']);
    expect(request.body).toBeInstanceOf(FormData);
    const form = request.body instanceof FormData ? [...form_entries(request.body)] : [];
    expect(form.map(([name]) => name)).toEqual(['key', 'Policy', 'X-Amz-Signature', 'file']);
    expect(seen).toEqual([25, 75, 100]);
  });

  it('sends a presigned PUT with its headers and the bytes as the body', async () => {
    const request = new FakeRequest();
    const file = new Blob(['png'], { type: 'image/png' });
    const done = sendUpload(
      { method: 'PUT', url: 'https://uploads.example/x?sig', headers: { 'content-type': 'image/png' } },
      file,
      { onProgress: () => undefined, createRequest: () => request },
    );
    request.finish(200);
    await done;
    expect(request.method).toBe('PUT');
    expect(request.headers).toEqual({ 'content-type': 'image/png' });
    expect(request.body).toBe(file);
  });

  it('fails with upload_failed when storage refuses, and with network when it cannot be reached', async () => {
    const refused = new FakeRequest();
    const first = sendUpload({ method: 'PUT', url: '/u' }, new Blob([]), {
      onProgress: () => undefined,
      createRequest: () => refused,
    });
    refused.finish(403);
    await expect(first).rejects.toMatchObject({ status: 403, code: 'upload_failed' });
    const offline = new FakeRequest();
    const second = sendUpload({ method: 'PUT', url: '/u' }, new Blob([]), {
      onProgress: () => undefined,
      createRequest: () => offline,
    });
    offline.onerror?.(new FakeProgress(0, 0));
    await expect(second).rejects.toMatchObject({ status: 0, code: 'network' });
  });

  it('aborts the request when the signal fires', async () => {
    const request = new FakeRequest();
    const abort = new AbortController();
    const done = sendUpload({ method: 'PUT', url: '/u' }, new Blob([]), {
      onProgress: () => undefined,
      createRequest: () => request,
      signal: abort.signal,
    });
    abort.abort();
    await expect(done).rejects.toMatchObject({ name: 'AbortError' });
    expect(request.aborted).toBe(true);
  });
});

const form_entries = (form: FormData): IterableIterator<[string, FormDataEntryValue]> => form.entries();

describe('before asking the server', () => {
  it('refuses types other than JPEG, PNG, WebP, AVIF and HEIC (415) and files over 25 MB (413)', () => {
    expect(checkImageFile({ type: 'image/jpeg', size: 1000 })).toBeUndefined();
    expect(checkImageFile({ type: 'image/heic', size: 25 * 1024 * 1024 })).toBeUndefined();
    expect(checkImageFile({ type: 'image/svg+xml', size: 10 })).toMatchObject({
      status: 415,
      code: 'media_type_unsupported',
    });
    expect(checkImageFile({ type: '', size: 10 })).toMatchObject({ code: 'media_type_unsupported' });
    expect(checkImageFile({ type: 'image/png', size: 25 * 1024 * 1024 + 1 })).toMatchObject({
      status: 413,
      code: 'media_too_large',
    });
  });
});

describe('waiting for processing', () => {
  it('reads until ready or failed, with growing waits', async () => {
    const answers = [media('awaiting_upload'), media('processing'), media('processing'), media('ready')];
    const waits: number[] = [];
    const reads: string[] = [];
    const result = await pollUntilSettled(
      { get: (id) => Promise.resolve(answers.shift() ?? media('failed', { id })) },
      ID,
      { sleep: (ms) => Promise.resolve(void waits.push(ms)), onRead: (m) => reads.push(m.status) },
    );
    expect(result?.status).toBe('ready');
    expect(reads).toEqual(['awaiting_upload', 'processing', 'processing', 'ready']);
    expect(waits).toEqual([500, 1000, 1500]);
  });

  it('stops at a failure, and gives up after maxReads', async () => {
    const failed = media('failed', { error: { code: 'truncated', message: 'the file ends early' } });
    expect(await pollUntilSettled({ get: () => Promise.resolve(failed) }, ID, { sleep: () => Promise.resolve() })).toBe(
      failed,
    );
    let reads = 0;
    const slow = await pollUntilSettled(
      { get: () => Promise.resolve(void (reads += 1)).then(() => media('processing')) },
      ID,
      { sleep: () => Promise.resolve(), maxReads: 3 },
    );
    expect([slow, reads]).toEqual([undefined, 3]);
  });
});

describe('the focal point', () => {
  const box = { left: 100, top: 50, width: 400, height: 300 };

  it('comes from a click, 0..1 from the left and top of the picture, two decimals, clamped', () => {
    expect(focalFromClick(300, 200, box)).toEqual({ x: 0.5, y: 0.5 });
    expect(focalFromClick(133, 81, box)).toEqual({ x: 0.08, y: 0.1 });
    expect(focalFromClick(0, 999, box)).toEqual({ x: 0, y: 1 });
    expect(focalFromClick(10, 10, { ...box, width: 0, height: 0 })).toEqual({ x: 0.5, y: 0.5 });
  });

  it('moves with the arrow keys, 5 % a press or 1 % with Shift, and ignores other keys', () => {
    expect(nudgeFocal({ x: 0.5, y: 0.5 }, 'ArrowLeft')).toEqual({ x: 0.45, y: 0.5 });
    expect(nudgeFocal({ x: 0.5, y: 0.5 }, 'ArrowDown', true)).toEqual({ x: 0.5, y: 0.51 });
    expect(nudgeFocal({ x: 0.98, y: 0.02 }, 'ArrowRight')).toEqual({ x: 1, y: 0.02 });
    expect(nudgeFocal({ x: 0.98, y: 0.02 }, 'ArrowUp')).toEqual({ x: 0.98, y: 0 });
    expect(nudgeFocal({ x: 0.5, y: 0.5 }, 'Enter')).toBeUndefined();
  });

  it('places the live crops with object-position in percent', () => {
    expect(cropPosition({ x: 0.25, y: 0.8 })).toBe('25% 80%');
  });

  it('is picked on the original when the browser has it, else on the crop nearest its shape, mapped back', () => {
    const photo = media('ready', { width: 4000, height: 2000, focalPoint: { x: 0.8, y: 0.5 } });
    expect(decideSurface(photo, true)).toEqual({ box: { left: 0, top: 0, width: 4000, height: 2000 } });
    // 2:1 is nearest 16:9: a 3555×1999 box (the processor's integer rounding), pushed against the right edge.
    const surface = decideSurface(photo, false);
    expect(surface).toEqual({ ratio: '16:9', box: { left: 445, top: 1, width: 3555, height: 1999 } });
    expect(surfaceToOriginal({ x: 0, y: 0.5 }, surface, 4000, 2000)).toEqual({ x: 0.11, y: 0.5 });
    expect(surfaceToOriginal({ x: 1, y: 1 }, surface, 4000, 2000)).toEqual({ x: 1, y: 1 });
    expect(originalToSurface({ x: 0.8, y: 0.5 }, surface, 4000, 2000)).toEqual({ x: 0.77, y: 0.5 });
    expect(originalToSurface({ x: 0, y: 0 }, surface, 4000, 2000)).toEqual({ x: 0, y: 0 });
  });

  it('shows the app the narrowest JPEG of a crop wide enough, else the widest', () => {
    const r = (width: number, format = 'jpeg') => ({
      ratio: '1:1' as const,
      width,
      height: width,
      format,
      url: `/${width}.${format}`,
    });
    const photo = media('ready', { renditions: [r(640), r(320), r(320, 'avif'), r(960)] });
    expect(pickRendition(photo, '1:1', 300)?.url).toBe('/320.jpeg');
    expect(pickRendition(photo, '1:1', 700)?.url).toBe('/960.jpeg');
    expect(pickRendition(photo, '1:1', 5000)?.url).toBe('/960.jpeg');
    expect(pickRendition(photo, '16:9', 300)).toBeUndefined();
  });
});

describe('editing the draft', () => {
  it('"make lead" adds image: to the front matter, replaces it, or starts a front matter', () => {
    expect(setLeadImage('# Заголовок\n\nТекст.', ID)).toBe(`---\nimage: ${ID}\n---\n# Заголовок\n\nТекст.`);
    expect(setLeadImage('---\ntitle: Заголовок\n---\nТекст.', ID)).toBe(
      `---\ntitle: Заголовок\nimage: ${ID}\n---\nТекст.`,
    );
    const old = '01JD3Q8Z6X4M2N7P5R9T1V3W60';
    expect(setLeadImage(`---\nimage: ${old}\ntags: a\n---\nТекст.`, ID)).toBe(
      `---\nimage: ${ID}\ntags: a\n---\nТекст.`,
    );
    expect(setLeadImage('---\n---\nТекст.', ID)).toBe(`---\nimage: ${ID}\n---\nТекст.`);
    // A rule with prose under it is not front matter: a new block goes on top.
    expect(setLeadImage('---\nПросто текст\n---\nЕщё.', ID)).toBe(
      `---\nimage: ${ID}\n---\n---\nПросто текст\n---\nЕщё.`,
    );
    expect(leadImageOf(setLeadImage('# T', ID))).toBe(ID);
    expect(leadImageOf('# T')).toBeUndefined();
  });

  it('"insert into text" puts ![alt](media:<id>) in a paragraph of its own after the cursor line', () => {
    const text = 'Первый абзац.\n\nВторой абзац.';
    expect(insertImageReference(text, 5, 'Зал', ID)).toEqual({
      text: `Первый абзац.\n\n![Зал](media:${ID})\n\nВторой абзац.`,
      cursor: `Первый абзац.\n\n![Зал](media:${ID})`.length,
    });
    expect(insertImageReference(text, text.length, 'Зал', ID).text).toBe(`${text}\n\n![Зал](media:${ID})\n`);
    expect(insertImageReference('', 0, 'Зал', ID).text).toBe(`![Зал](media:${ID})\n`);
    expect(insertImageReference('А\n\n', 3, 'x', ID).text).toBe(`А\n\n![x](media:${ID})\n`);
  });

  it('escapes brackets and backslashes in the alt text and keeps it on one line', () => {
    expect(escapeAltText(' Зал [1]\n\\ министры ')).toBe('Зал \\[1\\] \\\\ министры');
  });
});

describe('the preview frame', () => {
  const html =
    '<figure><picture><source type="image/avif" srcset="/api/media/X/renditions/a.avif 320w" sizes="1rem">' +
    '<img src="/api/media/X/renditions/16x9-960.jpg" srcset="/api/media/X/renditions/16x9-320.jpg 320w" sizes="1rem" width="960" height="540" alt="A"></picture></figure>' +
    '<img src="https://example.org/x.png" alt="B">';

  it('lists the authenticated image URLs, once each', () => {
    expect(previewImageUrls(html + html)).toEqual(['/api/media/X/renditions/16x9-960.jpg']);
  });

  it('writes fetched images in as data: URLs and drops the sources it cannot authenticate', () => {
    const data = 'data:image/jpeg;base64,AAAA';
    expect(inlinePreviewImages(html, new Map([['/api/media/X/renditions/16x9-960.jpg', data]]))).toBe(
      `<figure><picture><img src="${data}" width="960" height="540" alt="A"></picture></figure><img src="https://example.org/x.png" alt="B">`,
    );
    expect(inlinePreviewImages(html, new Map())).toContain('<img width="960" height="540" alt="A">');
  });
});

describe('the media API client', () => {
  it('creates an upload, reads, edits and lists with the bearer token, and reports contract errors', async () => {
    const calls: { url: string; method: string; auth?: string; body?: unknown }[] = [];
    const answers: Response[] = [
      Response.json(
        { media: media('awaiting_upload'), upload: { method: 'PUT', url: '/s3/x', headers: {} } },
        { status: 201 },
      ),
      Response.json({ media: media('ready', { alt: 'Зал' }) }),
      Response.json({ items: [media('ready')] }),
      Response.json(
        { error: { code: 'media_too_large', message: 'over 25 MB', details: { max: 1 } } },
        { status: 413 },
      ),
    ];
    const api = createMediaApi({
      getToken: () => Promise.resolve('T'),
      onUnauthorized: () => undefined,
      fetch: (url, init) => {
        const headers = new Headers(init?.headers);
        calls.push({
          url: typeof url === 'string' ? url : url instanceof URL ? url.href : url.url,
          method: init?.method ?? 'GET',
          auth: headers.get('authorization') ?? undefined,
          body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
        });
        return Promise.resolve(answers.shift() ?? new Response(null, { status: 500 }));
      },
    });
    const created = await api.create({ filename: 'a.jpg', contentType: 'image/jpeg', size: 10 });
    expect(created.upload).toEqual({ method: 'PUT', url: '/s3/x', headers: {} });
    expect((await api.update(ID, { version: 1, alt: 'Зал' })).alt).toBe('Зал');
    expect(await api.listMine()).toHaveLength(1);
    await expect(api.create({ filename: 'b.jpg', contentType: 'image/jpeg', size: 1e9 })).rejects.toMatchObject({
      status: 413,
      code: 'media_too_large',
    });
    expect(calls.map((c) => `${c.method} ${c.url} ${c.auth ?? ''}`)).toEqual([
      'POST /api/media Bearer T',
      `PUT /api/media/${ID} Bearer T`,
      'GET /api/media?mine=1 Bearer T',
      'POST /api/media Bearer T',
    ]);
    expect(calls[1]?.body).toEqual({ version: 1, alt: 'Зал' });
  });
});

describe('catalogue sentences for photographs', () => {
  it('exist in Russian and English for every processing failure code', () => {
    for (const code of MEDIA_FAILURE_CODES) {
      const key = `media.failure.${code}`;
      expect(Object.hasOwn(ru, key) && Object.hasOwn(en, key), key).toBe(true);
    }
  });

  it('say which photograph reference or field is wrong, and the images bound', () => {
    const reference = new ApiError(400, 'invalid_input', 'bad', {
      field: 'media_reference',
      reference: 'media:x',
      line: 7,
    });
    expect(decideErrorSentence(reference)).toEqual({
      key: 'error.code.invalid_input.media_reference',
      params: { field: 'media_reference', reference: 'media:x', line: 7 },
      field: 'media_reference',
    });
    expect(decideErrorSentence(new ApiError(400, 'front_matter_invalid', 'bad', { field: 'image' })).key).toBe(
      'error.code.front_matter_invalid.image',
    );
    expect(decideErrorSentence(new ApiError(400, 'front_matter_invalid', 'bad', { field: 'title' })).key).toBe(
      'error.code.front_matter_invalid',
    );
    expect(decideErrorSentence(new ApiError(422, 'draft_too_complex', 'bad', { limit: 'images', max: 50 })).key).toBe(
      'error.code.draft_too_complex.images',
    );
  });
});
