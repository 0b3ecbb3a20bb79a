import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import type { Tour } from '../../../../src/contracts/index.js';
import { api } from '../../api/endpoints';
import { useT } from '../../i18n';
import { useUnitLabel } from '../projects/shared/hooks';

interface Known {
  name: string;
  unitId: number;
  unitName: string;
}

/**
 * The sites of a tour: projects of the whole city searched by name or code as the user types,
 * several at once, in the order picked (the order of the route). A picked project keeps its
 * name when it is no longer among the results.
 */
export function ProjectsSelect({
  value,
  onChange,
  sites,
  id,
}: {
  value?: number[];
  onChange?: (ids: number[]) => void;
  /** The sites of the tour edited, for the names of the projects already on it. */
  sites?: Tour['sites'];
  id?: string;
}) {
  const { t } = useT();
  const unitOf = useUnitLabel();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [known, setKnown] = useState<Map<number, Known>>(
    () => new Map((sites ?? []).map((site) => [site.projectId, { name: site.projectName, unitId: site.unitId, unitName: site.unitName }])),
  );
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), 300);
    return () => clearTimeout(timer);
  }, [text]);
  const found = useQuery({
    queryKey: ['projects', 'list', 'picker', 'observation', q],
    queryFn: () => api.projects.list({ q: q || undefined, page: 1, pageSize: 20, sort: 'name' }),
  });
  useEffect(() => {
    if (!found.data) return;
    setKnown((current) => {
      const next = new Map(current);
      for (const p of found.data.items) next.set(p.id, { name: p.name, unitId: p.unitId, unitName: p.unitName });
      return next;
    });
  }, [found.data]);

  const label = (entry: Known) => t('observation.projectOption', { name: entry.name, unit: unitOf(entry.unitId, entry.unitName) });
  const ids = found.data?.items.map((p) => p.id) ?? [];
  for (const picked of value ?? []) if (!ids.includes(picked)) ids.push(picked);
  const options = ids.map((projectId) => {
    const entry = known.get(projectId);
    return { value: projectId, label: entry ? label(entry) : `#${projectId}` };
  });

  return (
    <Select<number[]>
      id={id}
      mode="multiple"
      showSearch={{ filterOption: false, onSearch: setText }}
      value={value ?? []}
      onChange={(next) => {
        onChange?.(next);
        setText('');
      }}
      placeholder={t('observation.sitesPlaceholder')}
      loading={found.isFetching}
      options={options}
      notFoundContent={found.isFetching ? undefined : t('projectPicker.none')}
      data-testid="tour-sites"
      style={{ width: '100%' }}
    />
  );
}
