import { describe, expect, it } from 'vitest';
import { checkGroups, parseUsersArgs } from '../../infra/scripts/users.js';

const POOL = { NEWSROOM_USER_POOL_ID: 'eu-west-1_AbCdEf123' };

describe('npm run users', () => {
  it('reads an invitation with its groups', () => {
    expect(
      parseUsersArgs(
        ['add', 'anna@example.org', '--name', 'Anna Petrova', '--groups', 'reporters, desk-politics'],
        POOL,
      ),
    ).toEqual({
      command: 'add',
      email: 'anna@example.org',
      pool: 'eu-west-1_AbCdEf123',
      name: 'Anna Petrova',
      groups: ['reporters', 'desk-politics'],
      add: [],
      remove: [],
      desks: undefined,
    });
  });

  it('prefers --pool to the environment', () => {
    expect(parseUsersArgs(['list', '--pool', 'us-east-1_Zz9'], POOL).pool).toBe('us-east-1_Zz9');
  });

  it('explains what is missing', () => {
    expect(() => parseUsersArgs(['add', 'anna@example.org'], {})).toThrow(
      /pool: pass --pool <user pool id> or set NEWSROOM_USER_POOL_ID/,
    );
    expect(() => parseUsersArgs(['disable'], POOL)).toThrow(/disable needs an email address/);
    expect(() => parseUsersArgs(['promote', 'anna@example.org'], POOL)).toThrow(/usage: npm run users/);
  });

  it('refuses groups the newsroom does not know', () => {
    const known = ['reporters', 'chief-editors', 'desk-politics', 'desk-world'];
    expect(() => checkGroups(['desk-politics', 'desk-sport'], known)).toThrow(
      'unknown group(s): desk-sport; known: reporters, chief-editors, desk-politics, desk-world',
    );
    expect(() => checkGroups(['chief-editors'], known)).not.toThrow();
  });
});
