import { useEffect, useState } from 'preact/hooks';
import { deskOf, useApp } from '../app-context.js';
import { useI18n } from '../i18n/i18n.js';
import { buildHref } from '../lib/router.js';
import { groupByDeskDay } from '../lib/desk-calendar.js';
import type { ArticleSummary } from '../../../functions/contract/responses.js';
import { ErrorMessage } from './error-message.js';

/** Pages of scheduled stories read for the calendar (25 each): a desk schedules a few dozen at most. */
const MAX_PAGES = 4;

/** The desk's publishing calendar: an agenda of scheduled stories by day, in the desk's time zone, named. */
export const DeskCalendar = ({ desk: deskId }: { desk: string }) => {
  const { api, desks } = useApp();
  const { t, lang } = useI18n();
  const timeZone = deskOf(desks, deskId)?.timeZone ?? 'UTC';
  const [items, setItems] = useState<ArticleSummary[] | undefined>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    let live = true;
    const load = async (): Promise<void> => {
      const all: ArticleSummary[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < MAX_PAGES; page += 1) {
        const next = await api.listArticles({ desk: deskId, status: 'scheduled', ...(cursor ? { cursor } : {}) });
        all.push(...next.items);
        cursor = next.nextCursor;
        if (!cursor) break;
      }
      if (live) setItems(all);
    };
    load().catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [deskId]);
  const locale = lang === 'ru' ? 'ru-RU' : 'en-GB';
  const dayTitle = (day: string): string =>
    // Noon UTC of that date names the same calendar day in every zone a desk could use.
    new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(
      new Date(`${day}T12:00:00Z`),
    );
  const offset =
    new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'shortOffset' })
      .formatToParts(new Date())
      .find((p) => p.type === 'timeZoneName')?.value ?? '';
  const days = items ? groupByDeskDay(items, timeZone) : [];
  return (
    <section class="panel calendar" aria-labelledby="calendar-heading">
      <h2 id="calendar-heading">{t('dash.calendarHeading')}</h2>
      <p class="muted">{t('dash.calendarZone', { zone: `${timeZone} (${offset})` })}</p>
      <ErrorMessage error={error} />
      {items === undefined && !error ? <p class="muted">{t('common.loading')}</p> : null}
      {items && days.length === 0 ? <p>{t('dash.calendarEmpty')}</p> : null}
      {days.map((d) => (
        <section key={d.day} class="calendar-day" aria-labelledby={`day-${d.day}`}>
          <h3 id={`day-${d.day}`}>
            <time dateTime={d.day}>{dayTitle(d.day)}</time>
          </h3>
          <ul>
            {d.items.map(({ time, article }) => (
              <li key={article.id}>
                <time dateTime={article.publishAt}>{time}</time>{' '}
                <a href={buildHref({ name: 'review', id: article.id })}>{article.title || t('common.untitled')}</a>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
};
