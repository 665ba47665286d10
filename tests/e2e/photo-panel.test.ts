import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { articleResponse } from '../../functions/contract/responses.js';
import { findAxeViolations, takeScreenshot } from './support/browser.js';
import { signIn, useNewsroomSession, visible, WAIT_MS } from './support/newsroom-session.js';

/**
 * The photo panel (issue 11 §7) in headless Chromium, against the local stack (`npm start`'s entry point): a
 * reporter opens her draft, uploads photographs by choosing, dropping and pasting them, watches the progress bar and
 * the processing, writes alt text, caption and credit, sets the focal point by click and keys, makes one the lead
 * image, inserts one into the text, and saves the story through the real API (the real parser accepts both).
 *
 * Everything is the real stack: the media API, the presigned POST straight to s3rver, and the sharp processor that
 * s3rver's object-created event starts inside the local app. What the page shows is checked against what the API
 * then answers to the same reporter (`GET /api/media?mine=1`, `GET /api/media/{id}`, `GET /api/articles/{id}`).
 * Processing is real sharp work (thirty renditions per photograph, one upload at a time) on a shared machine: the
 * waits for it are generous, and the photographs small.
 */
const REPORTER = 'Анна Смирнова';
const SEED_TITLE = 'Страны ОТГ усиливают правовое сотрудничество';
/** Until processing has settled: sharp on a 2-core machine that other work shares. */
const PROCESSING_MS = 90_000;

const session = useNewsroomSession();
let page: Page;
/** Each upload row's status line as it changed on the page (`«name»: status`), seen by a MutationObserver. */
const uploadStatuses: string[] = [];

/** The API's view of one image, with the fields the upload named. */
const mediaSchema = z.object({
  id: z.string(),
  status: z.enum(['awaiting_upload', 'processing', 'ready', 'failed']),
  error: z.optional(z.object({ code: z.string(), message: z.string() })),
  filename: z.string(),
  contentType: z.string(),
  size: z.number(),
  width: z.number(),
  height: z.number(),
  alt: z.string(),
  caption: z.string(),
  credit: z.string(),
  focalPoint: z.object({ x: z.number(), y: z.number() }),
  renditions: z.array(
    z.object({ ratio: z.string(), width: z.number(), height: z.number(), format: z.string(), url: z.string() }),
  ),
  version: z.number(),
});
type ApiMedia = z.infer<typeof mediaSchema>;
const mediaList = z.object({ items: z.array(mediaSchema) });
const oneMedia = z.object({ media: mediaSchema });
const tokenResponse = z.object({ token: z.string() });

