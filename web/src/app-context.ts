import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Api } from './lib/api.js';
import type { DraftStore } from './lib/draft-store.js';
import type { Identity } from './lib/jwt.js';
import type { MediaApi } from './lib/media-api.js';
import type { Desk } from '../../functions/contract/responses.js';

/** What every signed-in screen needs: the API, who is signed in, the desks and the unsaved-text store. */
export interface AppServices {
  api: Api;
  identity: Identity;
  desks: Desk[];
  drafts: DraftStore;
  /** The photo desk's API (issue 11). */
  media: MediaApi;
}

export const AppContext = createContext<AppServices | undefined>(undefined);

export const useApp = (): AppServices => {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside a signed-in screen');
  return value;
};

export const deskOf = (desks: readonly Desk[], id: string): Desk | undefined => desks.find((d) => d.id === id);

export const navigate = (href: string): void => {
  location.hash = href.replace(/^#/, '');
};
