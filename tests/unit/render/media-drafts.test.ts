import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../functions/domain/errors.js';
import { DRAFT_LIMITS } from '../../../functions/domain/render/draft-limits.js';
import { isMediaId } from '../../../functions/domain/render/media-refs.js';
import { parseDraft } from '../../../functions/domain/render/parse-draft.js';
import { DESK_NAMES } from './helpers.js';

/** Photographs in drafts (issue 11 §4): `image:` in the front matter, `![alt](media:<id>)` in the body. */
const LEAD = '01JD3Q8Z6X4M2N7P5R9T1V3W5Y';
const BODY = '01JD3Q8Z6X4M2N7P5R9T1V3W60';
const OTHER = '01JD3Q8Z6X4M2N7P5R9T1V3W61';
const parse = (text: string) => parseDraft(text, { deskNames: DESK_NAMES });

const failureOf = (text: string): DomainError => {
  try {
    parse(text);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('the draft was accepted');
};

describe('media ids', () => {
  it('are ULIDs: 26 characters of Crockford base32 in upper case, starting 0-7', () => {
    expect(isMediaId(LEAD)).toBe(true);
    for (const bad of [
      LEAD.toLowerCase(),
      LEAD.slice(1),
      `${LEAD}0`,
      `8${LEAD.slice(1)}`,
      LEAD.replace('J', 'I'),
      '',
    ]) {
      expect(isMediaId(bad), bad).toBe(false);
    }
  });
});

describe('parseDraft with photographs', () => {
  it('takes the lead image from the front matter and lists every id once, lead first, then in body order', () => {
    const draft = parse(
      `---\nimage: ${LEAD}\n---\n# Заголовок\n\nАбзац.\n\n![Зал](media:${BODY})\n\nЕщё.\n\n![Снова](media:${LEAD})\n\n![Другой](media:${OTHER})\n\n![Повтор](media:${BODY})\n`,
    );
    expect(draft.leadImage).toBe(LEAD);
    expect(draft.mediaIds).toEqual([LEAD, BODY, OTHER]);
    expect(draft.bodyMarkdown).toContain(`![Зал](media:${BODY})`);
  });

  it('finds images inside lists, quotes and links, and ignores the syntax quoted in code', () => {
    const draft = parse(
      `# Заголовок\n\n- пункт ![a](media:${BODY})\n\n> ![b](media:${OTHER})\n\nПишите \`![x](media:bad)\` так.\n\n    ![y](media:also-bad)\n`,
    );
    expect(draft.leadImage).toBeUndefined();
    expect(draft.mediaIds).toEqual([BODY, OTHER]);
  });

  it('leaves both fields out of a draft without photographs, and treats an empty image: as none', () => {
    const plain = parse('# Заголовок\n\nТекст.\n');
    expect('leadImage' in plain || 'mediaIds' in plain).toBe(false);
    const empty = parse('---\nimage:\n---\n# Заголовок\n\nТекст.\n');
    expect(empty.leadImage).toBeUndefined();
    expect(empty.mediaIds).toBeUndefined();
  });

  it('refuses a malformed image: value with front_matter_invalid naming the field', () => {
    for (const value of ['photo.jpg', LEAD.toLowerCase(), `${LEAD}X`, '[1, 2]', '12345']) {
      const error = failureOf(`---\nimage: ${value}\n---\n# Заголовок\n\nТекст.\n`);
      expect(error.code, value).toBe('front_matter_invalid');
      expect(error.details).toEqual({ field: 'image' });
      expect(error.message).toMatch(/"image" must be a photograph id/);
    }
  });

  it('refuses a malformed media: reference with invalid_input, the reference and its line', () => {
    const error = failureOf(`---\ntitle: Заголовок\n---\n\nАбзац.\n\n![Фото](media:01ABC)\n`);
    expect(error.code).toBe('invalid_input');
    expect(error.details).toEqual({ field: 'media_reference', reference: 'media:01ABC', line: 7 });
    expect(error.message).toMatch(/^Line 7: "media:01ABC" is not a photograph reference/);
    const lower = failureOf(`# Заголовок\n\n![Фото](media:${LEAD.toLowerCase()})\n`);
    expect(lower.details).toMatchObject({ field: 'media_reference', line: 3 });
    const empty = failureOf('# Заголовок\n\n![Фото](MEDIA:)\n');
    expect(empty.details).toMatchObject({ reference: 'MEDIA:' });
  });

  it('refuses media: as a link target: a photograph is placed with ![…], never linked', () => {
    const error = failureOf(`# Заголовок\n\nСм. [снимок](media:${LEAD}).\n`);
    expect(error.code).toBe('invalid_input');
    expect(error.details).toMatchObject({ field: 'media_reference', line: 3 });
  });

  it(`refuses more than ${DRAFT_LIMITS.images} placements as draft_too_complex (limit images)`, () => {
    const images = Array.from({ length: DRAFT_LIMITS.images + 1 }, () => `![a](media:${BODY})`).join('\n\n');
    const error = failureOf(`# Заголовок\n\n${images}\n`);
    expect(error.code).toBe('draft_too_complex');
    expect(error.details).toMatchObject({ limit: 'images', max: DRAFT_LIMITS.images });
    const atLimit = Array.from({ length: DRAFT_LIMITS.images }, () => `![a](media:${BODY})`).join('\n\n');
    expect(parse(`# Заголовок\n\n${atLimit}\n`).mediaIds).toEqual([BODY]);
  });
});
