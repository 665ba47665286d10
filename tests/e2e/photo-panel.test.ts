import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findAxeViolations, launchChromium, takeScreenshot } from './support/browser.js';

/**
 * The photo panel (issue 11 §7) in headless Chromium, against the local stack (`npm start`'s entry point): a
 * reporter opens her draft, uploads photographs by choosing, dropping and pasting them, watches the progress bar and
 * the processing, writes alt text, caption and credit, sets the focal point by click and keys, makes one the lead
 * image, inserts one into the text, and saves the story through the real API (the real parser accepts both).
 *
 * ─── FAKE, until the media branch is merged ───────────────────────────────────────────────────────────────────────
 * The media API lands on another branch, so this file, and only this file, answers the media endpoints itself with
 * Playwright routes on the browser context (the stack never sees these requests):
 *   - `POST /api/media`              → 201 `{media, upload}`, a presigned-POST ticket to `/__fake-uploads/`;
 *   - `POST /__fake-uploads/`        → 204, standing in for the uploads bucket; it keeps the multipart body;
 *   - `GET /api/media/{id}`          → `processing` on the first read after the upload, then `ready` with renditions
 *                                      (or `failed` with `not_an_image` when sharp cannot read the bytes), standing in
 *                                      for the processing Lambda;
 *   - `PUT /api/media/{id}`          → stores alt, caption, credit and focal point, and bumps the version;
 *   - `GET /api/media?mine=1`        → `{items}`, newest first;
 *   - `GET /api/media/{id}/renditions/{file}` → a JPEG made with sharp, standing in for the authenticated path.
 * Everything else (sign-in, the articles API, saving, the parser, the preview) is the real local stack. At merge,
 * delete `fakeMediaApi` and its `context.route` call; the assertions stay as they are.
 * ────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
 */
const REPORTER = 'Анна Смирнова';
const SEED_TITLE = 'Страны ОТГ усиливают правовое сотрудничество';
const WAIT_MS = 20_000;

let baseUrl: string;
let stopStack: (() => Promise<void>) | undefined;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageProblems: string[] = [];

interface FakeMedia {
  id: string;
  status: 'awaiting_upload' | 'processing' | 'ready' | 'failed';
  error?: { code: string; message: string };
  width: number;
  height: number;
  alt: string;
  caption: string;
  credit: string;
  focalPoint: { x: number; y: number };
  renditions: { ratio: string; width: number; height: number; format: string; url: string }[];
  version: number;
  filename: string;
  uploaded?: Buffer;
  reads: number;
}

/** What the fake saw, for the assertions. */
const seen = { creates: [] as unknown[], uploads: [] as string[], puts: [] as unknown[] };

