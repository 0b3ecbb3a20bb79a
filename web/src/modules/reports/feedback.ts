/** Notes newest first: by the day they are about, then by when they were written. */
export function sortFeedback<T extends { notedOn: string; createdAt: string; id: number }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => b.notedOn.localeCompare(a.notedOn) || b.createdAt.localeCompare(a.createdAt) || b.id - a.id);
}
