import { describe, expect, it } from 'vitest';
import { en } from '../../../web/src/i18n/messages-en.js';
import { ru } from '../../../web/src/i18n/messages-ru.js';
import { decideInitialLang, formatMessage } from '../../../web/src/i18n/i18n.js';
import { decideErrorKey, decideErrorSentence } from '../../../web/src/i18n/error-keys.js';
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
    const untranslated = Object.keys(ru).filter((k) => /[а-яё]/i.test(en[k as keyof typeof en]));
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
    expect(decideErrorKey(new ApiError(409, 'stale_version', 'version 3 is stale'))).toBe('error.code.stale_version');
    expect(decideErrorKey(new ApiError(413, 'payload_too_large', 'too big'))).toBe('error.code.payload_too_large');
    expect(decideErrorKey(new ApiError(0, 'network', 'offline'))).toBe('error.network');
    expect(decideErrorKey(new ApiError(418, 'made_up_code', 'a newer server'))).toBe('error.generic');
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
    expect(formatMessage(ru[sentence.key], sentence.params)).toBe(
      'Строка 12 длиной 31000 знаков, а предел — 20000. Разбейте её на абзацы.',
    );
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
