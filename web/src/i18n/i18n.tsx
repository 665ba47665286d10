import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useMemo, useState } from 'preact/hooks';
import { formatCount, formatZonedDateTime } from '../lib/zoned-time.js';
import { en } from './messages-en.js';
import { ru, type MessageKey } from './messages-ru.js';

/** The interface speaks Russian by default (the politics desk works in Russian) and English on request. */
export type UiLang = 'ru' | 'en';
export const CATALOGUES: Record<UiLang, Record<MessageKey, string>> = { ru, en };

const LANG_KEY = 'newsroom:lang';

/** `{name}` placeholders; a missing parameter stays visible rather than vanishing. */
export const formatMessage = (template: string, params: Record<string, string | number> = {}): string =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));

/** A catalogue sentence with its facts, numbers written the language's way (98 304 знака, 98,304 characters). */
export const translate = (lang: UiLang, key: MessageKey, params: Record<string, string | number> = {}): string => {
  const shown: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    shown[name] = typeof value === 'number' ? formatCount(lang, value) : value;
  }
  return formatMessage(CATALOGUES[lang][key], shown);
};

/** Is there a sentence under this key? (Keys built from data: a desk's id, a time zone, an error's detail.) */
export const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(ru, key);

/** The time zone in words ("московское время"), from the catalogue, else as Intl names it in the language. */
export const describeZone = (lang: UiLang, timeZone: string): string => {
  const key = `zone.${timeZone}`;
  if (isMessageKey(key)) return CATALOGUES[lang][key];
  const part = new Intl.DateTimeFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', { timeZone, timeZoneName: 'long' })
    .formatToParts(new Date())
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
};

/** A desk's name in the interface's language (the catalogue's `desk.<id>`), else as configured. */
export const describeDesk = (lang: UiLang, desk: { id: string; name: string }): string => {
  const key = `desk.${desk.id}`;
  return isMessageKey(key) ? CATALOGUES[lang][key] : desk.name;
};

export const decideInitialLang = (search: string, stored: string | null): UiLang => {
  const requested = new URLSearchParams(search).get('lang');
  if (requested === 'en' || requested === 'ru') return requested;
  return stored === 'en' ? 'en' : 'ru';
};

export interface I18n {
  lang: UiLang;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  setLang: (lang: UiLang) => void;
  /**
   * Date and time in a desk's time zone, the app's one format; the screen names the zone once (`<ClockNote>`).
   * Without a zone, UTC, never the browser's own zone (a second clock is what issue 12 removed).
   */
  formatDateTime: (iso: string, timeZone?: string) => string;
  /** A count or limit, grouped the language's way. */
  formatNumber: (n: number) => string;
  /** The time zone in words. */
  zoneName: (timeZone: string) => string;
  /** A desk's name in the interface's language. */
  deskName: (desk: { id: string; name: string }) => string;
}

const I18nContext = createContext<I18n | undefined>(undefined);

export const useI18n = (): I18n => {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside <I18nProvider>');
  return value;
};

const readStoredLang = (): string | null => {
  try {
    return localStorage.getItem(LANG_KEY);
  } catch {
    return null;
  }
};

export const I18nProvider = ({ children }: { children: ComponentChildren }) => {
  const [lang, setLangState] = useState<UiLang>(() => decideInitialLang(location.search, readStoredLang()));
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = CATALOGUES[lang]['app.title'];
  }, [lang]);
  const value = useMemo<I18n>(() => {
    return {
      lang,
      t: (key, params) => translate(lang, key, params),
      setLang: (next) => {
        try {
          localStorage.setItem(LANG_KEY, next);
        } catch {
          // Storage disabled: the choice lasts for this page only.
        }
        setLangState(next);
      },
      formatDateTime: (iso, timeZone) => formatZonedDateTime(lang, iso, timeZone ?? 'UTC'),
      formatNumber: (n) => formatCount(lang, n),
      zoneName: (timeZone) => describeZone(lang, timeZone),
      deskName: (desk) => describeDesk(lang, desk),
    };
  }, [lang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
};
