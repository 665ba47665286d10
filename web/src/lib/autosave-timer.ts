/**
 * When to autosave: after a pause in typing (`idleMs`), and at least every `maxWaitMs` while typing goes on, one
 * save at a time (changes made during a save are saved after it). `stop()` ends it for good (a 409: the conflict
 * panel takes over, nothing is merged silently). Plain timers, so tests drive it with fake timers.
 */
export interface AutosaveTimerOptions {
  idleMs?: number;
  maxWaitMs?: number;
  /** Saves the current text; resolves when done (its own errors are its own to report). */
  save: () => Promise<void>;
}

export interface AutosaveTimer {
  /** The text changed. */
  changed(): void;
  /** No more saves (a conflict, or the screen closed). */
  stop(): void;
  readonly stopped: boolean;
}

export const AUTOSAVE_IDLE_MS = 2_000;
export const AUTOSAVE_MAX_WAIT_MS = 10_000;

export const createAutosaveTimer = ({
  idleMs = AUTOSAVE_IDLE_MS,
  maxWaitMs = AUTOSAVE_MAX_WAIT_MS,
  save,
}: AutosaveTimerOptions): AutosaveTimer => {
  let idle: ReturnType<typeof setTimeout> | undefined;
  let deadline: ReturnType<typeof setTimeout> | undefined;
  let saving = false;
  let changedDuringSave = false;
  let stopped = false;

  const clear = (): void => {
    clearTimeout(idle);
    clearTimeout(deadline);
    idle = undefined;
    deadline = undefined;
  };

  const fire = (): void => {
    clear();
    if (stopped) return;
    if (saving) {
      changedDuringSave = true;
      return;
    }
    saving = true;
    void save().finally(() => {
      saving = false;
      if (changedDuringSave && !stopped) {
        changedDuringSave = false;
        schedule();
      }
    });
  };

  const schedule = (): void => {
    clearTimeout(idle);
    idle = setTimeout(fire, idleMs);
    // The deadline starts with the first change after a save and is not pushed back by later keystrokes.
    deadline ??= setTimeout(fire, maxWaitMs);
  };

  return {
    changed() {
      if (stopped) return;
      if (saving) changedDuringSave = true;
      schedule();
    },
    stop() {
      stopped = true;
      clear();
    },
    get stopped() {
      return stopped;
    },
  };
};
