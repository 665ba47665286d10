/**
 * Pins the rendered pages byte for byte (issue 14 §5): speed work on the renderer (typesetting, sanitizing, markdown)
 * must not change a single byte of what readers get. The hashes were taken before that work started; a change that
 * is meant to change pages updates them in the same commit and says why.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { renderArticlePage } from '../../../functions/domain/render/article-page.js';
import { parseDraft } from '../../../functions/domain/render/parse-draft.js';
import { DESK_NAMES, pageInput, readFixture, readSeed, WORLD } from './helpers.js';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const pageOf = (text: string, overrides: Parameters<typeof pageInput>[1] = {}): string =>
  renderArticlePage(pageInput(parseDraft(text, { deskNames: DESK_NAMES }), overrides));

describe('rendered pages stay byte-identical', () => {
  it('the seed story (ru)', () => {
    expect(sha256(pageOf(readSeed()))).toBe('16c91fd756c303edd1f9da48218debc394ee89bff799fa0207ee2c3afe53e660');
  });

  it('the seed story with a correction', () => {
    const corrections = [{ at: '2026-11-21T08:00:00Z', note: 'Уточнено: "второе" заседание - не первое.' }];
    expect(sha256(pageOf(readSeed(), { corrections }))).toBe(
      'faba3d228c575b7bcb2816a5f807ded981edee6e4b4a63d72cd3dd65ab068511',
    );
  });

  it('the English fixture', () => {
    expect(sha256(pageOf(readFixture('world-ceasefire-en.md'), { desk: WORLD }))).toBe(
      'ca7030012e1044c6eaa32ef541289726202c6dd717c9dbc3156b4c2c77336b1b',
    );
  });

  it('the budget fixture', () => {
    expect(sha256(pageOf(readFixture('budget-print-damage.md')))).toBe(
      '7e3b0684b5ce9d40bc7a9223d3493af7be215e3276bd8fbf0c3d5ddb4a310f2d',
    );
  });
});
