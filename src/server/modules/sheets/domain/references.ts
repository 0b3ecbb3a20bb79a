import type { MessageKey } from '../../../../contracts/index.js';

/**
 * Looking up what a sheet names: an id in brackets (as the template's drop-downs write it),
 * or a name that must be unique.
 */
export interface Named {
  id: number;
  name: string;
}

export type Resolved<T> = { ok: true; item: T } | { ok: false; key: MessageKey };

export class ReferenceIndex<T extends Named> {
  private readonly byId = new Map<number, T>();
  private readonly byName = new Map<string, T[]>();
  constructor(items: readonly T[]) {
    for (const item of items) {
      this.byId.set(item.id, item);
      this.byName.set(item.name, [...(this.byName.get(item.name) ?? []), item]);
    }
  }

  resolve(ref: { id: number } | { name: string }): Resolved<T> {
    if ('id' in ref) {
      const item = this.byId.get(ref.id);
      return item ? { ok: true, item } : { ok: false, key: 'validation.referenceNotFound' };
    }
    const matches = this.byName.get(ref.name) ?? [];
    if (matches.length === 1) return { ok: true, item: matches[0]! };
    return { ok: false, key: matches.length ? 'sheet.ambiguousName' : 'validation.referenceNotFound' };
  }

  /** How the template lists an item: "name [id]". */
  static label(item: Named): string {
    return `${item.name} [${item.id}]`;
  }
}
