/**
 * A notification's link, when it is a path inside this app ('/problems/12'); anything else
 * (another site, a protocol, '//host') is not followed.
 */
export function inAppLink(link: string | null | undefined): string | null {
  if (!link) return null;
  if (!link.startsWith('/') || link.startsWith('//') || link.includes('\\')) return null;
  return link;
}