const fakeMediaApi = (): ((route: Route) => Promise<void>) => {
  const store = new Map<string, FakeMedia>();
  let counter = 0;
  const publicView = (m: FakeMedia) => ({
    id: m.id,
    status: m.status,
    ...(m.error ? { error: m.error } : {}),
    width: m.width,
    height: m.height,
    alt: m.alt,
    caption: m.caption,
    credit: m.credit,
    focalPoint: m.focalPoint,
    renditions: m.renditions,
    version: m.version,
  });
  const json = (route: Route, status: number, body: unknown) =>
    route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });
  /** The processor's part: read the real bytes; renditions for each crop at 320 and 960 px. */
  const process = async (m: FakeMedia): Promise<void> => {
    try {
      const meta = await sharp(m.uploaded ?? Buffer.alloc(0)).metadata();
      m.width = meta.width;
      m.height = meta.height;
      m.renditions = (['16:9', '4:3', '1:1'] as const).flatMap((ratio) => {
        const [rw, rh] = ratio.split(':').map(Number) as [number, number];
        return [320, 960].map((width) => ({
          ratio,
          width,
          height: Math.round((width * rh) / rw),
          format: 'jpeg',
          url: `/api/media/${m.id}/renditions/${ratio.replace(':', 'x')}-${width}-0000abcd.jpg`,
        }));
      });
      m.status = 'ready';
    } catch {
      m.status = 'failed';
      m.error = { code: 'not_an_image', message: 'the file is not an image' };
    }
  };
  return async (route) => {
    const request = route.request();
    const url = new URL(request.url());
    const method = request.method();
    if (url.pathname === '/__fake-uploads/') {
      const body = request.postDataBuffer() ?? Buffer.alloc(0);
      const key = /name="key"\r\n\r\n([^\r]+)/.exec(body.toString('latin1'))?.[1] ?? '';
      const m = store.get(key.replace('uploads/', ''));
      const fileStart = body.indexOf('\r\n\r\n', body.indexOf('name="file"'));
      const boundary = body.subarray(0, body.indexOf('\r\n'));
      if (!m || fileStart < 0) return route.fulfill({ status: 400 });
      m.uploaded = body.subarray(fileStart + 4, body.lastIndexOf(Buffer.concat([Buffer.from('\r\n'), boundary])));
      m.status = 'processing';
      seen.uploads.push(m.filename);
      return route.fulfill({ status: 204 });
    }
    if (url.pathname === '/api/media' && method === 'POST') {
      const input: unknown = request.postDataJSON();
      seen.creates.push(input);
      const filename =
        typeof input === 'object' && input !== null && 'filename' in input && typeof input.filename === 'string'
          ? input.filename
          : 'photo';
      counter += 1;
      const id = `01JD3Q8Z6X4M2N7P5R9T1V3W${String(counter).padStart(2, '0')}`;
      const m: FakeMedia = {
        id,
        status: 'awaiting_upload',
        width: 0,
        height: 0,
        alt: '',
        caption: '',
        credit: '',
        focalPoint: { x: 0.5, y: 0.5 },
        renditions: [],
        version: 1,
        filename,
        reads: 0,
      };
      store.set(id, m);
      return json(route, 201, {
        media: publicView(m),
        upload: {
          method: 'POST',
          url: `${url.origin}/__fake-uploads/`,
          fields: { key: `uploads/${id}`, 'Content-Type': 'image/jpeg', Policy: 'fake', 'X-Amz-Signature': 'fake' },
        },
      });
    }
    if (url.pathname === '/api/media' && method === 'GET') {
      return json(route, 200, { items: [...store.values()].reverse().map(publicView) });
    }
    const rendition = /^\/api\/media\/(\w+)\/renditions\/(\d+)x(\d+)-(\d+)-/.exec(url.pathname);
    if (rendition) {
      const [, , rw = '1', rh = '1', w = '320'] = rendition;
      const width = Number(w);
      const height = Math.round((width * Number(rh)) / Number(rw));
      const bytes = await sharp({ create: { width, height, channels: 3, background: '#2f6f9f' } })
        .jpeg()
        .toBuffer();
      return route.fulfill({ status: 200, contentType: 'image/jpeg', body: bytes });
    }
    const one = /^\/api\/media\/(\w+)$/.exec(url.pathname);
    const m = one ? store.get(one[1] ?? '') : undefined;
    if (!m) return json(route, 404, { error: { code: 'not_found', message: 'no such media' } });
    if (method === 'PUT') {
      const edit: unknown = request.postDataJSON();
      seen.puts.push(edit);
      if (typeof edit === 'object' && edit !== null) Object.assign(m, edit, { version: m.version + 1 });
      return json(route, 200, { media: publicView(m) });
    }
    m.reads += 1;
    // The first read after the upload still sees processing, as with the real Lambda.
    if (m.status === 'processing' && m.reads > 1) await process(m);
    return json(route, 200, { media: publicView(m) });
  };
};

/** A photograph made in the test: 1600×1200 with a bright patch, as a JPEG. */
const makeJpeg = (): Promise<Buffer> =>
  sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#7a8c5a' } })
    .composite([
      {
        input: { create: { width: 300, height: 300, channels: 3, background: '#f2d024' } },
        left: 1100,
        top: 200,
      },
    ])
    .jpeg({ quality: 80 })
    .toBuffer();

