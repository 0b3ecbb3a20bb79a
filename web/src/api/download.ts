import { fetchFile } from './client';
import type { QueryParams } from './query-string';

/**
 * The file name from a Content-Disposition header: the RFC 5987 `filename*=UTF-8''…` form
 * (which carries Chinese names) wins over the plain ASCII `filename="…"`.
 */
export function filenameFromContentDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // Badly encoded: try the plain form.
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header);
  return plain?.[1]?.trim() || fallback;
}

/** Fetch a file and hand it to the browser as a download. */
export async function downloadFile(path: string, query: QueryParams | undefined, fallbackName: string): Promise<void> {
  const { blob, contentDisposition } = await fetchFile(path, query);
  const url = URL.createObjectURL(blob);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = filenameFromContentDisposition(contentDisposition, fallbackName);
    document.body.appendChild(link);
    link.click();
    link.remove();
  } finally {
    // Give the browser a moment to start the download before the URL goes away.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
