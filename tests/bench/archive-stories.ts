/**
 * A deterministic archive for the import bench and tests: `count` Markdown stories with YAML front matter spread over
 * three years (or the span asked for) across the configured desks, each with a standfirst, tags and a few paragraphs
 * of Russian or English text; optionally a busy day on which one desk publishes more than a day-archive chunk.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// The desks of content/desks.json, with their time zones: a story's URL carries its date in its desk's zone.
const DESKS = [
  { id: 'politics', lang: 'ru', offset: '+03:00', timeZone: 'Europe/Moscow' },
  { id: 'world', lang: 'en', offset: '+00:00', timeZone: 'Europe/London' },
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

/** yyyy/mm/dd of an instant in a time zone (Intl, not the product's code: the bench checks the product). */
const dayPathIn = (at: Date, timeZone: string): string => {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(at)
    .reduce<Record<string, string>>((acc, part) => ({ ...acc, [part.type]: part.value }), {});
  return `${parts.year}/${parts.month}/${parts.day}`;
};

export interface ArchiveStory {
  /** The file, relative to the folder. */
  file: string;
  /** Where the story must be live: /{desk}/{yyyy}/{mm}/{dd}/{slug}/, the date in the desk's time zone. */
  path: string;
}

export interface ArchiveOptions {
  /** First instant of the span (epoch ms); 2023-01-01 by default. */
  startMs?: number;
  /** Length of the span the stories are spread over evenly; three years by default. */
  spanMs?: number;
  /** This many more stories on one desk's day (06:00–12:00 of the day starting at `startMs`), after the spread ones. */
  busyDay?: { desk: 'politics' | 'world'; startMs: number; count: number };
}

/**
 * Writes the stories into `dir` (sub-folders per year, as archives keep them); returns each story's file and the URL
 * it must be published at.
 */
export const writeArchiveStories = (dir: string, count: number, options: ArchiveOptions = {}): ArchiveStory[] => {
  const next = random(14);
  const startMs = options.startMs ?? START_MS;
  const spanMs = options.spanMs ?? THREE_YEARS_MS;
  const busy = options.busyDay?.count ?? 0;
  const stories: ArchiveStory[] = [];
  for (let i = 0; i < count + busy; i += 1) {
    const spread = i < count;
    const desk = spread
      ? (DESKS[i % DESKS.length] ?? DESKS[0])
      : (DESKS.find((d) => d.id === options.busyDay?.desk) ?? DESKS[0]);
    const words = desk.lang === 'ru' ? RU_WORDS : EN_WORDS;
    // Spread evenly over the span, so every month and most days of the archive have stories.
    const at = spread
      ? new Date(startMs + Math.floor((i / count) * spanMs) + Math.floor(next() * 3_600_000))
      : new Date((options.busyDay?.startMs ?? startMs) + 6 * 3_600_000 + Math.floor(next() * 6 * 3_600_000));
    // The clock time read as the desk's offset, as an archive exports it.
    const date = `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}T${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:00${desk.offset}`;
    const slug = `story-${pad(i, 5)}`;
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
      `slug: ${slug}`,
      `standfirst: "${sentence(next, words, 10)}"`,
      '---',
      '',
      paragraphs.join('\n\n'),
      '',
    ].join('\n');
    const year = String(at.getUTCFullYear());
    mkdirSync(join(dir, year), { recursive: true });
    writeFileSync(join(dir, year, `${slug}.md`), text);
    stories.push({
      file: `${year}/${slug}.md`,
      path: `/${desk.id}/${dayPathIn(new Date(date), desk.timeZone)}/${slug}/`,
    });
  }
  return stories;
};
