import { deskOf, useApp } from '../app-context.js';
import { useI18n } from '../i18n/i18n.js';
import { formatZonedInput } from '../lib/zoned-time.js';
import type { AutosaveState } from './use-server-autosave.js';

/**
 * "Сохраняется…" / "Сохранено в 10:32" (the desk's time) beside the editor. Not a live region while all is well (it
 * changes every few seconds); a failure or a stop is announced once.
 */
export const AutosaveStatus = ({ state, desk }: { state: AutosaveState; desk: string }) => {
  const { t } = useI18n();
  const { desks } = useApp();
  const zone = deskOf(desks, desk)?.timeZone ?? 'UTC';
  switch (state.kind) {
    case 'idle':
      return null;
    case 'saving':
      return <span class="autosave muted">{t('autosave.saving')}</span>;
    case 'saved':
      return (
        <span class="autosave muted">
          <time dateTime={state.at}>{t('autosave.saved', { time: formatZonedInput(state.at, zone).slice(11) })}</time>
        </span>
      );
    case 'failed':
      return (
        <span class="autosave autosave-problem" role="status">
          {t('autosave.failed')}
        </span>
      );
    case 'stopped':
      return (
        <span class="autosave autosave-problem" role="status">
          {t('autosave.stopped')}
        </span>
      );
  }
};
