import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import en from 'zod/v4/locales/en.js';
import type * as z from 'zod/mini';
import { DomainError } from '../domain/errors.js';

/**
 * Request bodies are capped well below DynamoDB's 400 KB item limit, because an article item holds the current text
 * and its revision item holds it again. A long feature is ~40 KB of Cyrillic UTF-8.
 */
export const MAX_BODY_BYTES = 192 * 1024;

export const headerOf = (event: APIGatewayProxyEventV2, name: string): string | undefined => {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
};

/** Raw body as text, refusing oversized and non-JSON bodies before any parsing. */
export const readJsonBody = (event: APIGatewayProxyEventV2): unknown => {
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.byteLength > MAX_BODY_BYTES) {
    throw new DomainError(
      'payload_too_large',
      `the request body is ${bytes.byteLength} bytes; the limit is ${MAX_BODY_BYTES} bytes — split the story or remove pasted material`,
    );
  }
  const contentType = headerOf(event, 'content-type');
  if (contentType && !/^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType)) {
    throw new DomainError('unsupported_media_type', `send JSON (content-type: application/json), not ${contentType}`);
  }
  if (bytes.byteLength === 0) throw new DomainError('invalid_input', 'the request body is empty; send a JSON object');
  let text: string;
  try {
    // Strict: a replacement character stored in place of bad bytes would be silent data loss.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new DomainError('invalid_encoding', 'the request body is not valid UTF-8; send the text encoded as UTF-8');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new DomainError('invalid_input', 'the request body is not valid JSON');
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
  const problems = result.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : what}: ${i.message}`)
    .join('; ');
  throw new DomainError('invalid_input', `invalid ${what} — ${problems}`);
};
