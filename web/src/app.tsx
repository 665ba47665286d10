import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { AppContext, navigate, type AppServices } from './app-context.js';
import { useI18n } from './i18n/i18n.js';
import { createApi } from './lib/api.js';
import { AuthClient, loadAppConfig } from './lib/auth.js';
import { createDraftStore } from './lib/draft-store.js';
import { editedDeskIds, isReporter } from './lib/jwt.js';
import { createMediaApi } from './lib/media-api.js';
import { buildHref, parseRoute, type Route } from './lib/router.js';
import type { Desk } from '../../functions/contract/responses.js';
import { EditorScreen } from './screens/editor-screen.js';
import { MyArticlesScreen } from './screens/my-articles.js';
import { NewDraftScreen } from './screens/new-draft.js';
import { QueueScreen } from './screens/queue-screen.js';
import { ReviewScreen } from './screens/review-screen.js';
import { SignInScreen } from './screens/sign-in.js';
import { InboxScreen } from './screens/inbox.js';
import { NotificationBell } from './ui/notification-bell.js';
import { ErrorMessage } from './ui/error-message.js';

const useRoute = (): Route => {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = (): void => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
};

/** Loads config.json, finishes a Cognito redirect if there is one, and follows the session. */
const useAuth = (): { auth?: AuthClient; error?: unknown; version: number } => {
  const [state, setState] = useState<{ auth?: AuthClient; error?: unknown }>({});
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let unsubscribe: (() => void) | undefined;
    loadAppConfig()
      .then(async (config) => {
        const auth = new AuthClient(config);
        unsubscribe = auth.subscribe(() => setVersion((v) => v + 1));
        try {
          const returnTo = await auth.completeRedirect();
          if (returnTo) location.hash = returnTo;
          setState({ auth });
        } catch (error) {
          setState({ auth, error });
        }
      })
      .catch((error: unknown) => setState({ error }));
    return () => unsubscribe?.();
  }, []);
  return { ...state, version };
};

export const App = () => {
  const { t } = useI18n();
  // useAuth's version changes with every sign-in event, which re-renders this component; the value itself is unused.
  const { auth, error } = useAuth();
  const route = useRoute();
  const session = auth?.session;
  const [desks, setDesks] = useState<Desk[] | undefined>();
  const [desksError, setDesksError] = useState<unknown>();

  const services = useMemo<Omit<AppServices, 'desks'> | undefined>(() => {
    if (!auth || !session) return undefined;
    return {
      api: createApi({ getToken: () => auth.getToken(), onUnauthorized: () => auth.expire() }),
      identity: session.identity,
      drafts: createDraftStore(localStorage),
      media: createMediaApi({ getToken: () => auth.getToken(), onUnauthorized: () => auth.expire() }),
    };
    // A refreshed token keeps the same person: rebuild only when someone else signs in (or out), not on every new
    // session object (deliberately not every dependency).
  }, [auth, session?.identity.sub]);

  useEffect(() => {
    if (!services) return;
    services.api.desks().then(setDesks).catch(setDesksError);
  }, [services]);

  // Move focus to the new screen's heading, so keyboard and screen-reader users start at the top of it.
  useEffect(() => {
    requestAnimationFrame(() =>
      (document.querySelector<HTMLElement>('main h1') ?? document.getElementById('main'))?.focus(),
    );
  }, [route]);

  if (!auth) {
    return (
      <Shell>
        {error ? (
          <>
            <h1 tabIndex={-1}>{t('app.title')}</h1>
            <ErrorMessage error={error} />
          </>
        ) : (
          <p class="muted">{t('common.loading')}</p>
        )}
      </Shell>
    );
  }
  if (!services) {
    return (
      <Shell auth={auth}>
        <SignInScreen auth={auth} error={error} />
      </Shell>
    );
  }
  if (!desks) {
    return (
      <Shell auth={auth}>
        {desksError ? <ErrorMessage error={desksError} /> : <p class="muted">{t('common.loading')}</p>}
      </Shell>
    );
  }
  const app: AppServices = { ...services, desks };
  return (
    <AppContext.Provider value={app}>
      <Shell auth={auth} app={app} route={route}>
        <Screen route={route} app={app} />
      </Shell>
    </AppContext.Provider>
  );
};

const homeOf = (app: AppServices): string => {
  const edited = editedDeskIds(
    app.identity,
    app.desks.map((d) => d.id),
  );
  const first = edited[0];
  if (first && !isReporter(app.identity)) return buildHref({ name: 'queue', desk: first, status: 'submitted' });
  return buildHref({ name: 'mine' });
};

const Screen = ({ route, app }: { route: Route; app: AppServices }) => {
  const { t } = useI18n();
  useEffect(() => {
    if (route.name === 'home') navigate(homeOf(app));
  }, [route, app]);
  switch (route.name) {
    case 'home':
      return <p class="muted">{t('common.loading')}</p>;
    case 'mine':
      return <MyArticlesScreen />;
    case 'new':
      return <NewDraftScreen />;
    case 'edit':
      return <EditorScreen key={route.id} id={route.id} />;
    case 'review':
      return <ReviewScreen key={route.id} id={route.id} />;
    case 'queue':
      return <QueueScreen desk={route.desk} status={route.status} />;
    case 'inbox':
      return <InboxScreen />;
    case 'not-found':
      return (
        <>
          <h1 tabIndex={-1}>{t('notFound.heading')}</h1>
          <p>
            <a href={homeOf(app)}>{t('notFound.home')}</a>
          </p>
        </>
      );
  }
};

const Shell = ({
  auth,
  app,
  route,
  children,
}: {
  auth?: AuthClient;
  app?: AppServices;
  route?: Route;
  children: ComponentChildren;
}) => {
  const { t, lang, setLang, deskName } = useI18n();
  const edited = app ? app.desks.filter((d) => editedDeskIds(app.identity, [d.id]).length > 0) : [];
  const current = route ? location.hash || '#/' : undefined;
  const link = (href: string, label: string, active: boolean) => (
    <li key={href}>
      <a href={href} aria-current={active ? 'page' : undefined}>
        {label}
      </a>
    </li>
  );
  return (
    <>
      <a
        class="skip-link"
        href="#main"
        onClick={(e) => {
          // Hash links are routes here: move focus without touching the hash.
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t('nav.skip')}
      </a>
      <header class="top">
        <span class="brand">{t('app.title')}</span>
        {app ? (
          <nav aria-label={t('nav.label')}>
            <ul class="nav">
              {link(buildHref({ name: 'mine' }), t('nav.mine'), route?.name === 'mine')}
              {link(buildHref({ name: 'new' }), t('nav.new'), route?.name === 'new')}
              {edited.map((d) =>
                link(
                  buildHref({ name: 'queue', desk: d.id, status: 'submitted' }),
                  t('nav.queue', { desk: deskName(d) }),
                  route?.name === 'queue' && route.desk === d.id,
                ),
              )}
            </ul>
          </nav>
        ) : null}
        <div class="top-tools">
          {app ? <NotificationBell api={app.api} /> : null}
          {app ? <span class="who">{app.identity.name}</span> : null}
          <button
            type="button"
            class="link-button"
            lang={lang === 'ru' ? 'en' : 'ru'}
            onClick={() => setLang(lang === 'ru' ? 'en' : 'ru')}
          >
            {t('lang.switch')}
          </button>
          {auth?.session ? (
            <button type="button" class="link-button" onClick={() => auth.signOut()}>
              {t('nav.signOut')}
            </button>
          ) : null}
        </div>
      </header>
      <main id="main" tabIndex={-1} data-route={current}>
        {children}
      </main>
    </>
  );
};
