import { gzipSync } from 'node:zlib';
import { HtmlValidate } from 'html-validate';
import { describe, expect, it } from 'vitest';
import type { Rendition, RenditionRatio } from '../../../functions/domain/media.js';
import { renderArticlePage } from '../../../functions/domain/render/article-page.js';
import { decideBodyRatio, FIGURE_SIZES } from '../../../functions/domain/render/figures.js';
import { decideThumbnail } from '../../../functions/domain/render/media-urls.js';
import { renderDeskPage, renderFrontPage } from '../../../functions/domain/render/listing-pages.js';
import { parseDraft } from '../../../functions/domain/render/parse-draft.js';
import type { ListingItem, PageImage } from '../../../functions/domain/render/types.js';
import {
  DESK_NAMES,
  DomUtils,
  elements,
  pageInput,
  parseHtml,
  POLITICS,
  readSeed,
  SITE,
  textOf,
  type HtmlElement,
} from './helpers.js';

/**
 * Photographs on the reader's page (issue 11 §5): the lead figure after the title block, body figures in place,
 * social and structured-data image meta, listing thumbnails.
 */
const LEAD = '01JD3Q8Z6X4M2N7P5R9T1V3W5Y';
const BODY = '01JD3Q8Z6X4M2N7P5R9T1V3W60';
const MISSING = '01JD3Q8Z6X4M2N7P5R9T1V3W61';
const WIDTHS = [320, 640, 960, 1200, 1600];
const RATIO_PARTS: Record<RenditionRatio, [number, number]> = { '16:9': [16, 9], '4:3': [4, 3], '1:1': [1, 1] };

/** Renditions as the processor names them (media/<id>/16x9-1200-<hash8>.avif), never wider than the crop. */
const renditionsFor = (id: string, width: number, height: number): Rendition[] =>
  (['16:9', '4:3', '1:1'] as const).flatMap((ratio) => {
    const [rw, rh] = RATIO_PARTS[ratio];
    const cropWidth = Math.min(width, Math.floor((height * rw) / rh));
    return WIDTHS.filter((w) => w <= cropWidth).flatMap((w) =>
      (['avif', 'jpeg'] as const).map((format) => ({
        ratio,
        width: w,
        height: Math.round((w * rh) / rw),
        format,
        key: `media/${id}/${ratio.replace(':', 'x')}-${w}-3f9a1c2b.${format === 'jpeg' ? 'jpg' : format}`,
      })),
    );
  });

const image = (id: string, width: number, height: number, text: Partial<PageImage> = {}): PageImage => ({
  id,
  width,
  height,
  alt: 'Министры юстиции за столом переговоров',
  caption: 'Заседание министров юстиции стран - участниц ОТГ в "Баку"',
  credit: 'Фото: пресс-служба Минюста',
  focalPoint: { x: 0.5, y: 0.4 },
  renditions: renditionsFor(id, width, height),
  ...text,
});

/** The seed story with a lead image and one body image after its second paragraph. */
const seedWithPhotos = (extra = ''): string => {
  const parts = readSeed().trim().split(/\n\n/);
  parts.splice(4, 0, `![Зал заседаний](media:${BODY})`);
  return `---\nimage: ${LEAD}\n---\n${parts.join('\n\n')}\n${extra}`;
};
const IMAGES = new Map([
  [LEAD, image(LEAD, 4000, 3000)],
  [BODY, image(BODY, 3000, 2000, { alt: 'Зал заседаний', caption: '', credit: 'Фото: ТАСС' })],
]);
const render = (text = seedWithPhotos(), images: ReadonlyMap<string, PageImage> = IMAGES) =>
  renderArticlePage(pageInput(parseDraft(text, { deskNames: DESK_NAMES }), { images }));

const attr = (el: HtmlElement, name: string): string | undefined => el.attribs[name];
const metaContent = (doc: ReturnType<typeof parseHtml>, key: string): string | undefined =>
  elements(doc, 'meta')
    .filter((m) => attr(m, 'property') === key || attr(m, 'name') === key)
    .map((m) => attr(m, 'content'))[0];
const jsonLdOf = (doc: ReturnType<typeof parseHtml>): Record<string, unknown> => {
  const value: unknown = JSON.parse(textOf(elements(doc, 'script')[0]!));
  if (typeof value !== 'object' || value === null) throw new Error('no JSON-LD object');
  return Object.fromEntries(Object.entries(value));
};

