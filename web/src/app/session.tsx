import { type QueryClient, useQuery } from '@tanstack/react-query';
import { useContext } from 'react';
import type { SessionInfo } from '../../../src/contracts/index.js';
import { isApiError } from '../api/client';
import { api } from '../api/endpoints';
import { SessionContext } from './session-context';

export const SESSION_KEY = ['session'] as const;
export const META_KEY = ['meta'] as const;

/** The signed-in session, or null when nobody is signed in (a 401 here is an answer, not an error). */
async function fetchSessionOrNull(): Promise<SessionInfo | null> {
  try {
    return await api.auth.session();
  } catch (error) {
    if (isApiError(error) && error.code === 'UNAUTHENTICATED') return null;
    throw error;
  }
}

export function useSessionQuery() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: fetchSessionOrNull, staleTime: 60_000, retry: false });
}

export function useMeta() {
  return useQuery({ queryKey: META_KEY, queryFn: api.meta, staleTime: Number.POSITIVE_INFINITY });
}

/** Forget the session and every cached record (the next user of this browser must not see them). */
export function forgetSession(queryClient: QueryClient): void {
  queryClient.setQueryData(SESSION_KEY, null);
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] && query.queryKey[0] !== META_KEY[0] });
}

export const SessionProvider = SessionContext.Provider;

/** The session inside the signed-in part of the app (the layout provides it). */
export function useSession(): SessionInfo {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() outside the signed-in layout');
  return session;
}

export function useCan() {
  const session = useSession();
  return (action: SessionInfo['permissions'][number]) => session.permissions.includes(action);
}
