import * as z from 'zod/mini';
import { parseIdentity, type Identity } from './jwt.js';
import {
  buildAuthorizeUrl,
  buildCodeExchangeBody,
  buildLogoutUrl,
  buildRefreshBody,
  buildTokenUrl,
  createCodeVerifier,
  createState,
  decideTokenAction,
  deriveCodeChallenge,
  parseCallbackParams,
  REFRESH_SKEW_MS,
  type CognitoConfig,
} from './pkce.js';
import type { DevTokenRequest } from '../../../functions/contract/requests.js';
import { devTokenResponse } from '../../../functions/contract/responses.js';
import { appConfigSchema, tokenResponseSchema, type AppConfig, type DemoUser } from './app-config.js';

/**
 * Sign-in for both stacks. Locally a demo user is picked and `/api/dev/token` signs a JWT (12 h, no refresh).
 * In AWS, Cognito's hosted sign-in with authorization code + PKCE; the ID token is the bearer (it carries
 * `cognito:groups`) and is refreshed before it expires. Tokens live in localStorage so every tab shares one
 * session; the strict CSP (no inline or third-party script) is what keeps them out of reach.
 */
export interface Session {
  idToken: string;
  refreshToken?: string;
  identity: Identity;
}

const SESSION_KEY = 'newsroom:session';
const PENDING_KEY = 'newsroom:pkce';

const storedSessionSchema = z.object({ idToken: z.string(), refreshToken: z.optional(z.string()) });
const pendingSchema = z.object({ verifier: z.string(), state: z.string(), returnTo: z.optional(z.string()) });

export const loadAppConfig = async (): Promise<AppConfig> => {
  const response = await fetch('config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json: ${response.status}`);
  return appConfigSchema.parse(await response.json());
};

const randomBytes = (length: number): Uint8Array => crypto.getRandomValues(new Uint8Array(length));

export class AuthClient {
  private current: Session | undefined;
  private listeners = new Set<() => void>();
  private refreshing: Promise<string | undefined> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Why the last session ended, for the sign-in screen (`expired`). */
  endReason: 'expired' | undefined;

  constructor(readonly config: AppConfig) {
    this.current = this.readStored();
    this.scheduleRefresh();
  }

  get session(): Session | undefined {
    return this.current;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private readStored(): Session | undefined {
    try {
      const parsed = storedSessionSchema.safeParse(JSON.parse(localStorage.getItem(SESSION_KEY) ?? 'null'));
      if (!parsed.success) return undefined;
      const identity = parseIdentity(parsed.data.idToken);
      const action = decideTokenAction(identity.expiresAt, Date.now(), Boolean(parsed.data.refreshToken));
      if (action === 'expired') {
        localStorage.removeItem(SESSION_KEY);
        return undefined;
      }
      return { ...parsed.data, identity };
    } catch {
      return undefined;
    }
  }

  private setSession(session: Session | undefined): void {
    this.current = session;
    if (session) {
      this.endReason = undefined;
      localStorage.setItem(
        SESSION_KEY,
        JSON.stringify({ idToken: session.idToken, refreshToken: session.refreshToken }),
      );
    } else {
      localStorage.removeItem(SESSION_KEY);
    }
    this.scheduleRefresh();
    for (const listener of this.listeners) listener();
  }

  private scheduleRefresh(): void {
    clearTimeout(this.timer);
    const session = this.current;
    if (!session?.refreshToken) return;
    const delay = Math.max(0, session.identity.expiresAt - REFRESH_SKEW_MS - Date.now());
    this.timer = setTimeout(() => void this.getToken(), delay);
  }

  async signInLocal(user: DemoUser): Promise<void> {
    const response = await fetch('/api/dev/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sub: user.sub, name: user.name, groups: user.groups } satisfies DevTokenRequest),
    });
    if (!response.ok) throw new Error(`/api/dev/token: ${response.status}`);
    const { token } = devTokenResponse.parse(await response.json());
    this.setSession({ idToken: token, identity: parseIdentity(token) });
  }

  private cognito(): CognitoConfig {
    if (this.config.auth !== 'cognito') throw new Error('not configured for Cognito');
    return this.config;
  }

  async signInCognito(returnTo: string): Promise<void> {
    const verifier = createCodeVerifier(randomBytes);
    const state = createState(randomBytes);
    // sessionStorage: the verifier belongs to this tab's sign-in only.
    sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state, returnTo }));
    const challenge = await deriveCodeChallenge(verifier, crypto.subtle);
    location.assign(buildAuthorizeUrl(this.cognito(), challenge, state));
  }

  /** Finishes a Cognito redirect (`?code=&state=`); returns the hash to go back to, if any. */
  async completeRedirect(): Promise<string | undefined> {
    if (this.config.auth !== 'cognito') return undefined;
    const params = parseCallbackParams(location.search);
    if (params.kind === 'none') return undefined;
    const pending = pendingSchema.safeParse(JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null'));
    sessionStorage.removeItem(PENDING_KEY);
    history.replaceState(null, '', location.pathname + location.hash);
    if (params.kind === 'error') throw new Error(params.description ?? params.error);
    if (!pending.success || pending.data.state !== params.state) {
      throw new Error('the sign-in answer does not match a sign-in started in this tab; please sign in again');
    }
    const tokens = await this.requestTokens(buildCodeExchangeBody(this.cognito(), params.code, pending.data.verifier));
    this.setSession({
      idToken: tokens.id_token,
      refreshToken: tokens.refresh_token,
      identity: parseIdentity(tokens.id_token),
    });
    return pending.data.returnTo;
  }

  private async requestTokens(body: string): Promise<z.infer<typeof tokenResponseSchema>> {
    const response = await fetch(buildTokenUrl(this.cognito()), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    if (!response.ok) throw new Error(`token endpoint: ${response.status}`);
    return tokenResponseSchema.parse(await response.json());
  }

  /** The bearer token to send now, refreshed first when it is about to expire. */
  async getToken(): Promise<string | undefined> {
    const session = this.current;
    if (!session) return undefined;
    const action = decideTokenAction(session.identity.expiresAt, Date.now(), Boolean(session.refreshToken));
    if (action === 'use') return session.idToken;
    if (action === 'expired' || !session.refreshToken) {
      this.expire();
      return undefined;
    }
    // One refresh at a time, however many requests are waiting for it.
    this.refreshing ??= this.refresh(session.refreshToken).finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async refresh(refreshToken: string): Promise<string | undefined> {
    try {
      const tokens = await this.requestTokens(buildRefreshBody(this.cognito(), refreshToken));
      // Cognito does not rotate refresh tokens: keep the one we have unless a new one came.
      this.setSession({
        idToken: tokens.id_token,
        refreshToken: tokens.refresh_token ?? refreshToken,
        identity: parseIdentity(tokens.id_token),
      });
      return tokens.id_token;
    } catch {
      this.expire();
      return undefined;
    }
  }

  /** The API refused the token, or it ran out: back to the sign-in screen. */
  expire(): void {
    this.endReason = 'expired';
    this.setSession(undefined);
  }

  signOut(): void {
    this.endReason = undefined;
    this.setSession(undefined);
    if (this.config.auth === 'cognito') location.assign(buildLogoutUrl(this.cognito()));
  }
}