/** The reporter's own token, as the app gets it (functions/local/demo-users.ts). */
let token: string | undefined;
const callApi = async (path: string): Promise<unknown> => {
  if (token === undefined) {
    const res = await fetch(`${session.baseUrl}/api/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sub: 'demo-reporter', name: REPORTER, groups: ['reporters'] }),
    });
    token = tokenResponse.parse(await res.json()).token;
  }
  const res = await fetch(`${session.baseUrl}/api${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status, `GET ${path}`).toBe(200);
  return res.json();
};
const myMedia = async (): Promise<ApiMedia[]> => mediaList.parse(await callApi('/media?mine=1')).items;
const oneOfMine = async (id: string): Promise<ApiMedia> => oneMedia.parse(await callApi(`/media/${id}`)).media;
const mineNamed = async (filename: string): Promise<ApiMedia> => {
  const found = (await myMedia()).filter((m) => m.filename === filename);
  expect(found, filename).toHaveLength(1);
  const [one] = found;
  if (!one) throw new Error(`no image named ${filename}`);
  return one;
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
  page = await session.openPage({ viewport: { width: 1280, height: 1000 } });
  await page.exposeFunction('noteUploadStatus', (line: string) => uploadStatuses.push(line));
  // Every change of an upload row's status line, however brief (processing may last only a few seconds).
  await page.addInitScript(() => {
    const last = new Map<string, string>();
    new MutationObserver(() => {
      document.querySelectorAll('.upload').forEach((row) => {
        const name = row.querySelector('label')?.textContent ?? '';
        const status = row.querySelector('[role="status"]')?.textContent ?? '';
        if (last.get(name) === status) return;
        last.set(name, status);
        const note: unknown = Reflect.get(window, 'noteUploadStatus');
        if (typeof note === 'function') Reflect.apply(note, window, [`${name}: ${status}`]);
      });
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
});

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
  let bakuId: string;

  it('opens beside a new draft with an empty list of my photographs', async () => {
    jpeg = await makeJpeg();
    expect(await myMedia()).toEqual([]);
    await signIn(page, session.baseUrl, REPORTER);
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
    await page.locator('.upload').getByText('Готово').waitFor({ timeout: PROCESSING_MS });
    // Sent, then processing, then ready: the row said each in turn.
    expect(uploadStatuses.filter((line) => line.startsWith('Загрузка «baku.jpg»'))).toEqual([
      'Загрузка «baku.jpg»: ',
      'Загрузка «baku.jpg»: Обработка…',
      'Загрузка «baku.jpg»: Готово',
    ]);
    // The API has it as the reporter's, processed from the bytes sent: all three crops, the original's size.
    const mine = await myMedia();
    expect(mine).toHaveLength(1);
    const [baku] = mine;
    expect(baku).toMatchObject({
      filename: 'baku.jpg',
      contentType: 'image/jpeg',
      size: jpeg.length,
      status: 'ready',
      width: 1600,
      height: 1200,
    });
    expect(new Set(baku?.renditions.map((r) => r.ratio))).toEqual(new Set(['16:9', '4:3', '1:1']));
    bakuId = baku?.id ?? '';
    // The new photograph is in my list, chosen, with its editor open; its thumbnail came through the private path.
    await visible(page.locator('.photo-grid .photo-thumb[aria-pressed="true"] img'));
    await visible(page.getByLabel('Описание для незрячих читателей (alt), обязательно'));
    await takeScreenshot(page, 'photo-panel-uploaded');
  });

  it(
    'requires alt text, counts it, and saves alt, caption, credit and the focal point',
    { timeout: 2 * PROCESSING_MS },
    async () => {
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

      const before = await oneOfMine(bakuId);
      await page.getByRole('button', { name: 'Сохранить описание' }).click();
      await visible(page.getByText('Описание сохранено.'));
      expect(await oneOfMine(bakuId)).toMatchObject({
        alt: 'Министры юстиции за столом переговоров',
        caption: 'Заседание министров юстиции в Баку',
        credit: 'Фото: пресс-служба',
        focalPoint: { x: 0.75, y: 0.26 },
      });
      // The new focal point has the processor cut the crops again from the stored original. The 16:9 and 1:1 crops
      // move, so their content-hashed files are new; 4:3 is the whole 1600×1200 frame, so its files stay the same.
      const oldUrls = new Set(before.renditions.map((r) => r.url));
      const recut = async (): Promise<string[]> => {
        const now = await oneOfMine(bakuId);
        if (now.status !== 'ready') return [];
        return [...new Set(now.renditions.filter((r) => !oldUrls.has(r.url)).map((r) => r.ratio))].sort();
      };
      await expect.poll(recut, { timeout: PROCESSING_MS, interval: 1_000 }).toEqual(['16:9', '1:1']);
      const after = await oneOfMine(bakuId);
      expect(after.renditions).toHaveLength(before.renditions.length);
      expect(after.focalPoint).toEqual({ x: 0.75, y: 0.26 });
      await takeScreenshot(page, 'photo-panel-described');
      expect(await findAxeViolations(page)).toEqual([]);
    },
  );

  it('makes it the lead image and inserts it into the text, and the real API saves the story', async () => {
    await page.getByRole('button', { name: 'Сделать главной' }).click();
    await visible(page.getByText('Главная фотография материала'));
    const text = await textField().inputValue();
    const id = /^---\nimage: (\w{26})\n---\n/.exec(text)?.[1];
    expect(id).toBe(bakuId);

    // Cursor at the end of the first body paragraph: the image goes in a paragraph of its own after it.
    const lede = text.indexOf('**20 ноября');
    await textField().evaluate((field, at) => {
      if (field instanceof HTMLTextAreaElement) field.setSelectionRange(at, at);
    }, lede + 5);
    await page.getByRole('button', { name: 'Вставить в текст' }).click();
    const withImage = await textField().inputValue();
    expect(withImage).toContain(`(ОТГ).**\n\n![Министры юстиции за столом переговоров](media:${bakuId})\n\n`);
    await visible(page.getByText('Есть несохранённые изменения'));

    // On a busy machine the server autosave (2 s after typing stops) may save first; either way the server ends up
    // with exactly this text, and the screen says it is saved.
    const save = page.getByRole('button', { name: 'Сохранить', exact: true });
    if (await save.isEnabled()) await save.click();
    await visible(page.getByText(/^Сохранено/));
    expect(await textField().inputValue()).toBe(withImage);
    // The story as the API now has it: the lead image in its front matter, the figure in its text.
    const articleId = /#\/articles\/([^/?]+)/.exec(page.url())?.[1] ?? '';
    await expect
      .poll(async () => articleResponse.parse(await callApi(`/articles/${articleId}`)).body, { timeout: WAIT_MS })
      .toBe(withImage);
  });

  it('uploads a dropped photograph and a pasted one', { timeout: 3 * PROCESSING_MS }, async () => {
    await deliverFile('drop', 'dropped.jpg', jpeg, 'image/jpeg');
    await visible(page.getByRole('progressbar', { name: 'Загрузка «dropped.jpg»' }));
    await deliverFile('paste', 'pasted.jpg', jpeg, 'image/jpeg');
    await visible(page.getByRole('progressbar', { name: 'Загрузка «pasted.jpg»' }));
    // One after the other through the processor.
    for (const name of ['dropped.jpg', 'pasted.jpg']) {
      await page
        .locator('.upload', { hasText: `Загрузка «${name}»` })
        .getByText('Готово')
        .waitFor({ timeout: PROCESSING_MS });
    }
    await expect.poll(() => page.locator('.photo-grid li').count()).toBe(3);
    const mine = await myMedia();
    expect(mine.map((m) => m.filename).sort()).toEqual(['baku.jpg', 'dropped.jpg', 'pasted.jpg']);
    expect(mine.map((m) => m.status)).toEqual(['ready', 'ready', 'ready']);
  });

  it(
    'says in Russian why a file is refused: an SVG before upload, a text file named .jpg after processing',
    { timeout: 2 * PROCESSING_MS },
    async () => {
      await deliverFile('drop', 'logo.svg', Buffer.from('<svg><script>alert(1)</script></svg>'), 'image/svg+xml');
      await visible(
        page
          .locator('.upload', { hasText: 'logo.svg' })
          .getByText('Этот формат не подходит: загрузите фотографию в JPEG, PNG, WebP или AVIF.'),
      );
      // Refused in the browser: the API was never asked, so nothing of it is stored.
      expect((await myMedia()).map((m) => m.filename)).not.toContain('logo.svg');

      await deliverFile('drop', 'notes.jpg', Buffer.from('just some text, not a photograph'), 'image/jpeg');
      await page
        .locator('.upload', { hasText: 'notes.jpg' })
        .getByText('Файл не является изображением, хотя так назван. Выберите настоящую фотографию.')
        .waitFor({ timeout: PROCESSING_MS });
      // Accepted by name and type, sent, then refused by the processor on its bytes.
      const notes = await mineNamed('notes.jpg');
      expect(notes).toMatchObject({ status: 'failed', error: { code: 'not_an_image' }, renditions: [] });
      await takeScreenshot(page, 'photo-panel-refusals');
    },
  );
});
