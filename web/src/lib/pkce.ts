/**
 * OAuth 2.0 authorization code with PKCE (RFC 7636, S256) against Cognito's hosted sign-in. Pure helpers: the
 * random source and WebCrypto are passed in so tests can pin them; the browser glue lives in auth.ts.
 */
export interface CognitoConfig {
  cognitoDomain: string;
  clientId: string;
  redirectUri: string;
  /** Space-separated scopes the app client allows (default `openid email profile`). */
  scopes?: string;
}

export const DEFAULT_SCOPES = 'openid email profile';

export const encodeBase64Url = (bytes: Uint8Array): string => {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

/** 32 random bytes give a 43-character verifier, the shortest RFC 7636 allows (43–128). */
export const createCodeVerifier = (randomBytes: (length: number) => Uint8Array): string =>
  encodeBase64Url(randomBytes(32));

/** An opaque `state` that ties the redirect back to the sign-in this tab started (CSRF protection). */
export const createState = (randomBytes: (length: number) => Uint8Array): string => encodeBase64Url(randomBytes(16));

export const deriveCodeChallenge = async (verifier: string, subtle: SubtleCrypto): Promise<string> => {
  const digest = await subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return encodeBase64Url(new Uint8Array(digest));
};

const endpoint = (config: CognitoConfig, path: string): URL =>
  new URL(path, config.cognitoDomain.replace(/\/+$/, '') + '/');

export const buildAuthorizeUrl = (config: CognitoConfig, challenge: string, state: string): string => {
  const url = endpoint(config, 'oauth2/authorize');
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    scope: config.scopes ?? DEFAULT_SCOPES,
    code_challenge_method: 'S256',
    code_challenge: challenge,
    state,
  }).toString();
  return url.toString();
};

export const buildTokenUrl = (config: CognitoConfig): string => endpoint(config, 'oauth2/token').toString();

/** Form body that trades the authorization code (and the verifier only this tab knows) for tokens. */
export const buildCodeExchangeBody = (config: CognitoConfig, code: string, verifier: string): string =>
  new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: config.clientId,
    code,
    redirect_uri: config.redirectUri,
    code_verifier: verifier,
  }).toString();

export const buildRefreshBody = (config: CognitoConfig, refreshToken: string): string =>
  new URLSearchParams({
    grant_type: 'refresh_token',
    client_id: config.clientId,
    refresh_token: refreshToken,
  }).toString();

export const buildLogoutUrl = (config: CognitoConfig): string => {
  const url = endpoint(config, 'logout');
  url.search = new URLSearchParams({ client_id: config.clientId, logout_uri: config.redirectUri }).toString();
  return url.toString();
};

/** Reads `?code=…&state=…` (or `?error=…`) from the redirect back to the app. */
export type CallbackParams =
  | { kind: 'none' }
  | { kind: 'code'; code: string; state: string }
  | { kind: 'error'; error: string; description?: string };

export const parseCallbackParams = (search: string): CallbackParams => {
  const params = new URLSearchParams(search);
  const error = params.get('error');
  if (error) return { kind: 'error', error, description: params.get('error_description') ?? undefined };
  const code = params.get('code');
  const state = params.get('state');
  if (code && state) return { kind: 'code', code, state };
  return { kind: 'none' };
};

/** Refresh a minute before expiry, so a request never leaves with a token that dies in flight. */
export const REFRESH_SKEW_MS = 60_000;

export const decideTokenAction = (
  expiresAtMs: number,
  nowMs: number,
  hasRefreshToken: boolean,
): 'use' | 'refresh' | 'expired' => {
  if (nowMs < expiresAtMs - REFRESH_SKEW_MS) return 'use';
  if (hasRefreshToken) return 'refresh';
  return nowMs < expiresAtMs ? 'use' : 'expired';
};