describe('the lead image', () => {
  const html = render();
  const doc = parseHtml(html);
  const figures = elements(doc, 'figure');
  const lead = figures[0]!;

  it('follows the title block as a figure with a picture', () => {
    expect(figures).toHaveLength(2);
    expect(html.indexOf('</header><figure class="photo lead"><picture>')).toBeGreaterThan(html.indexOf('<h1>'));
    expect(html.indexOf('<figure class="photo lead">')).toBeLessThan(html.indexOf('<div class="body">'));
  });

  it('offers AVIF in a <source> with srcset and sizes, in the 16:9 crop', () => {
    const [source] = elements(lead, 'source');
    expect(attr(source!, 'type')).toBe('image/avif');
    expect(attr(source!, 'srcset')).toBe(WIDTHS.map((w) => `/media/${LEAD}/16x9-${w}-3f9a1c2b.avif ${w}w`).join(', '));
    expect(attr(source!, 'sizes')).toBe(FIGURE_SIZES);
  });

  it('falls back to a JPEG <img> with src, srcset, sizes, width, height, alt, loaded eagerly and first', () => {
    const [img] = elements(lead, 'img');
    expect(img!.attribs).toEqual({
      src: `/media/${LEAD}/16x9-960-3f9a1c2b.jpg`,
      srcset: WIDTHS.map((w) => `/media/${LEAD}/16x9-${w}-3f9a1c2b.jpg ${w}w`).join(', '),
      sizes: '(min-width: 42.5rem) 40rem, calc(100vw - 2.5rem)',
      width: '960',
      height: '540',
      alt: 'Министры юстиции за столом переговоров',
      loading: 'eager',
      fetchpriority: 'high',
      decoding: 'async',
    });
  });

  it('captions with the typeset caption and the credit, escaped', () => {
    const [caption] = elements(lead, 'figcaption');
    expect(textOf(caption!).replaceAll('\u00A0', ' ')).toBe(
      'Заседание министров юстиции стран — участниц ОТГ в «Баку» Фото: пресс-служба Минюста',
    );
    expect(elements(caption!, 'span').map((s) => attr(s, 'class'))).toEqual(['credit']);
  });

  it('gives og:image (absolute, 1200 px, 16:9), its size and alt, a large Twitter card and max-image-preview', () => {
    expect(metaContent(doc, 'og:image')).toBe(`https://news.example.org/media/${LEAD}/16x9-1200-3f9a1c2b.jpg`);
    expect(metaContent(doc, 'og:image:width')).toBe('1200');
    expect(metaContent(doc, 'og:image:height')).toBe('675');
    expect(metaContent(doc, 'og:image:alt')).toBe('Министры юстиции за столом переговоров');
    expect(metaContent(doc, 'twitter:card')).toBe('summary_large_image');
    expect(metaContent(doc, 'robots')).toBe('max-image-preview:large');
  });

  it('lists the three crops at 1200 px in JSON-LD', () => {
    expect(jsonLdOf(doc).image).toEqual(
      ['16x9', '4x3', '1x1'].map((r) => `https://news.example.org/media/${LEAD}/${r}-1200-3f9a1c2b.jpg`),
    );
  });

  it('keeps the page, with a lead and a body image, at most 14 KB gzipped and without script', () => {
    // 5,081 bytes when written (the seed alone is 4,510): two figures cost under 600 bytes gzipped.
    expect(gzipSync(html).length).toBeLessThanOrEqual(14 * 1024);
    expect(elements(doc, 'script').map((s) => attr(s, 'type'))).toEqual(['application/ld+json']);
  });
});

describe('a lead image narrower than 1200 px', () => {
  const doc = parseHtml(render(seedWithPhotos(), new Map([[LEAD, image(LEAD, 1000, 750)]])));

  it('shares the widest rendition there is', () => {
    expect(metaContent(doc, 'og:image')).toBe(`https://news.example.org/media/${LEAD}/16x9-960-3f9a1c2b.jpg`);
    expect(jsonLdOf(doc).image).toEqual([
      `https://news.example.org/media/${LEAD}/16x9-960-3f9a1c2b.jpg`,
      `https://news.example.org/media/${LEAD}/4x3-960-3f9a1c2b.jpg`,
      `https://news.example.org/media/${LEAD}/1x1-640-3f9a1c2b.jpg`,
    ]);
  });
});

