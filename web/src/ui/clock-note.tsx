import { useI18n } from '../i18n/i18n.js';

/**
 * Names the time zone once per screen: every time on it is shown in its desk's zone without a zone name (one
 * clock, issue 12 §10). Several desks with different zones are named each with its zone.
 */
export const ClockNote = ({ desks }: { desks: readonly { id: string; name: string; timeZone: string }[] }) => {
  const { t, zoneName, deskName } = useI18n();
  const zones = [...new Set(desks.map((d) => d.timeZone))];
  if (zones.length === 0) return null;
  if (zones.length === 1)
    return <p class="muted clock-note">{t('clock.note', { zone: zoneName(zones[0] ?? 'UTC') })}</p>;
  const byDesk = desks.map((d) => t('clock.zoneOfDesk', { desk: deskName(d), zone: zoneName(d.timeZone) }));
  return <p class="muted clock-note">{t('clock.noteMany', { zones: byDesk.join('; ') })}</p>;
};
