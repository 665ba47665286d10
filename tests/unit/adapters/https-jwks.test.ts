import { SignJWT, exportJWK, generateKeyPair, jwtVerify, type JWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { createHttpsJwks } from '../../../functions/adapters/jwks/https-jwks.js';

const keyPair = async (kid: string) => {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const sign = () => new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid }).setSubject('u1').sign(privateKey);
  return { jwk, sign };
};

describe('createHttpsJwks', () => {
  it('fetches once, caches, refetches on an unknown key after the cooldown and when the cache is old', async () => {
    const a = await keyPair('a');
    const b = await keyPair('b');
    let published: JWK[] = [a.jwk];
    let fetches = 0;
    let clock = 0;
    const keys = createHttpsJwks(new URL('https://idp.example.test/jwks.json'), {
      now: () => clock,
      cooldownMs: 30_000,
      maxAgeMs: 600_000,
      fetchJson: () => {
        fetches += 1;
        return Promise.resolve({ keys: published });
      },
    });
    expect((await jwtVerify(await a.sign(), keys)).payload.sub).toBe('u1');
    expect((await jwtVerify(await a.sign(), keys)).payload.sub).toBe('u1');
    expect(fetches).toBe(1);

    // Key rotation: b appears. Within the cooldown an unknown key is refused without hammering the provider.
    published = [a.jwk, b.jwk];
    await expect(jwtVerify(await b.sign(), keys)).rejects.toThrow();
    expect(fetches).toBe(1);
    clock = 31_000;
    expect((await jwtVerify(await b.sign(), keys)).payload.sub).toBe('u1');
    expect(fetches).toBe(2);

    clock = 31_000 + 600_001;
    await jwtVerify(await a.sign(), keys);
    expect(fetches).toBe(3);
  });

  it('refuses a document that is not a key set', async () => {
    const a = await keyPair('a');
    const keys = createHttpsJwks(new URL('https://idp.example.test/jwks.json'), {
      fetchJson: () => Promise.resolve({ nope: 1 }),
    });
    await expect(jwtVerify(await a.sign(), keys)).rejects.toThrow();
  });
});
