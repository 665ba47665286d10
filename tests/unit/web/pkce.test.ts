import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildAuthorizeUrl,
  buildCodeExchangeBody,
  buildLogoutUrl,
  buildRefreshBody,
  buildTokenUrl,
  createCodeVerifier,
  decideTokenAction,
  deriveCodeChallenge,
  encodeBase64Url,
  parseCallbackParams,
} from '../../../web/src/lib/pkce.js';

const config = {
  cognitoDomain: 'https://newsroom-prod.auth.eu-central-1.amazoncognito.com/',
  clientId: 'client123',
  redirectUri: 'https://news.example.org/newsroom/',
};

describe('PKCE helpers', () => {
  it('derives the S256 challenge of the RFC 7636 appendix B example', async () => {
    const challenge = await deriveCodeChallenge(
      'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
      webcrypto.subtle as SubtleCrypto,
    );
    expect(challenge).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes a 43-character URL-safe verifier from 32 random bytes', () => {
    const verifier = createCodeVerifier((n) => new Uint8Array(n).fill(0xfb));
    expect(verifier).toBe('-_v7-_v7-_v7-_v7-_v7-_v7-_v7-_v7-_v7-_v7-_s');
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('encodes base64url without padding', () => {
    expect(encodeBase64Url(new Uint8Array([0xff, 0xee]))).toBe('_-4');
  });

  it('builds the authorize URL with code, S256 challenge and state', () => {
    const url = new URL(buildAuthorizeUrl(config, 'CHALLENGE', 'STATE'));
    expect(url.origin + url.pathname).toBe(
      'https://newsroom-prod.auth.eu-central-1.amazoncognito.com/oauth2/authorize',
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'client123',
      redirect_uri: 'https://news.example.org/newsroom/',
      scope: 'openid email profile',
      code_challenge_method: 'S256',
      code_challenge: 'CHALLENGE',
      state: 'STATE',
    });
  });

  it('uses the scopes from config.json when given', () => {
    const url = new URL(buildAuthorizeUrl({ ...config, scopes: 'openid email' }, 'C', 'S'));
    expect(url.searchParams.get('scope')).toBe('openid email');
  });

  it('builds the token exchange, refresh and logout requests', () => {
    expect(buildTokenUrl(config)).toBe('https://newsroom-prod.auth.eu-central-1.amazoncognito.com/oauth2/token');
    expect(Object.fromEntries(new URLSearchParams(buildCodeExchangeBody(config, 'CODE', 'VERIFIER')))).toEqual({
      grant_type: 'authorization_code',
      client_id: 'client123',
      code: 'CODE',
      redirect_uri: 'https://news.example.org/newsroom/',
      code_verifier: 'VERIFIER',
    });
    expect(Object.fromEntries(new URLSearchParams(buildRefreshBody(config, 'R')))).toEqual({
      grant_type: 'refresh_token',
      client_id: 'client123',
      refresh_token: 'R',
    });
    expect(buildLogoutUrl(config)).toBe(
      'https://newsroom-prod.auth.eu-central-1.amazoncognito.com/logout?client_id=client123&logout_uri=https%3A%2F%2Fnews.example.org%2Fnewsroom%2F',
    );
  });

  it('reads the redirect back: code and state, an error, or nothing', () => {
    expect(parseCallbackParams('?code=abc&state=xyz')).toEqual({ kind: 'code', code: 'abc', state: 'xyz' });
    expect(parseCallbackParams('?error=access_denied&error_description=User+cancelled')).toEqual({
      kind: 'error',
      error: 'access_denied',
      description: 'User cancelled',
    });
    expect(parseCallbackParams('?code=abc')).toEqual({ kind: 'none' });
    expect(parseCallbackParams('')).toEqual({ kind: 'none' });
  });

  it('refreshes a minute before expiry, and only when there is a refresh token', () => {
    const exp = 1_000_000;
    expect(decideTokenAction(exp, exp - 61_000, true)).toBe('use');
    expect(decideTokenAction(exp, exp - 59_000, true)).toBe('refresh');
    expect(decideTokenAction(exp, exp + 1, true)).toBe('refresh');
    expect(decideTokenAction(exp, exp - 59_000, false)).toBe('use');
    expect(decideTokenAction(exp, exp, false)).toBe('expired');
  });
});
