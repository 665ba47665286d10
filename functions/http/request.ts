import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import en from 'zod/v4/locales/en.js';
import type * as z from 'zod/mini';
import { DomainError } from '../domain/errors.js';
import { HttpError } from './http-errors.js';

/**
 * Request bodies are capped well below DynamoDB's 400 KB item limit, because an article item holds the current text
 * and its revision item holds it again. A long feature is ~40 KB of Cyrillic UTF-8.
 */
export const MAX_BODY_BYTES = 192 * 1024;

/**
 * People count characters, not bytes: a Cyrillic letter is two bytes of UTF-8 (and of the JSON string), so the byte
 * limit holds about this many characters of Russian text. The app states the limit in these terms.
 */
export const charactersIn = (bytes: number): number => Math.floor(bytes / 2);

export const headerOf = (event: APIGatewayProxyEventV2, name: string): string | undefined => {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers)) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
};

/** Raw body as text, refusing oversized and non-JSON bodies before any parsing. */
export const readJsonBody = (event: APIGatewayProxyEventV2): unknown => {
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.byteLength > MAX_BODY_BYTES) {
    throw new HttpError(
      'payload_too_large',
      `the request body is ${bytes.byteLength} bytes; the limit is ${MAX_BODY_BYTES} bytes — split the story or remove pasted material`,
      {
        limitBytes: MAX_BODY_BYTES,
        actualBytes: bytes.byteLength,
        maxCharacters: charactersIn(MAX_BODY_BYTES),
        actualCharacters: charactersIn(bytes.byteLength),
      },
    );
  }
  const contentType = headerOf(event, 'content-type');
  if (contentType && !/^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType)) {
    throw new HttpError('unsupported_media_type', `send JSON (content-type: application/json), not ${contentType}`);
  }
  if (bytes.byteLength === 0) throw new DomainError('invalid_input', 'the request body is empty; send a JSON object');
  let text: string;
  try {
    // Strict: a replacement character stored in place of bad bytes would be silent data loss.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new HttpError('invalid_encoding', 'the request body is not valid UTF-8; send the text encoded as UTF-8');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new DomainError('invalid_input', 'the request body is not valid JSON');
  }
  if (hasLoneSurrogate(parsed)) {
    // Valid JSON (`"\ud800"`), but not text: it cannot be stored or rendered as UTF-8 without silent replacement.
    throw new DomainError('invalid_input', 'the request body holds a lone UTF-16 surrogate escape (\\uD800–\\uDFFF)');
  }
  return parsed;
};

/** With the `u` flag a surrogate pair is one code point, so \p{Cs} matches only unpaired halves. */
const LONE_SURROGATE = /\p{Cs}/u;

/** Iterative walk: the body may nest as deep as its size allows (190,000 levels), and recursion would overflow. */
const hasLoneSurrogate = (root: unknown): boolean => {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'string') {
      if (LONE_SURROGATE.test(value)) return true;
    } else if (Array.isArray(value)) {
      // No spread: a 190,000-element argument list would itself overflow the stack.
      for (const inner of value) stack.push(inner);
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, inner] of Object.entries(value)) {
        if (LONE_SURROGATE.test(key)) return true;
        stack.push(inner);
      }
    }
  }
  return false;
};

/**
 * A path segment as the route sees it. A lone `%`, a bad escape (`%zz`) or an escape that is not UTF-8 (`%ff`) makes
 * `decodeURIComponent` throw: that is the client's malformed URL, a 400, not our fault.
 */
export const decodePathSegment = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(
      'invalid_path',
      `the URL path has a malformed percent-escape near "${segment.slice(0, 40)}"; encode "%" as "%25"`,
    );
  }
};

/**
 * zod/mini carries no messages ("Invalid input" for everything): issues that a schema leaves unmessaged get zod's
 * English messages, for this parse only. The locale is about 3 KB of code; zod's full build, which sets it globally,
 * is 450 KB loaded at every cold start.
 */
const englishIssues = en().localeError;

/** Parses outside data with a zod schema; failures become a 400 naming each offending field. */
export const parseWith = <S extends z.ZodMiniType>(schema: S, value: unknown, what: string): z.output<S> => {
  const result = schema.safeParse(value, { error: englishIssues });
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, 5).map((i) => ({ path: i.path.map(String).join('.'), code: i.code }));
  const problems = result.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : what}: ${i.message}`)
    .join('; ');
  // The first offending field by name, so the app shows its sentence next to that field; every issue's path too.
  const field = issues[0]?.path;
  throw new DomainError('invalid_input', `invalid ${what} — ${problems}`, { ...(field ? { field } : {}), issues });
};
