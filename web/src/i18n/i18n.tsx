import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useMemo, useState } from 'preact/hooks';
import { en } from './messages-en.js';
import { ru, type MessageKey } from './messages-ru.js';

/** The interface speaks Russian by default (the politics desk works in Russian) and English on request. */
export type UiLang = 'ru' | 'en';
export const CATALOGUES: Record<UiLang, Record<MessageKey, string>> = { ru, en };

const LANG_KEY = 'newsroom:lang';

/** `{name}` placeholders; a missing parameter stays visible rather than vanishing. */
export const formatMessage = (template: string, params: Record<string, string | number> = {}): string =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));

export const decideInitialLang = (search: string, stored: string | null): UiLang => {
  const requested = new URLSearchParams(search).get('lang');
  if (requested === 'en' || requested === 'ru') return requested;
  return stored === 'en' ? 'en' : 'ru';
};

export interface I18n {
  lang: UiLang;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  setLang: (lang: UiLang) => void;
  /** Date and time, in a desk's time zone when given (the zone is named so nobody guesses). */
  formatDateTime: (iso: string, timeZone?: string) => string;
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
    const catalogue = CATALOGUES[lang];
    const locale = lang === 'ru' ? 'ru-RU' : 'en-GB';
    return {
      lang,
      t: (key, params) => formatMessage(catalogue[key], params),
      setLang: (next) => {
        try {
          localStorage.setItem(LANG_KEY, next);
        } catch {
          // Storage disabled: the choice lasts for this page only.
        }
        setLangState(next);
      },
      formatDateTime: (iso, timeZone) => {
        const date = new Date(iso);
        if (Number.isNaN(date.getTime())) return iso;
        return new Intl.DateTimeFormat(locale, {
          // Explicit fields: dateStyle cannot be combined with timeZoneName.
          day: 'numeric',
          month: 'short',
          year: 'numeric',
          hour: '2-digit',
          minute: '2-digit',
          ...(timeZone ? { timeZone, timeZoneName: 'short' } : {}),
        }).format(date);
      },
    };
  }, [lang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
};
