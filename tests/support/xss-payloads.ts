import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * The DOMPurify test payloads and the four places a reporter's text goes in a draft, shared by the browser test
 * (tests/e2e/xss-browser.test.ts) and the validity test (tests/unit/render/html-validity.test.ts). The placements
 * are the same as tests/unit/render/xss.test.ts, so all three check the same drafts.
 */

/** DOMPurify's own fixtures, kept in the repository so CI reads the same file (see tests/fixtures/xss/README.md). */
export const PAYLOADS_FILE = fileURLToPath(new URL('../fixtures/xss/dompurify-payloads.json', import.meta.url));

export interface XssPayload {
  index: number;
  title: string;
  payload: string;
}

export const readXssPayloads = (): XssPayload[] =>
  z
    .array(z.object({ title: z.string().optional(), payload: z.string() }))
    .parse(JSON.parse(readFileSync(PAYLOADS_FILE, 'utf8')))
    .map((p, index) => ({ index, title: p.title ?? '(untitled)', payload: p.payload }));

export const POSITIONS = ['body', 'title', 'standfirst', 'signature'] as const;
export type Position = (typeof POSITIONS)[number];

/** The draft with the payload in one position; the rest is the smallest ordinary story (desk signature last). */
export const placePayload = (payload: string, position: Position): string =>
  ({
    body: `# Заголовок\n\nПодводка\n\n${payload}\n\nПоследний абзац.\n\nОтдел политики`,
    title: `# ${payload}\n\nПодводка\n\nТекст.\n\nОтдел политики`,
    standfirst: `# Заголовок\n\n${payload}\n\nТекст.\n\nОтдел политики`,
    signature: `# Заголовок\n\nПодводка\n\nТекст.\n\n${payload}`,
  })[position];
