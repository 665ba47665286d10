import { useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages-ru.js';
import type { AuthClient } from '../lib/auth.js';
import type { DemoUser } from '../lib/app-config.js';
import { ErrorMessage } from '../ui/error-message.js';

const roleKey = (user: DemoUser): MessageKey => {
  if (user.groups.includes('chief-editors')) return 'signIn.role.chief';
  if (user.groups.some((g) => g.startsWith('desk-'))) return 'signIn.role.editor';
  return 'signIn.role.reporter';
};

export const SignInScreen = ({ auth, error: initialError }: { auth: AuthClient; error?: unknown }) => {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(initialError);
  const run = async (action: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  const config = auth.config;
  return (
    <div class="sign-in">
      <h1 tabIndex={-1}>{t('signIn.heading')}</h1>
      {auth.endReason === 'expired' ? (
        <p class="notice" role="status">
          {t('signIn.expired')}
        </p>
      ) : null}
      {config.auth === 'local' ? (
        <>
          <p>{t('signIn.localIntro')}</p>
          <ul class="demo-users">
            {config.demoUsers.map((user) => (
              <li key={user.sub}>
                <button
                  type="button"
                  class="button demo-user"
                  disabled={busy}
                  onClick={() => void run(() => auth.signInLocal(user))}
                >
                  <span class="demo-name">{user.name}</span>
                  {/* The role from the catalogue, by the user's groups (config.json's `role` is English). */}
                  <span class="muted">{t(roleKey(user))}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <>
          <p>{t('signIn.cognitoIntro')}</p>
          <button
            type="button"
            class="button primary"
            disabled={busy}
            onClick={() => void run(() => auth.signInCognito(location.hash))}
          >
            {t('signIn.cognitoButton')}
          </button>
        </>
      )}
      <ErrorMessage error={error} />
    </div>
  );
};