describe('body images', () => {
  const doc = parseHtml(render());
  const body = elements(doc, 'div').find((d) => attr(d, 'class') === 'body')!;
  const [figure] = elements(body, 'figure');

  it('replace their paragraph with a lazy figure in the crop nearest their shape', () => {
    expect(elements(body, 'p').some((p) => elements(p, 'img').length > 0)).toBe(false);
    const [img] = elements(figure!, 'img');
    // 3000×2000 is 3:2 (1.5), nearer 4:3 (1.33) than 16:9 (1.78).
    expect(attr(img!, 'src')).toBe(`/media/${BODY}/4x3-960-3f9a1c2b.jpg`);
    expect([attr(img!, 'width'), attr(img!, 'height')]).toEqual(['960', '720']);
    expect(attr(img!, 'loading')).toBe('lazy');
    expect(attr(img!, 'fetchpriority')).toBeUndefined();
    expect(attr(img!, 'alt')).toBe('Зал заседаний');
    expect(textOf(elements(figure!, 'figcaption')[0]!)).toBe('Фото: ТАСС');
  });

  it('choose 16:9 for originals at least as wide as the midpoint of 16:9 and 4:3, else 4:3', () => {
    expect(decideBodyRatio({ width: 1600, height: 900 })).toBe('16:9');
    expect(decideBodyRatio({ width: 1560, height: 1000 })).toBe('16:9');
    expect(decideBodyRatio({ width: 1550, height: 1000 })).toBe('4:3');
    expect(decideBodyRatio({ width: 3000, height: 4000 })).toBe('4:3');
    expect(decideBodyRatio({ width: 0, height: 0 })).toBe('4:3');
  });

  it('inside a sentence, render as a plain <img> (valid where text is), with the draft alt when the record has none', () => {
    const text = `# Заголовок\n\nСлева ![Снимок из зала](media:${BODY}) справа.\n`;
    const images = new Map([[BODY, image(BODY, 3000, 2000, { alt: '' })]]);
    const [p] = elements(parseHtml(render(text, images)), 'p').filter((el) => elements(el, 'img').length);
    const [img] = elements(p!, 'img');
    expect(attr(img!, 'alt')).toBe('Снимок из зала');
    expect(attr(img!, 'loading')).toBe('lazy');
    expect(textOf(p!).replaceAll('\u00A0', ' ')).toBe('Слева  справа.');
  });

  it('render nothing when their record is missing: no figure, no broken tag, no media: left', () => {
    const text = `---\nimage: ${MISSING}\n---\n# Заголовок\n\nТекст.\n\n![Нет](media:${MISSING})\n\nИ ![нет](media:${MISSING}) тут.\n`;
    const html = render(text, new Map());
    const page = parseHtml(html);
    expect(elements(page, 'figure')).toEqual([]);
    expect(elements(page, 'img')).toEqual([]);
    expect(html).not.toContain('media:');
    expect(metaContent(page, 'og:image')).toBeUndefined();
    expect(metaContent(page, 'twitter:card')).toBeUndefined();
    expect(jsonLdOf(page).image).toBeUndefined();
  });
});

describe('hostile text around photographs', () => {
  const hostile = '"><script>alert(1)</script><img src=x onerror=alert(2)>';
  const images = new Map([[LEAD, image(LEAD, 4000, 3000, { alt: hostile, caption: hostile, credit: hostile })]]);
  const html = render(`---\nimage: ${LEAD}\n---\n# Заголовок\n\nТекст.\n\n![${hostile}](media:${LEAD})\n`, images);

  it('is escaped in alt, caption, credit and og:image:alt', () => {
    expect(html).not.toMatch(/<script>alert|onerror=alert\(2\)>|<img src=x/);
    const doc = parseHtml(html);
    for (const img of elements(doc, 'img')) expect(attr(img, 'alt')).toBe(hostile);
    expect(metaContent(doc, 'og:image:alt')).toBe(hostile);
    expect(elements(doc, 'script')).toHaveLength(1);
  });

  it('cannot use media: anywhere but an image placeholder the renderer replaces', () => {
    const page = renderArticlePage(
      pageInput(
        {
          ...parseDraft('# Заголовок\n\nТекст.\n', { deskNames: DESK_NAMES }),
          bodyMarkdown: `[ссылка](media:${LEAD}) ![x](media:javascript:alert(1)) ![y](media:${LEAD}"onerror="alert(1))`,
        },
        { images },
      ),
    );
    const body = elements(parseHtml(page), 'div').find((d) => attr(d, 'class') === 'body')!;
    // The link keeps its text and loses its target; the malformed placeholders stay text.
    expect(DomUtils.findAll(() => true, body.children).map((el) => [el.name, el.attribs])).toEqual([
      ['p', {}],
      ['a', {}],
    ]);
    expect(page).not.toMatch(/href="media:|src="media:/);
  });

  it('drops renditions whose URL could break out of srcset or the page', () => {
    // Keys are ours (the processor makes them), but the page must not trust them to be well formed.
    const lead = images.get(LEAD)!;
    const hostileKeys = new Map([
      [
        LEAD,
        {
          ...lead,
          renditions: lead.renditions.map((r) =>
            r.width === 960
              ? { ...r, key: `/evil.example/${r.key}` }
              : r.width === 640
                ? { ...r, key: `${r.key} 9999w, //evil` }
                : r,
          ),
        },
      ],
    ]);
    const page = renderArticlePage(
      pageInput(parseDraft(`---\nimage: ${LEAD}\n---\n# Заголовок\n\nТекст.\n`, { deskNames: DESK_NAMES }), {
        images: hostileKeys,
      }),
    );
    expect(page).not.toMatch(/javascript:|\/\/evil/);
    expect(page).toContain(`src="/media/${LEAD}/16x9-1200-3f9a1c2b.jpg"`);
  });
});

