import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { z } from 'zod';
import type { DevTokenIssuer } from '../http/api-handler.js';
import { createTokenVerifier, type TokenVerifier } from '../http/auth.js';

/**
 * The local stack's own identity provider: a key pair kept in the data dir signs tokens for the demo users, and the
 * same verification code that checks Cognito's tokens in AWS checks these.
 */
export const DEV_ISSUER = 'urn:newsroom:local';
export const DEV_AUDIENCE = 'newsroom-local';
const TOKEN_LIFETIME = '12h';
const ALG = 'ES256';

const jwkSchema = z.looseObject({
  kty: z.string(),
  crv: z.string(),
  x: z.string(),
  y: z.string(),
  d: z.string().optional(),
});
const keyFileSchema = z.object({ kid: z.string(), privateJwk: jwkSchema, publicJwk: jwkSchema });

export interface DevAuth {
  issuer: DevTokenIssuer;
  verifier: TokenVerifier;
}

const loadOrCreateKeys = async (dataDir: string): Promise<z.infer<typeof keyFileSchema>> => {
  const file = join(dataDir, 'dev-signing-key.json');
  try {
    return keyFileSchema.parse(JSON.parse(await readFile(file, 'utf8')));
  } catch {
    const { privateKey, publicKey } = await generateKeyPair(ALG, { extractable: true });
    const keys = {
      kid: `local-${Date.now().toString(36)}`,
      privateJwk: jwkSchema.parse(await exportJWK(privateKey)),
      publicJwk: jwkSchema.parse(await exportJWK(publicKey)),
    };
    await mkdir(dataDir, { recursive: true });
    await writeFile(file, JSON.stringify(keys, null, 2), { mode: 0o600 });
    return keys;
  }
};

export const createDevAuth = async (dataDir: string): Promise<DevAuth> => {
  const keys = await loadOrCreateKeys(dataDir);
  const privateKey = await importJWK(keys.privateJwk satisfies JWK, ALG);
  const publicJwk: JWK = { ...keys.publicJwk, kid: keys.kid, alg: ALG, use: 'sig' };
  return {
    issuer: {
      issue: (claims) =>
        new SignJWT({ name: claims.name, groups: claims.groups })
          .setProtectedHeader({ alg: ALG, kid: keys.kid })
          .setSubject(claims.sub)
          .setIssuer(DEV_ISSUER)
          .setAudience(DEV_AUDIENCE)
          .setIssuedAt()
          .setExpirationTime(TOKEN_LIFETIME)
          .sign(privateKey),
    },
    verifier: createTokenVerifier({
      keys: createLocalJWKSet({ keys: [publicJwk] }),
      issuer: DEV_ISSUER,
      audience: DEV_AUDIENCE,
    }),
  };
};
