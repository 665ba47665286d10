/**
 * A deterministic archive for the import bench: `count` Markdown stories with YAML front matter spread over three
 * years across the configured desks, each with a standfirst, tags and a few paragraphs of Russian or English text.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const DESKS = [
  { id: 'politics', lang: 'ru', offset: '+03:00' },
  { id: 'world', lang: 'en', offset: '+00:00' },
] as const;
const RU_WORDS =
  'министр заявил что правительство рассмотрит проект закона о бюджете на следующий год и представит его парламенту в начале осени после консультаций с регионами'.split(
    ' ',
  );
const EN_WORDS =
  'the minister said the government would consider the draft budget law for next year and present it to parliament early in the autumn after talks with the regions'.split(
    ' ',
  );
const START_MS = Date.UTC(2023, 0, 1);
const THREE_YEARS_MS = 3 * 365 * 86_400_000;

/** A small linear congruential generator: the same archive on every run. */
const random = (seed: number) => {
  let state = seed >>> 0;
  return (): number => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
};

const sentence = (next: () => number, words: readonly string[], n: number): string => {
  const picked = Array.from({ length: n }, () => words[Math.floor(next() * words.length)] ?? '');
  const text = picked.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
};

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Writes the stories into `dir` (sub-folders per year, as archives keep them); returns their count. */
export const writeArchiveStories = (dir: string, count: number): number => {
  const next = random(14);
  for (let i = 0; i < count; i += 1) {
    const desk = DESKS[i % DESKS.length] ?? DESKS[0];
    const words = desk.lang === 'ru' ? RU_WORDS : EN_WORDS;
    // Spread evenly over three years, so every month and most days of the archive have stories.
    const at = new Date(START_MS + Math.floor((i / count) * THREE_YEARS_MS) + Math.floor(next() * 3_600_000));
    const date = `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}T${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:00${desk.offset}`;
    const title = sentence(next, words, 6).slice(0, -1);
    const paragraphs = Array.from({ length: 4 }, () =>
      Array.from({ length: 3 }, () => sentence(next, words, 12)).join(' '),
    );
    const text = [
      '---',
      `title: "${title}"`,
      `date: ${date}`,
      `desk: ${desk.id}`,
      `author: ${desk.lang === 'ru' ? 'Анна Смирнова' : 'Jane Doe'}`,
      `tags: [${desk.lang === 'ru' ? 'бюджет, парламент' : 'budget, parliament'}]`,
      `slug: story-${pad(i, 5)}`,
      `standfirst: "${sentence(next, words, 10)}"`,
      '---',
      '',
      paragraphs.join('\n\n'),
      '',
    ].join('\n');
    const year = String(at.getUTCFullYear());
    mkdirSync(join(dir, year), { recursive: true });
    writeFileSync(join(dir, year, `story-${pad(i, 5)}.md`), text);
  }
  return count;
};
