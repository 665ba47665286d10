import { beforeAll, describe, expect, it } from 'vitest';
import { DRAFT_LIMITS } from '../../../functions/domain/render/draft-limits.js';
import { articleOf, errorOf, startTestNewsroom, type TestNewsroom } from '../support/test-newsroom.js';

/**
 * Issue 8 §1 over the API: the drafts that crashed or stalled it get a 422 with a code, the bound in `details` and
 * a sentence for the reporter, on save and on the live preview alike; the API keeps answering afterwards.
 */
let n: TestNewsroom;
beforeAll(async () => {
  n = await startTestNewsroom();
});

const FOUND: Array<[name: string, body: string, code: string, limit?: string]> = [
  [
    '20,000 nested [ in the front matter',
    `---\ntitle: ${'[ '.repeat(7_999)}[\n---\n# T\n\nТекст.`,
    'draft_too_complex',
    'front_matter_depth',
  ],
  ['YAML aliases', '---\ntitle: &t Заголовок\ndeck: *t\n---\n# Заголовок\n\nТекст.', 'front_matter_invalid'],
  ['5,000 lines of "a-"', `# T\n\n${'a-\n'.repeat(5_000)}`, 'draft_too_complex', 'repairs'],
  ['48,000 lines of "a-"', `# T\n\n${'a-\n'.repeat(48_000)}`, 'draft_too_complex', 'lines'],
  ['a 100,000-character title', `# ${'заголовок '.repeat(10_000)}\n\nТекст.`, 'draft_too_complex', 'line_characters'],
  ['an 80 KB word', `# T\n\n${'a'.repeat(80_000)}`, 'draft_too_complex', 'word_characters'],
  // 16,000 of them are over the request's size limit (413) since the API took 150,000 characters at most.
  ['11,000 broken paragraphs', `# T\n\n${'слово и\n\n'.repeat(11_000)}`, 'draft_too_complex', 'lines'],
];

describe('drafts over the bounds (issue 8)', () => {
  it.each(FOUND)('answers 422 to %s, on save and on preview', async (_name, body, code, limit) => {
    for (const path of ['/api/articles', '/api/preview']) {
      const res = await n.call('POST', path, { as: 'demo-reporter', body: { desk: 'politics', body } });
      expect(res.status, path).toBe(422);
      const error = errorOf(res);
      expect(error.code, path).toBe(code);
      expect(error.message, path).toMatch(code === 'draft_too_complex' ? /; the limit is [\d,]+ — / : /front matter/);
      if (limit) {
        expect(error.details?.limit, path).toBe(limit);
        expect(typeof error.details?.max, path).toBe('number');
      }
    }
  });

  it('keeps the repairs of 500 hyphenated lines small, and keeps serving', async () => {
    const res = await n.call('POST', '/api/articles', {
      as: 'demo-reporter',
      body: { desk: 'politics', body: `# Заголовок\n\n${'слово-\n'.repeat(500)}` },
    });
    expect(res.status).toBe(201);
    const { fixes } = articleOf(res);
    expect(fixes).toHaveLength(499);
    expect(JSON.stringify(fixes).length).toBeLessThan(500 * 200);
    expect(DRAFT_LIMITS.repairs).toBeGreaterThanOrEqual(499);
  });
});