beforeAll(async () => {
  const built = spawnSync(process.execPath, ['--import', 'tsx', 'web/build.ts'], {
    cwd: process.cwd(),
    encoding: 'utf8',
  });
  if (built.status !== 0) throw new Error(`npm run build:web failed:\n${built.stdout}${built.stderr}`);
  const { startLocalStack } = await import('./support/local-stack.js');
  const stack = await startLocalStack();
  baseUrl = stack.baseUrl;
  stopStack = () => stack.stop();
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'ru-RU' });
  context.setDefaultTimeout(WAIT_MS);
  // FAKE (see the top of this file): the media endpoints and the uploads bucket.
  await context.route(/\/(api\/media|__fake-uploads\/)/, fakeMediaApi());
  page = await context.newPage();
  page.on('pageerror', (error) => pageProblems.push(`script error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
      pageProblems.push(message.text());
  });
});

afterAll(async () => {
  // Both are unset when beforeAll failed.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
  await context?.close().catch(() => undefined);
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
  await browser?.close();
  await stopStack?.();
});

afterEach(() => {
  expect(pageProblems.splice(0)).toEqual([]);
});

const visible = (locator: ReturnType<Page['locator']>): Promise<void> => locator.first().waitFor({ state: 'visible' });
const textField = () => page.getByLabel('Текст материала (Markdown)');

/** Drop or paste a file the way the browser would deliver it: a DataTransfer holding a File. */
const deliverFile = async (how: 'drop' | 'paste', name: string, bytes: Buffer, type: string): Promise<void> => {
  await page.evaluate(
    ({ how: kind, name: fileName, base64, type: mime }) => {
      const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([data], fileName, { type: mime }));
      if (kind === 'drop') {
        const zone = document.querySelector('.dropzone');
        zone?.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: transfer }));
        zone?.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: transfer }));
      } else {
        document.dispatchEvent(
          new ClipboardEvent('paste', { bubbles: true, cancelable: true, clipboardData: transfer }),
        );
      }
    },
    { how, name, base64: bytes.toString('base64'), type },
  );
};

describe('the photo panel in the editor', () => {
  let jpeg: Buffer;

  it('opens beside a new draft with an empty list of my photographs', async () => {
    jpeg = await makeJpeg();
    await page.goto(`${baseUrl}/newsroom/`);
    await page.getByRole('button', { name: new RegExp(REPORTER) }).click();
    await visible(page.getByRole('button', { name: 'Выйти' }));
    await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Новый материал' }).click();
    const seed = await readFile(join(process.cwd(), 'content', 'drafts', 'otg-justice-ministers-baku.txt'), 'utf8');
    await page.getByLabel('Текст материала (Markdown)').fill(seed);
    await page.getByRole('button', { name: 'Создать черновик' }).click();
    await visible(page.getByRole('heading', { level: 1, name: SEED_TITLE }));
    await visible(page.getByRole('heading', { level: 2, name: 'Фотографии' }));
    await visible(page.getByText('Вы ещё не загружали фотографий.'));
  });

  it('uploads a chosen photograph with a labelled progress bar, then waits for processing', async () => {
    await page.getByLabel('выберите файлы').setInputFiles({ name: 'baku.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    const progress = page.getByRole('progressbar', { name: 'Загрузка «baku.jpg»' });
    await visible(progress);
    await expect.poll(() => progress.getAttribute('value')).toBe('100');
    await visible(page.locator('.upload', { hasText: '100 %' }));
    await visible(page.locator('.upload').getByText('Готово'));
    expect(seen.creates).toEqual([{ filename: 'baku.jpg', contentType: 'image/jpeg', size: jpeg.length }]);
    expect(seen.uploads).toEqual(['baku.jpg']);
    // The new photograph is in my list, chosen, with its editor open.
    await visible(page.locator('.photo-grid .photo-thumb[aria-pressed="true"] img'));
    await visible(page.getByLabel('Описание для незрячих читателей (alt), обязательно'));
    await takeScreenshot(page, 'photo-panel-uploaded');
  });

  it('requires alt text, counts it, and saves alt, caption, credit and the focal point', async () => {
    const alt = page.getByLabel('Описание для незрячих читателей (alt), обязательно');
    await visible(page.getByText('Опишите, что на снимке: без описания снимок нельзя опубликовать.'));
    expect(await page.getByRole('button', { name: 'Сохранить описание' }).isDisabled()).toBe(true);
    await alt.fill('Министры юстиции за столом переговоров');
    await visible(page.getByText('38 из 500 знаков'));
    await page.getByLabel('Подпись').fill('Заседание министров юстиции в Баку');
    await page.getByLabel('Автор снимка (кредит)').fill('Фото: пресс-служба');

    // A click on the picture sets the focal point; the three crops follow.
    const surface = page.locator('.focal-surface');
    const box = await surface.boundingBox();
    if (!box) throw new Error('no focal surface');
    await surface.click({ position: { x: box.width * 0.8, y: box.height * 0.25 } });
    await visible(page.getByText('Точка: 80 % слева, 25 % сверху'));
    const positions = await page
      .locator('.crops img')
      .evaluateAll((imgs) => imgs.map((img) => (img instanceof HTMLImageElement ? img.style.objectPosition : '')));
    expect(positions).toEqual(['80% 25%', '80% 25%', '80% 25%']);
    // The keyboard does the same: arrows move it 5 %, with Shift 1 %.
    await surface.focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Shift+ArrowDown');
    await visible(page.getByText('Точка: 75 % слева, 26 % сверху'));

    await page.getByRole('button', { name: 'Сохранить описание' }).click();
    await visible(page.getByText('Описание сохранено.'));
    expect(seen.puts).toEqual([
      {
        version: 1,
        alt: 'Министры юстиции за столом переговоров',
        caption: 'Заседание министров юстиции в Баку',
        credit: 'Фото: пресс-служба',
        focalPoint: { x: 0.75, y: 0.26 },
      },
    ]);
    await takeScreenshot(page, 'photo-panel-described');
    expect(await findAxeViolations(page)).toEqual([]);
  });

  it('makes it the lead image and inserts it into the text, and the real API saves the story', async () => {
    await page.getByRole('button', { name: 'Сделать главной' }).click();
    await visible(page.getByText('Главная фотография материала'));
    const text = await textField().inputValue();
    const id = /^---\nimage: (\w{26})\n---\n/.exec(text)?.[1];
    expect(id).toMatch(/^01JD3Q8Z6X4M2N7P5R9T1V3W\d\d$/);

    // Cursor at the end of the first body paragraph: the image goes in a paragraph of its own after it.
    const lede = text.indexOf('**20 ноября');
    await textField().evaluate((field, at) => {
      if (field instanceof HTMLTextAreaElement) field.setSelectionRange(at, at);
    }, lede + 5);
    await page.getByRole('button', { name: 'Вставить в текст' }).click();
    const withImage = await textField().inputValue();
    expect(withImage).toContain(`(ОТГ).**\n\n![Министры юстиции за столом переговоров](media:${id ?? ''})\n\n`);
    await visible(page.getByText('Есть несохранённые изменения'));

    await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
    await visible(page.getByText('Сохранено, версия 2.'));
    expect(await textField().inputValue()).toBe(withImage);
  });

  it('uploads a dropped photograph and a pasted one', async () => {
    await deliverFile('drop', 'dropped.jpg', jpeg, 'image/jpeg');
    await visible(page.getByRole('progressbar', { name: 'Загрузка «dropped.jpg»' }));
    await deliverFile('paste', 'pasted.jpg', jpeg, 'image/jpeg');
    await visible(page.getByRole('progressbar', { name: 'Загрузка «pasted.jpg»' }));
    await expect.poll(() => seen.uploads.slice().sort()).toEqual(['baku.jpg', 'dropped.jpg', 'pasted.jpg']);
    await expect.poll(() => page.locator('.photo-grid li').count()).toBe(3);
  });

  it('says in Russian why a file is refused: an SVG before upload, a text file named .jpg after processing', async () => {
    await deliverFile('drop', 'logo.svg', Buffer.from('<svg><script>alert(1)</script></svg>'), 'image/svg+xml');
    await visible(
      page
        .locator('.upload', { hasText: 'logo.svg' })
        .getByText('Этот формат не подходит: загрузите фотографию в JPEG, PNG, WebP, AVIF или HEIC.'),
    );
    expect(seen.uploads).not.toContain('logo.svg');

    await deliverFile('drop', 'notes.jpg', Buffer.from('just some text, not a photograph'), 'image/jpeg');
    await visible(
      page
        .locator('.upload', { hasText: 'notes.jpg' })
        .getByText('Файл не является изображением, хотя так назван. Выберите настоящую фотографию.'),
    );
    await takeScreenshot(page, 'photo-panel-refusals');
  });
});
