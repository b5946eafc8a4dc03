/** Who is logged in: asked once at start (`GET /auth/me` needs no login), changed by login and logout. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { getJson, send } from './api.js';

export interface SessionUser {
  username: string;
  participantId: string | null;
  roles: string[];
}

export interface Me {
  user: SessionUser | null;
  participant: { id: string; kind: string; name: string; regionCode: string } | null;
}

export const ANONYMOUS: Me = { user: null, participant: null };

export const whoAmI = (): Promise<Me> => getJson<Me>('/auth/me');

export async function login(username: string, password: string): Promise<Me> {
  await send('POST', '/auth/login', { username, password });
  return whoAmI();
}

export async function logout(): Promise<void> {
  await send('POST', '/auth/logout');
}

export const SessionContext = createContext<{ me: Me; setMe: (me: Me) => void }>({ me: ANONYMOUS, setMe: () => {} });
export const useSession = () => useContext(SessionContext);
