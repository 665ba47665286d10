import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { Cdn } from '../ports/cdn.js';

/**
 * How the batch CLIs (`npm run import`, `npm run rerender`) find the newsroom `npm start` runs on the same data
 * directory: its emulators' endpoints and its port, written when the stack is ready and removed when it stops. They
 * then work through the production adapters directly, and ask the running stack's CDN to drop what they changed
 * (`POST /__newsroom/invalidate` with the token from this file, which only the data directory's owner can read).
 */
export const STACK_FILE = 'stack.json';
const CONTROL_PATH = '/__newsroom/invalidate';
const TOKEN_HEADER = 'x-newsroom-token';

const stackInfoSchema = z.object({
  pid: z.number().int(),
  port: z.number().int(),
  dynamoEndpoint: z.url(),
  s3Endpoint: z.url(),
  tableName: z.string(),
  bucket: z.string(),
  token: z.string().min(32),
});
export type StackInfo = z.infer<typeof stackInfoSchema>;

export const newControlToken = (): string => randomBytes(24).toString('hex');

export const writeStackFile = (dataDir: string, info: StackInfo): void =>
  writeFileSync(resolve(dataDir, STACK_FILE), JSON.stringify(info), { mode: 0o600 });

export const removeStackFile = (dataDir: string): void => rmSync(resolve(dataDir, STACK_FILE), { force: true });

/** The running stack, or undefined when none is (no file, or its process is gone). */
export const readStackFile = (dataDir: string): StackInfo | undefined => {
  let text: string;
  try {
    text = readFileSync(resolve(dataDir, STACK_FILE), 'utf8');
  } catch {
    return undefined;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = stackInfoSchema.safeParse(data);
  if (!parsed.success) return undefined;
  try {
    process.kill(parsed.data.pid, 0);
  } catch {
    return undefined;
  }
  return parsed.data;
};

const invalidationBody = z.object({ paths: z.array(z.string().startsWith('/')).max(10_000) });

/**
 * The running stack's side: answers the control request (true) or leaves the request to the site (false). Only on the
 * loopback origin of the local stack; a wrong or missing token is a 403.
 */
export const handleStackControl = async (
  req: IncomingMessage,
  res: ServerResponse,
  control: { token: string; cdn: Pick<Cdn, 'invalidate'> },
): Promise<boolean> => {
  if ((req.url ?? '').split('?', 1)[0] !== CONTROL_PATH) return false;
  const given = Buffer.from(String(req.headers[TOKEN_HEADER] ?? ''));
  const expected = Buffer.from(control.token);
  if (req.method !== 'POST' || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('forbidden\n');
    return true;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.from(chunk as Uint8Array));
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    body = undefined;
  }
  const parsed = invalidationBody.safeParse(body);
  if (!parsed.success) {
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('expected {"paths": ["/…"]}\n');
    return true;
  }
  await control.cdn.invalidate(parsed.data.paths);
  res.writeHead(204).end();
  return true;
};

/** The CLI's side: a Cdn that asks the running stack to invalidate. */
export const createStackCdn = (info: Pick<StackInfo, 'port' | 'token'>): Cdn => ({
  async invalidate(paths) {
    if (paths.length === 0) return;
    const response = await fetch(`http://127.0.0.1:${info.port}${CONTROL_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: info.token },
      body: JSON.stringify({ paths }),
    });
    if (response.status !== 204) throw new Error(`the running newsroom refused the invalidation (${response.status})`);
  },
});
