/**
 * Where to go after signing in: only a path inside this app (`/…`, never `//host` or a
 * full URL, which would make the sign-in page an open redirect), and never back to /login.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next === '/login' || next.startsWith('/login?') || next.startsWith('/login/')) return '/';
  return next;
}

/** The sign-in URL that brings the user back to `target` afterwards. */
export function loginPathFor(target: string): string {
  const next = safeNextPath(target);
  return next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`;
}
