/**
 * Manage newsroom people in the deployed user pool (npm run users -- <command>):
 *
 *   add <email> --name "Full Name" --groups reporters,desk-politics   invite; Cognito emails a temporary password
 *   groups <email> [--add g1,g2] [--remove g3]                        change someone's roles
 *   list                                                               everyone, with status and groups
 *   disable <email> / enable <email>                                   stop or restore someone's access
 *
 * The pool is `--pool <id>` or NEWSROOM_USER_POOL_ID (the stack output UserPoolId). Credentials and region come from
 * the usual AWS SDK chain (AWS_PROFILE, AWS_REGION, ...). Group names are checked against the desks file
 * (`--desks`, default content/desks.json) so a typo cannot create a role nobody checks.
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  paginateListUsers,
} from '@aws-sdk/client-cognito-identity-provider';
import { z } from 'zod';
import { parseDeployConfig } from '../config.js';
import { groupNamesFor } from '../constructs/newsroom-user-pool.js';

const USAGE = `usage: npm run users -- <add|groups|list|disable|enable> [email] [options]
  add <email> --name "Full Name" --groups reporters,desk-politics
  groups <email> [--add chief-editors] [--remove desk-world]
  list
  disable <email> | enable <email>
options: --pool <user pool id> (or NEWSROOM_USER_POOL_ID), --desks <desks.json>`;

const argsSchema = z.object({
  command: z.enum(['add', 'groups', 'list', 'disable', 'enable']),
  email: z.email().optional(),
  pool: z
    .string({ error: 'pass --pool <user pool id> or set NEWSROOM_USER_POOL_ID (the stack output UserPoolId)' })
    .regex(/^[\w-]+_[0-9a-zA-Z]+$/, 'the user pool id looks like eu-west-1_AbCdEf123'),
  name: z.string().min(1).optional(),
  groups: z.array(z.string()).default([]),
  add: z.array(z.string()).default([]),
  remove: z.array(z.string()).default([]),
  desks: z.string().optional(),
});
type Args = z.infer<typeof argsSchema>;

const splitList = (value: string | undefined): string[] | undefined =>
  value === undefined
    ? undefined
    : value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);

export const parseUsersArgs = (argv: string[], env: Record<string, string | undefined>): Args => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      pool: { type: 'string' },
      name: { type: 'string' },
      groups: { type: 'string' },
      add: { type: 'string' },
      remove: { type: 'string' },
      desks: { type: 'string' },
    },
  });
  const parsed = argsSchema.safeParse({
    command: positionals[0],
    email: positionals[1],
    pool: values.pool ?? env.NEWSROOM_USER_POOL_ID,
    name: values.name,
    groups: splitList(values.groups),
    add: splitList(values.add),
    remove: splitList(values.remove),
    desks: values.desks,
  });
  if (!parsed.success) {
    throw new Error(
      `${parsed.error.issues.map((i) => `${i.path.join('.') || 'arguments'}: ${i.message}`).join('\n')}\n\n${USAGE}`,
    );
  }
  if (parsed.data.command !== 'list' && !parsed.data.email)
    throw new Error(`${parsed.data.command} needs an email address\n\n${USAGE}`);
  return parsed.data;
};

/** Refuses group names the newsroom does not know (the API would ignore them silently). */
export const checkGroups = (groups: readonly string[], known: readonly string[]): void => {
  const unknown = groups.filter((g) => !known.includes(g));
  if (unknown.length > 0) throw new Error(`unknown group(s): ${unknown.join(', ')}; known: ${known.join(', ')}`);
};

const run = async (args: Args): Promise<void> => {
  const known = groupNamesFor(parseDeployConfig(args.desks ? { desks: args.desks } : {}).desks);
  const cognito = new CognitoIdentityProviderClient({});
  const UserPoolId = args.pool;
  const email = args.email ?? '';

  switch (args.command) {
    case 'add': {
      checkGroups(args.groups, known);
      if (!args.name) throw new Error('add needs --name "Full Name" (shown as the byline)');
      await cognito.send(
        new AdminCreateUserCommand({
          UserPoolId,
          Username: email,
          DesiredDeliveryMediums: ['EMAIL'],
          UserAttributes: [
            { Name: 'email', Value: email },
            { Name: 'email_verified', Value: 'true' },
            { Name: 'name', Value: args.name },
          ],
        }),
      );
      for (const GroupName of args.groups)
        await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId, Username: email, GroupName }));
      console.log(
        `invited ${email} (${args.groups.join(', ') || 'no groups'}); Cognito has emailed a temporary password`,
      );
      return;
    }
    case 'groups': {
      checkGroups([...args.add, ...args.remove], known);
      for (const GroupName of args.add)
        await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId, Username: email, GroupName }));
      for (const GroupName of args.remove)
        await cognito.send(new AdminRemoveUserFromGroupCommand({ UserPoolId, Username: email, GroupName }));
      const out = await cognito.send(new AdminListGroupsForUserCommand({ UserPoolId, Username: email }));
      console.log(`${email}: ${(out.Groups ?? []).map((g) => g.GroupName).join(', ') || 'no groups'}`);
      return;
    }
    case 'list': {
      for await (const page of paginateListUsers({ client: cognito }, { UserPoolId })) {
        for (const user of page.Users ?? []) {
          const attr = (name: string) => user.Attributes?.find((a) => a.Name === name)?.Value ?? '';
          const groups = await cognito.send(new AdminListGroupsForUserCommand({ UserPoolId, Username: user.Username }));
          const state = `${user.UserStatus ?? '?'}${user.Enabled === false ? ', disabled' : ''}`;
          console.log(
            `${attr('email')}\t${attr('name')}\t${state}\t${(groups.Groups ?? []).map((g) => g.GroupName).join(',')}`,
          );
        }
      }
      return;
    }
    case 'disable':
      await cognito.send(new AdminDisableUserCommand({ UserPoolId, Username: email }));
      // Revokes refresh tokens too; an access token already issued stays valid until it expires (one hour at most).
      await cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId, Username: email }));
      console.log(`disabled ${email} and signed them out everywhere (a token already issued expires within the hour)`);
      return;
    case 'enable':
      await cognito.send(new AdminEnableUserCommand({ UserPoolId, Username: email }));
      console.log(`enabled ${email}`);
      return;
  }
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    await run(parseUsersArgs(process.argv.slice(2), process.env));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
