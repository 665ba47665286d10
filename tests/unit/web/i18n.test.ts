import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { en } from '../../../web/src/i18n/messages-en.js';
import { ru } from '../../../web/src/i18n/messages-ru.js';
import { decideInitialLang, describeDesk, describeZone, formatMessage, translate } from '../../../web/src/i18n/i18n.js';
import { decideErrorKey, decideErrorSentence, describeError } from '../../../web/src/i18n/error-keys.js';
import { ApiError } from '../../../web/src/lib/api.js';
import { API_ERROR_CODES } from '../../../functions/contract/error-codes.js';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe('message catalogues', () => {
  it('have the same keys in Russian and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ru).sort());
  });

  it('have no empty message', () => {
    const empty = [...Object.entries(ru), ...Object.entries(en)].filter(([, v]) => v.trim() === '').map(([k]) => k);
    expect(empty).toEqual([]);
  });

  it('use the same placeholders in both languages', () => {
    const mismatched = Object.keys(ru).filter(
      (key) => placeholders(ru[key as keyof typeof ru]).join() !== placeholders(en[key as keyof typeof en]).join(),
    );
    expect(mismatched).toEqual([]);
  });

  it('are really translated: the Russian catalogue is in Cyrillic, the English one is not', () => {
    expect(ru['editor.save']).toBe('Сохранить');
    expect(en['editor.save']).toBe('Save');
    // The one exception: the language switch names Russian in Russian on the English screen.
    const untranslated = Object.keys(ru).filter((k) => k !== 'lang.switch' && /[а-яё]/i.test(en[k as keyof typeof en]));
    expect(untranslated).toEqual([]);
  });
});

describe('error messages', () => {
  it('have a sentence in Russian and in English for every error code of the API contract', () => {
    const missing = API_ERROR_CODES.flatMap((code) =>
      [ru, en].flatMap((catalogue, i) => {
        const message: unknown = Object.entries(catalogue).find(([key]) => key === `error.code.${code}`)?.[1];
        return typeof message === 'string' && message.trim() !== '' ? [] : [`${i === 0 ? 'ru' : 'en'}: ${code}`];
      }),
    );
    expect(missing).toEqual([]);
  });

  it('pick the sentence by the code, and say so when the server could not be reached', () => {
    const stale = new ApiError(409, 'stale_version', 'version 3 is stale', { currentVersion: 4 });
    expect(decideErrorKey(stale)).toBe('error.code.stale_version');
    // Without its facts, the code's plain sentence: never a bare {currentVersion} on screen.
    expect(decideErrorKey(new ApiError(409, 'stale_version', 'version 3 is stale'))).toBe(
      'error.code.stale_version.plain',
    );
    expect(decideErrorKey(new ApiError(413, 'payload_too_large', 'too big'))).toBe(
      'error.code.payload_too_large.plain',
    );
    expect(decideErrorKey(new ApiError(0, 'network', 'Failed to fetch'))).toBe('error.network');
    expect(decideErrorKey(new ApiError(0, 'timeout', 'no answer within 30000 ms'))).toBe('error.timeout');
    expect(decideErrorSentence(new ApiError(418, 'made_up_code', 'a newer server'))).toEqual({
      key: 'error.unknownCode',
      params: { code: 'made_up_code' },
    });
    expect(decideErrorKey(new ApiError(502, 'http_error', 'the server answered 502'))).toBe('error.generic');
    expect(decideErrorKey(new Error('boom'))).toBe('error.generic');
  });

  it('says which limit a draft is over, with its facts, in Russian', () => {
    const overLine = new ApiError(422, 'draft_too_complex', 'line 12 is 31,000 characters long', {
      limit: 'line_characters',
      max: 20_000,
      actual: 31_000,
      line: 12,
    });
    const sentence = decideErrorSentence(overLine);
    expect(sentence.key).toBe('error.code.draft_too_complex.line_characters');
    // Numbers grouped the Russian way (a no-break space between thousands).
    expect(describeError('ru', overLine)).toBe(
      'Строка 12 длиной 31\u00a0000 знаков, а предел — 20\u00a0000. Разбейте её на абзацы.',
    );
    expect(describeError('en', overLine)).toContain('31,000 characters long; the limit is 20,000');
    // A bound this app does not know yet still gets the code's own sentence, with the limit's value.
    const unknownBound = new ApiError(422, 'draft_too_complex', 'over', { limit: 'tables', max: 50 });
    expect(decideErrorSentence(unknownBound)).toEqual({
      key: 'error.code.draft_too_complex',
      params: { limit: 'tables', max: 50 },
    });
  });
});

