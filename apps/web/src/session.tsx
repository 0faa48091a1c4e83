import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, type LoginResponse, refreshSession, type Role, setSignedOutHandler } from './api/client';

/** Who is signed in. Names are kept in sessionStorage for display only; no token is ever stored there. */
export interface SessionUser {
  id: string | null;
  email: string | null;
  name: string | null;
  role: Role;
  tenantId: string | null;
}
interface Session {
  user: SessionUser | null;
  /** false while the refresh cookie is being tried at start-up. */
  ready: boolean;
  signIn(email: string, password: string): Promise<LoginResponse>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);
const DISPLAY_KEY = 'lodestone.user';

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null>(null);
  const [ready, setReady] = useState(false);
  const queryClient = useQueryClient();

  useEffect(() => {
    setSignedOutHandler(() => {
      setUser(null);
      queryClient.clear();
    });
    let cancelled = false;
    void (async () => {
      if (await refreshSession()) {
        try {
          const me = await api.me();
          const shown = JSON.parse(sessionStorage.getItem(DISPLAY_KEY) ?? 'null') as SessionUser | null;
          if (!cancelled)
            setUser({
              id: me.userId,
              role: me.role,
              tenantId: me.tenantId,
              email: shown?.id === me.userId ? shown.email : null,
              name: shown?.id === me.userId ? shown.name : null,
            });
        } catch {
          /* signed out */
        }
      }
      if (!cancelled) setReady(true);
    })();
    return () => {
      cancelled = true;
    };
  }, [queryClient]);

  const signIn = useCallback(async (email: string, password: string) => {
    const res = await api.login({ email, password });
    const u: SessionUser = { ...res.user };
    sessionStorage.setItem(DISPLAY_KEY, JSON.stringify(u));
    setUser(u);
    return res;
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      sessionStorage.removeItem(DISPLAY_KEY);
      setUser(null);
      queryClient.clear();
    }
  }, [queryClient]);

  const value = useMemo(() => ({ user, ready, signIn, signOut }), [user, ready, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}
