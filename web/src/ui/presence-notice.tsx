import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../app-context.js';
import { useI18n } from '../i18n/i18n.js';
import type { PresenceResponse } from '../../../functions/contract/desk-responses.js';

/** Renewal period of the presence lease (the server's lease lasts 45 s: one lost renewal is forgiven). */
export const PRESENCE_RENEW_MS = 20_000;

/**
 * "Анна редактирует": who else has this story open in the editor. With `lease`, this user holds a lease too while
 * the component is shown (renewed every 20 s, ended on leave); without, it only looks. A hint before a conflict, not a
 * lock: a stale save is still refused with 409.
 */
/**
 * Presence requests per story go one at a time, in order, across every notice on the page: when a screen switches
 * modes, the notice it unmounts sends 'leave' and the one it mounts sends 'touch', and the leave must not land last.
 */
const queues = new Map<string, Promise<unknown>>();
const inOrder = <T,>(id: string, call: () => Promise<T>): Promise<T> => {
  const next = (queues.get(id) ?? Promise.resolve()).catch(() => undefined).then(call);
  queues.set(id, next);
  return next;
};

export const PresenceNotice = ({ id, lease }: { id: string; lease: boolean }) => {
  const { api } = useApp();
  const { t } = useI18n();
  const [others, setOthers] = useState<PresenceResponse['others']>([]);
  useEffect(() => {
    let live = true;
    const beat = (): void => {
      inOrder(id, () => api.presence(id, lease ? 'touch' : 'read'))
        .then((p) => live && p && setOthers(p.others))
        // Presence is a hint: a failed beat leaves the last answer up and the next beat tries again.
        .catch(() => undefined);
    };
    beat();
    const timer = setInterval(beat, PRESENCE_RENEW_MS);
    return () => {
      live = false;
      clearInterval(timer);
      if (lease) void inOrder(id, () => api.presence(id, 'leave')).catch(() => undefined);
    };
  }, [id, lease]);
  if (others.length === 0) return null;
  const names = others.map((o) => o.name);
  return (
    <p class="notice presence" role="status">
      <strong>
        {names.length === 1
          ? t('presence.one', { name: names[0] ?? '' })
          : t('presence.many', { names: names.join(', ') })}
      </strong>{' '}
      <span class="muted">{t('presence.hint')}</span>
    </p>
  );
};