describe('formatMessage and the language choice', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(formatMessage('Очередь: {desk}', { desk: 'Отдел политики' })).toBe('Очередь: Отдел политики');
    expect(formatMessage('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });

  it('speaks Russian unless English is asked for', () => {
    expect(decideInitialLang('', null)).toBe('ru');
    expect(decideInitialLang('', 'en')).toBe('en');
    expect(decideInitialLang('?lang=en', 'ru')).toBe('en');
    expect(decideInitialLang('?lang=ru', 'en')).toBe('ru');
    expect(decideInitialLang('?lang=de', 'fr')).toBe('ru');
  });
});

describe('every visible string comes from the catalogue', () => {
  it('names every configured desk and its time zone in both languages', () => {
    const desks = z
      .array(z.object({ id: z.string(), name: z.string(), timeZone: z.string() }))
      .parse(JSON.parse(readFileSync(new URL('../../../content/desks.json', import.meta.url), 'utf8')));
    for (const desk of desks) {
      expect(Object.keys(ru)).toContain(`desk.${desk.id}`);
      expect(Object.keys(ru)).toContain(`zone.${desk.timeZone}`);
    }
    // The world desk is configured in English; the Russian screen still names it in Russian.
    expect(describeDesk('ru', { id: 'world', name: 'World desk' })).toBe('Международный отдел');
    expect(describeZone('ru', 'Europe/Moscow')).toBe('московское время');
    expect(translate('ru', 'review.publishAtLabel', { zone: describeZone('ru', 'Europe/Moscow') })).toBe(
      'Дата и время (московское время)',
    );
    // A zone the catalogue lacks is named by Intl in the language, not as an IANA id.
    expect(describeZone('ru', 'Asia/Tokyo')).toMatch(/[а-яё]/i);
  });

  it('names the sign-in roles in Russian', () => {
    expect([ru['signIn.role.reporter'], ru['signIn.role.editor'], ru['signIn.role.chief']]).toEqual([
      'корреспондент',
      'редактор отдела',
      'главный редактор',
    ]);
  });

  it('has no user-visible literal in the app’s JSX: text nodes and aria-label/title/placeholder/alt attributes', () => {
    const found = scanVisibleLiterals();
    expect(found.files).toBeGreaterThan(10);
    expect(found.literals).toEqual([]);
  });
});

/** Letters in JSX text or in a visible attribute's literal value: a string the catalogue does not hold. */
const VISIBLE_ATTRIBUTES = new Set(['aria-label', 'title', 'placeholder', 'alt', 'aria-placeholder', 'label']);
const LETTER = /\p{L}/u;

const scanVisibleLiterals = (): { files: number; literals: string[] } => {
  const root = fileURLToPath(new URL('../../../web/src/', import.meta.url));
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.tsx'));
  const literals: string[] = [];
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(join(root, file), 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      const where = (): string => `${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
      if (ts.isJsxText(node) && LETTER.test(node.text)) literals.push(`${where()} text "${node.text.trim()}"`);
      if (ts.isJsxExpression(node) && node.expression && ts.isStringLiteralLike(node.expression)) {
        const parent = node.parent;
        const inAttribute = ts.isJsxAttribute(parent);
        if (!inAttribute && LETTER.test(node.expression.text)) literals.push(`${where()} {"${node.expression.text}"}`);
      }
      if (ts.isJsxAttribute(node)) {
        const name = node.name.getText(source);
        const value = node.initializer;
        const text =
          value && ts.isStringLiteral(value)
            ? value.text
            : value && ts.isJsxExpression(value) && value.expression && ts.isStringLiteralLike(value.expression)
              ? value.expression.text
              : undefined;
        if (VISIBLE_ATTRIBUTES.has(name) && text !== undefined && LETTER.test(text)) {
          literals.push(`${where()} ${name}="${text}"`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { files: files.length, literals };
};
