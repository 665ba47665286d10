import { describe, expect, it } from 'vitest';
import { editedDeskIds, isEditorOf, isReporter, parseIdentity } from '../../../web/src/lib/jwt.js';

const jwt = (claims: object): string =>
  ['{"alg":"none"}', JSON.stringify(claims)].map((s) => Buffer.from(s).toString('base64url')).join('.') + '.sig';

describe('parseIdentity', () => {
  it('reads a local dev token (groups, name) with Cyrillic names', () => {
    expect(
      parseIdentity(jwt({ sub: 'demo-editor', name: 'Борис Лебедев', groups: ['desk-politics'], exp: 1700000000 })),
    ).toEqual({
      sub: 'demo-editor',
      name: 'Борис Лебедев',
      groups: ['desk-politics'],
      expiresAt: 1700000000000,
    });
  });

  it('reads a Cognito ID token (cognito:groups, falls back to the user name)', () => {
    const identity = parseIdentity(
      jwt({ sub: 'u1', 'cognito:username': 'vera', 'cognito:groups': ['chief-editors'], exp: 1 }),
    );
    expect(identity).toEqual({ sub: 'u1', name: 'vera', groups: ['chief-editors'], expiresAt: 1000 });
  });

  it('refuses a token without the claims the app needs', () => {
    expect(() => parseIdentity(jwt({ name: 'x' }))).toThrow();
    expect(() => parseIdentity('not-a-jwt')).toThrow('not a JWT');
  });

  it('derives roles from groups', () => {
    expect(isReporter({ groups: ['reporters'] })).toBe(true);
    expect(isEditorOf({ groups: ['desk-politics'] }, 'politics')).toBe(true);
    expect(isEditorOf({ groups: ['desk-politics'] }, 'world')).toBe(false);
    expect(editedDeskIds({ groups: ['chief-editors'] }, ['politics', 'world'])).toEqual(['politics', 'world']);
    expect(editedDeskIds({ groups: ['reporters'] }, ['politics', 'world'])).toEqual([]);
  });
});
