/** Login: username and password; the server sets the session cookie and the CSRF cookie. */
import { useState } from 'preact/hooks';
import { ApiFailure } from '../api.js';
import { Problems } from '../components/problems.js';
import { useI18n } from '../i18n/index.js';
import { login, useSession } from '../session.js';

export default function LoginPage() {
  const { t } = useI18n();
  const { me, setMe } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      setMe(await login(username.trim(), password));
      location.hash = '#/registry';
    } catch (cause) {
      setFailure(cause instanceof ApiFailure ? cause : new ApiFailure(0, [{ code: 'network', message: String(cause) }]));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="page login">
      <form class="card narrow" onSubmit={submit}>
        <h2>{t('loginTitle')}</h2>
        {me.user !== null ? <p class="note">{t('loggedInAs')} <strong>{me.user.username}</strong></p> : null}
        <label class="block">{t('username')}<input name="username" autocomplete="username" value={username} onInput={(e) => setUsername(e.currentTarget.value)} required /></label>
        <label class="block">{t('password')}<input name="password" type="password" autocomplete="current-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} required /></label>
        <button type="submit" class="primary" disabled={busy}>{t('login')}</button>
        <p class="note">{t('loginDemoNote')}</p>
      </form>
      {failure !== null ? <Problems failure={failure} /> : null}
    </div>
  );
}
