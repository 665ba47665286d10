import type { Principal } from '../domain/principal.js';
import { assertCanView } from '../domain/workflow.js';
import type { PresenceLease } from '../ports/presence-store.js';
import type { AppDeps } from './deps.js';

type Deps = Pick<AppDeps, 'articles' | 'clock' | 'presence'>;

/** A lease lasts 45 s; the app renews it every 20 s while the editor is open, so one lost renewal is forgiven. */
export const PRESENCE_TTL_MS = 45_000;

export interface PresenceView {
  /** Everyone else with a live lease on the story, earliest first. */
  others: Omit<PresenceLease, 'untilMs'>[];
  ttlSeconds: number;
}

interface PresenceInput {
  actor: Principal;
  id: string;
}

const othersOf = (leases: PresenceLease[], actor: Principal): PresenceView => ({
  others: leases
    .filter((l) => l.sub !== actor.sub)
    .sort((a, b) => a.since.localeCompare(b.since))
    .map(({ sub, name, since }) => ({ sub, name, since })),
  ttlSeconds: PRESENCE_TTL_MS / 1000,
});

/** "I have this story open in the editor": starts or renews the caller's lease; answers who else is there. */
export const touchPresence =
  (deps: Deps) =>
  async ({ actor, id }: PresenceInput): Promise<PresenceView> => {
    assertCanView(await deps.articles.get(id), actor, id);
    const nowMs = deps.clock.now().getTime();
    await deps.presence.touch(id, { sub: actor.sub, name: actor.name }, nowMs, PRESENCE_TTL_MS);
    return othersOf(await deps.presence.list(id, nowMs), actor);
  };

/** Who else has the story open now (without taking a lease). */
export const readPresence =
  (deps: Deps) =>
  async ({ actor, id }: PresenceInput): Promise<PresenceView> => {
    assertCanView(await deps.articles.get(id), actor, id);
    return othersOf(await deps.presence.list(id, deps.clock.now().getTime()), actor);
  };

/** Leaving the editor ends the caller's lease at once. */
export const leavePresence =
  (deps: Deps) =>
  async ({ actor, id }: PresenceInput): Promise<void> => {
    assertCanView(await deps.articles.get(id), actor, id);
    await deps.presence.leave(id, actor.sub);
  };
