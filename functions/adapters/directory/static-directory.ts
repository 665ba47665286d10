import { mentionNames, type DirectoryUser } from '../../domain/notifications.js';
import type { UserDirectory } from '../../ports/events.js';

/** A directory over a fixed list of users (the local stack's demo users, tests). */
export const createStaticDirectory = (
  users: readonly (DirectoryUser & { groups: readonly string[] })[],
): UserDirectory => {
  const strip = ({ groups: _g, ...u }: DirectoryUser & { groups: readonly string[] }): DirectoryUser => u;
  return {
    deskEditors: (deskId) => Promise.resolve(users.filter((u) => u.groups.includes(`desk-${deskId}`)).map(strip)),
    user: (sub) => {
      const found = users.find((u) => u.sub === sub);
      return Promise.resolve(found ? strip(found) : undefined);
    },
    mentioned: (mention) => Promise.resolve(users.filter((u) => mentionNames(u, mention)).map(strip)),
  };
};
