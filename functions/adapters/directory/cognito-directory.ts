import {
  CognitoIdentityProviderClient,
  ListUsersCommand,
  ListUsersInGroupCommand,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { mentionNames, type DirectoryUser } from '../../domain/notifications.js';
import { deskGroup } from '../../domain/principal.js';
import type { UserDirectory } from '../../ports/events.js';

/** The custom attribute a user's linked Telegram chat is kept in. */
export const TELEGRAM_CHAT_ATTRIBUTE = 'custom:telegram_chat_id';

const toUser = (u: UserType): DirectoryUser | undefined => {
  const attr = (name: string): string | undefined => u.Attributes?.find((a) => a.Name === name)?.Value;
  const sub = attr('sub');
  if (!sub || u.Enabled === false) return undefined;
  const email = attr('email');
  const chat = attr(TELEGRAM_CHAT_ATTRIBUTE);
  return {
    sub,
    name: attr('name') ?? email ?? sub,
    ...(email ? { email } : {}),
    ...(chat ? { telegramChatId: chat } : {}),
  };
};

/** Filter values are quoted strings in Cognito's filter language; a quote or backslash would end them early. */
const quoted = (v: string): string => `"${v.replace(/["\\]/g, '')}"`;

/** People from the Cognito user pool: desk groups are `desk-<id>`, names and e-mail are standard attributes. */
export const createCognitoDirectory = (options: {
  client?: CognitoIdentityProviderClient;
  userPoolId: string;
}): UserDirectory => {
  const client = options.client ?? new CognitoIdentityProviderClient({});
  const UserPoolId = options.userPoolId;
  const defined = (users: (DirectoryUser | undefined)[]): DirectoryUser[] =>
    users.filter((u): u is DirectoryUser => u !== undefined);
  return {
    async deskEditors(deskId) {
      const users: DirectoryUser[] = [];
      let NextToken: string | undefined;
      do {
        const out = await client.send(
          new ListUsersInGroupCommand({ UserPoolId, GroupName: deskGroup(deskId), NextToken, Limit: 60 }),
        );
        users.push(...defined((out.Users ?? []).map(toUser)));
        NextToken = out.NextToken;
      } while (NextToken);
      return users;
    },
    async user(sub) {
      const out = await client.send(new ListUsersCommand({ UserPoolId, Filter: `sub = ${quoted(sub)}`, Limit: 1 }));
      return defined((out.Users ?? []).map(toUser))[0];
    },
    async mentioned(mention) {
      // Cognito filters by prefix only; the exact match on the first name is ours.
      const out = await client.send(
        new ListUsersCommand({ UserPoolId, Filter: `name ^= ${quoted(mention)}`, Limit: 20 }),
      );
      const byName = defined((out.Users ?? []).map(toUser)).filter((u) => mentionNames(u, mention));
      return byName.length > 0 ? byName : defined([await this.user(mention)]);
    },
  };
};
