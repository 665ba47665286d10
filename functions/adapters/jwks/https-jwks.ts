import { get } from 'node:https';
import { createLocalJWKSet, errors, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import * as z from 'zod/mini';

/**
 * The identity provider's signing keys (Cognito's JWKS), fetched over node:https and cached per container.
 *
 * Hand-written on purpose, on top of jose's own `createLocalJWKSet` (which does the key selection and checks): jose's
 * `createRemoteJWKSet` builds a fetch `Headers` object when it is created, which loads Node's fetch implementation
 * (undici) — about 10 ms at every API cold start, for one small GET per container. What is ours is the caching:
 * keys are kept for `maxAgeMs`, and an unknown key id (a rotation) triggers at most one refetch per `cooldownMs`.
 */
const jwksSchema = z.object({ keys: z.array(z.looseObject({ kty: z.string() })) });

export interface HttpsJwksOptions {
  maxAgeMs?: number;
  cooldownMs?: number;
  timeoutMs?: number;
  now?: () => number;
  /** Fetches the document (injectable for tests). */
  fetchJson?: (url: URL, timeoutMs: number) => Promise<unknown>;
}

const fetchJsonOverHttps = (url: URL, timeoutMs: number): Promise<unknown> =>
  new Promise((resolve, reject) => {
    const req = get(url, { timeout: timeoutMs, headers: { accept: 'application/json' } }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new Error(`JWKS ${url.href} answered ${res.statusCode}`));
        return;
      }
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`JWKS ${url.href} timed out`)));
    req.on('error', reject);
  });

interface KeySet {
  select: JWTVerifyGetKey;
  fetchedAt: number;
}

export const createHttpsJwks = (url: URL, options: HttpsJwksOptions = {}): JWTVerifyGetKey => {
  const maxAgeMs = options.maxAgeMs ?? 600_000;
  const cooldownMs = options.cooldownMs ?? 30_000;
  const now = options.now ?? Date.now;
  const fetchJson = options.fetchJson ?? fetchJsonOverHttps;
  let keys: KeySet | undefined;
  let inflight: Promise<KeySet> | undefined;

  const refresh = (): Promise<KeySet> =>
    (inflight ??= (async () => {
      try {
        const document: JSONWebKeySet = jwksSchema.parse(await fetchJson(url, options.timeoutMs ?? 5_000));
        keys = { select: createLocalJWKSet(document), fetchedAt: now() };
        return keys;
      } finally {
        inflight = undefined;
      }
    })());

  return async (header, token) => {
    const current = keys && now() - keys.fetchedAt <= maxAgeMs ? keys : await refresh();
    try {
      return await current.select(header, token);
    } catch (error) {
      // Another request may have refetched meanwhile: the cooldown counts from the newest fetch.
      if (error instanceof errors.JWKSNoMatchingKey && now() - (keys ?? current).fetchedAt > cooldownMs) {
        return (await refresh()).select(header, token);
      }
      throw error;
    }
  };
};
