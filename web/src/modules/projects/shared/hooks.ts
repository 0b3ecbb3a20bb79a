import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import type { Locale, UnitNames, UnitTreeNode } from '../../../../../src/contracts/index.js';
import { api } from '../../../api/endpoints';
import { useCan } from '../../../app/session';
import { useT } from '../../../i18n';
import { unitName } from '../../org/unit-tree';

const FIVE_MINUTES = 5 * 60_000;
const NO_UNITS: readonly UnitTreeNode[] = [];
const NO_NAMES: UnitNames['items'] = [];

/** The unit tree for pickers, when the role may read units (an enterprise account may not). */
export function useUnitTree() {
  const can = useCan();
  const enabled = can('org.unit.read');
  const tree = useQuery({ queryKey: ['units', 'tree'], queryFn: api.units.tree, enabled, staleTime: FIVE_MINUTES });
  return { enabled, items: tree.data?.items ?? NO_UNITS, isLoading: enabled && tree.isPending };
}

/** Unit names in the UI language by id (the lists carry the Chinese name only). */
export function useUnitNames(
  items: readonly Pick<UnitTreeNode, 'id' | 'nameZh' | 'nameEn'>[],
): (id: number | null | undefined, fallback?: string | null) => string {
  const { locale } = useT();
  const names = useMemo(() => new Map(items.map((unit) => [unit.id, unitName(unit, locale)])), [items, locale]);
  return useCallback(
    (id, fallback) => (id === null || id === undefined ? (fallback ?? '—') : (names.get(id) ?? fallback ?? `#${id}`)),
    [names],
  );
}

/**
 * Unit names in the UI language by id, for any unit of the city (a department an item is
 * assigned to seen from a county, other counties on a board, for an enterprise too): the names
 * every signed-in user may read. Until they arrive, a unit keeps the row's own name.
 */
export function useUnitLabel(): (id: number | null | undefined, fallback?: string | null) => string {
  const names = useQuery({ queryKey: ['units', 'names'], queryFn: api.units.names, staleTime: FIVE_MINUTES });
  return useUnitNames(names.data?.items ?? NO_NAMES);
}

/** Deal sources, industry chains, deadlines and thresholds (every signed-in user may read them). */
export function useRegistrySettings() {
  return useQuery({ queryKey: ['settings', 'registry'], queryFn: api.settings.registry, staleTime: FIVE_MINUTES });
}

export function useIndustries() {
  return useQuery({ queryKey: ['reference', 'industries'], queryFn: api.reference.industries, staleTime: Number.POSITIVE_INFINITY });
}

export function useLeaders(enabled = true) {
  return useQuery({ queryKey: ['projects', 'leaders'], queryFn: api.projects.leaders, staleTime: FIVE_MINUTES, enabled });
}

/** A configured list entry's name in the UI language; the key itself when the entry is unknown. */
export function entryName(
  entries: readonly { key: string; nameZh: string; nameEn: string }[] | undefined,
  key: string | null,
  locale: Locale,
): string {
  if (!key) return '—';
  const entry = entries?.find((candidate) => candidate.key === key);
  if (!entry) return key;
  return locale === 'en-US' ? entry.nameEn : entry.nameZh;
}
