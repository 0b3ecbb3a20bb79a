import { ALLOWED_PARENT_KINDS, type UnitKind } from '../../../../contracts/index.js';

/** A unit of `kind` may hang under a parent of `parentKind`. */
export function canHangUnder(kind: UnitKind, parentKind: UnitKind): boolean {
  return ALLOWED_PARENT_KINDS[kind].includes(parentKind);
}

/** The materialised path of a child: the parent's path plus the child's id. */
export function childPath(parentPath: string, id: number): string {
  return `${parentPath}${id}/`;
}

/** True when `path` lies in the subtree rooted at `rootPath` (the root itself included). */
export function isWithin(path: string, rootPath: string): boolean {
  return path.startsWith(rootPath);
}

/** Moving a unit under one of its own descendants (or itself) would make a cycle. */
export function wouldCycle(unitPath: string, newParentPath: string): boolean {
  return isWithin(newParentPath, unitPath);
}

/** The path of a descendant after its ancestor moved from `oldPrefix` to `newPrefix`. */
export function rebasePath(path: string, oldPrefix: string, newPrefix: string): string {
  return isWithin(path, oldPrefix) ? newPrefix + path.slice(oldPrefix.length) : path;
}
