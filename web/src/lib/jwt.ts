import * as z from 'zod/mini';

/**
 * Reads the claims of an ID token. The browser never trusts them for access (the API verifies every token); it
 * uses them only to choose which screens to show and when to refresh.
 */
const claimsSchema = z.object({
  sub: z.string(),
  exp: z.number(),
  name: z.optional(z.string()),
  email: z.optional(z.string()),
  'cognito:username': z.optional(z.string()),
  groups: z.optional(z.array(z.string())),
  'cognito:groups': z.optional(z.array(z.string())),
});

export interface Identity {
  sub: string;
  name: string;
  groups: string[];
  /** Expiry in ms since the epoch. */
  expiresAt: number;
}

const decodeSegment = (segment: string): unknown => {
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '='));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
};

export const parseIdentity = (token: string): Identity => {
  const payload = token.split('.')[1];
  if (!payload) throw new Error('the token is not a JWT');
  const claims = claimsSchema.parse(decodeSegment(payload));
  return {
    sub: claims.sub,
    name: claims.name ?? claims['cognito:username'] ?? claims.email ?? claims.sub,
    groups: claims['cognito:groups'] ?? claims.groups ?? [],
    expiresAt: claims.exp * 1000,
  };
};

export const REPORTERS_GROUP = 'reporters';
export const CHIEF_EDITORS_GROUP = 'chief-editors';

export const isReporter = (identity: Pick<Identity, 'groups'>): boolean => identity.groups.includes(REPORTERS_GROUP);

export const isEditorOf = (identity: Pick<Identity, 'groups'>, deskId: string): boolean =>
  identity.groups.includes(CHIEF_EDITORS_GROUP) || identity.groups.includes(`desk-${deskId}`);

export const editedDeskIds = (identity: Pick<Identity, 'groups'>, deskIds: readonly string[]): string[] =>
  deskIds.filter((id) => isEditorOf(identity, id));
