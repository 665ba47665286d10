import { useEffect, useRef, useState } from 'preact/hooks';
import { createAutosaveTimer, type AutosaveTimer } from '../lib/autosave-timer.js';

/** What the last autosave did: shown beside the editor ("Сохранено в 10:32"). */
export type AutosaveState =
  { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: string } | { kind: 'failed' } | { kind: 'stopped' };

/** One autosave attempt: saved (with the server's time), nothing to save, failed (kept locally) or a 409. */
export type AutosaveOutcome =
  { kind: 'saved'; at: string } | { kind: 'skipped' } | { kind: 'failed' } | { kind: 'conflict' };

/**
 * Saves to the server after a pause in typing and at least every 10 s while it goes on (lib/autosave-timer.ts). A 409
 * stops it for good: the conflict panel takes over. The local copy (draft-store) is kept by the editor regardless.
 */
export const useServerAutosave = ({
  enabled,
  text,
  dirty,
  save,
}: {
  enabled: boolean;
  text: string;
  dirty: boolean;
  save: () => Promise<AutosaveOutcome>;
}): AutosaveState => {
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
  useEffect(() => {
    if (enabled && dirty) timer.changed();
  }, [text, enabled]);
  useEffect(() => () => timer.stop(), []);
  return state;
};
