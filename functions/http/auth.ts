import { jwtVerify, type JWTVerifyGetKey } from 'jose';
import * as z from 'zod/mini';
import { DomainError } from '../domain/errors.js';
import type { Principal } from '../domain/principal.js';

/**
 * Token verification, in one place for every deployment: Cognito's JWKS in AWS, the local stack's own key pair
 * locally. Groups come from `groups` (local tokens) or `cognito:groups` (Cognito ID and access tokens).
 */
export interface TokenVerifier {
  verify(authorization: string | undefined): Promise<Principal>;
}

const claimsSchema = z.object({
  sub: z.string().check(z.minLength(1)),
  name: z.optional(z.string()),
  email: z.optional(z.string()),
  'cognito:username': z.optional(z.string()),
  groups: z.optional(z.array(z.string())),
  'cognito:groups': z.optional(z.array(z.string())),
  aud: z.optional(z.union([z.string(), z.array(z.string())])),
  client_id: z.optional(z.string()),
  token_use: z.optional(z.enum(['id', 'access'])),
});

export const createTokenVerifier = (options: {
  keys: JWTVerifyGetKey;
  issuer: string;
  audience: string;
}): TokenVerifier => ({
  async verify(authorization) {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) throw new DomainError('unauthenticated', 'sign in first: send `Authorization: Bearer <token>`');
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, options.keys, { issuer: options.issuer, algorithms: ['RS256', 'ES256'] }));
    } catch {
      throw new DomainError('unauthenticated', 'the token is invalid or expired; sign in again');
    }
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) throw new DomainError('unauthenticated', 'the token lacks the claims this API needs');
    const c = claims.data;
    // ID tokens name the app client in `aud`, Cognito access tokens in `client_id`.
    const audiences = [...(Array.isArray(c.aud) ? c.aud : c.aud ? [c.aud] : []), ...(c.client_id ? [c.client_id] : [])];
    if (!audiences.includes(options.audience)) {
      throw new DomainError('unauthenticated', 'the token was issued for another application');
    }
    return {
      sub: c.sub,
      name: c.name ?? c['cognito:username'] ?? c.email ?? c.sub,
      groups: c.groups ?? c['cognito:groups'] ?? [],
    };
  },
});