describe('previews', () => {
  it('use the authenticated path the caller gives and stay noindex', () => {
    const html = renderArticlePage(
      pageInput(parseDraft(seedWithPhotos(), { deskNames: DESK_NAMES }), {
        images: IMAGES,
        preview: true,
        mediaUrls: 'preview',
      }),
    );
    expect(html).toContain(`src="/api/media/${LEAD}/renditions/16x9-960-3f9a1c2b.jpg"`);
    expect(metaContent(parseHtml(html), 'robots')).toBe('noindex');
  });
});

const ITEM: ListingItem = {
  title: 'Страны ОТГ усиливают правовое сотрудничество',
  path: '/politics/2026/11/20/strany-otg-usilivayut-pravovoe-sotrudnichestvo/',
  desk: 'politics',
  lang: 'ru',
  publishedAt: '2026-11-20T09:30:00Z',
};

describe('listing thumbnails', () => {
  const thumbnail = decideThumbnail(image(LEAD, 4000, 3000));

  it('use the narrowest 16:9 JPEG at least 224 px wide', () => {
    expect(thumbnail).toEqual({
      url: `/media/${LEAD}/16x9-320-3f9a1c2b.jpg`,
      width: 320,
      height: 180,
      alt: 'Министры юстиции за столом переговоров',
    });
  });

  it('show on the front page and desk pages as a small lazy image with width, height and alt', () => {
    for (const html of [
      renderFrontPage({ site: SITE, items: [{ ...ITEM, image: thumbnail }], desks: [POLITICS] }),
      renderDeskPage({ site: SITE, desk: POLITICS, items: [{ ...ITEM, image: thumbnail }], months: [] }),
    ]) {
      const imgs = elements(parseHtml(html), 'img');
      expect(imgs.map((i) => i.attribs)).toEqual([
        {
          class: 'thumb',
          src: `/media/${LEAD}/16x9-320-3f9a1c2b.jpg`,
          width: '320',
          height: '180',
          alt: 'Министры юстиции за столом переговоров',
          loading: 'lazy',
          decoding: 'async',
        },
      ]);
    }
  });

  it('are left out when their URL is not a site path or https', () => {
    for (const url of ['javascript:alert(1)', '//evil.example/x.jpg', 'http://a.example/x.jpg', '/a b.jpg']) {
      const html = renderFrontPage({
        site: SITE,
        items: [{ ...ITEM, image: { url, width: 320, height: 180, alt: 'x' } }],
        desks: [POLITICS],
      });
      expect(elements(parseHtml(html), 'img'), url).toEqual([]);
    }
  });
});

describe('pages with figures are valid HTML (html-validate, the renderer tests configuration)', () => {
  const validator = new HtmlValidate({
    extends: ['html-validate:recommended'],
    rules: {
      'doctype-style': ['error', { style: 'lowercase' }],
      'no-inline-style': ['error', { allowedProperties: ['text-align'] }],
      'void-style': 'off',
      'long-title': 'off',
    },
  });
  const messagesOf = (html: string): string[] =>
    validator.validateStringSync(html).results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`));

  it.each([
    ['an article with a lead and a body image', () => render()],
    [
      'an article with an inline image and a missing one',
      () => render(`# Заголовок\n\nСлева ![Снимок](media:${BODY}) справа.\n\n![Нет](media:${MISSING})\n`),
    ],
    [
      'the front page with a thumbnail',
      () =>
        renderFrontPage({
          site: SITE,
          items: [{ ...ITEM, image: decideThumbnail(image(LEAD, 4000, 3000)) }],
          desks: [POLITICS],
        }),
    ],
  ])('%s', (_name, page) => {
    expect(messagesOf(page())).toEqual([]);
  });
});
