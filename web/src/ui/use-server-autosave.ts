import { useEffect, useRef, useState } from 'preact/hooks';
import { createAutosaveTimer, type AutosaveTimer } from '../lib/autosave-timer.js';

/** What the last autosave did: shown beside the editor ("Сохранено в 10:32"). */
export type AutosaveState =
  { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: string } | { kind: 'failed' } | { kind: 'stopped' };

/** One autosave attempt: saved (with the server's time), nothing to save, failed (kept locally) or a 409. */
export type AutosaveOutcome =
  { kind: 'saved'; at: string } | { kind: 'skipped' } | { kind: 'failed' } | { kind: 'conflict' };

/**
 * Saves to the server after a pause in typing and at least every 10 s while it goes on (lib/autosave-timer.ts). Only
 * typing starts it (`changed`): text restored from this browser is saved when the user saves or types, so "discard"
 * still can. A 409 stops it for good: the conflict panel takes over. The local copy (draft-store) is kept regardless.
 */
export const useServerAutosave = ({
  enabled,
  save,
}: {
  enabled: boolean;
  save: () => Promise<AutosaveOutcome>;
}): { state: AutosaveState; changed: () => void } => {
  const [state, setState] = useState<AutosaveState>({ kind: 'idle' });
  const saveRef = useRef(save);
  saveRef.current = save;
  const timerRef = useRef<AutosaveTimer | undefined>(undefined);
  const timer = (timerRef.current ??= createAutosaveTimer({
    save: async () => {
      setState({ kind: 'saving' });
      const outcome = await saveRef.current();
      if (outcome.kind === 'conflict') timerRef.current?.stop();
      setState((previous) =>
        outcome.kind === 'saved'
          ? outcome
          : outcome.kind === 'failed'
            ? { kind: 'failed' }
            : outcome.kind === 'conflict'
              ? { kind: 'stopped' }
              : previous.kind === 'saving'
                ? { kind: 'idle' }
                : previous,
      );
    },
  }));
  useEffect(() => () => timer.stop(), []);
  return {
    state,
    changed: () => {
      if (enabled) timer.changed();
    },
  };
};
