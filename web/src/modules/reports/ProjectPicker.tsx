import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/endpoints';
import { useT } from '../../i18n';

/**
 * A project of one unit (its subtree), searched by name or code as the user types. The
 * current choice keeps its name even when it is not among the results.
 */
export function ProjectPicker({
  unitId,
  value,
  onChange,
  currentName,
  allowClear = false,
  testId,
  id,
}: {
  unitId: number | undefined;
  value?: number | null;
  onChange?: (id: number | null) => void;
  currentName?: string | null;
  allowClear?: boolean;
  testId?: string;
  id?: string;
}) {
  const { t } = useT();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), 300);
    return () => clearTimeout(timer);
  }, [text]);
  const found = useQuery({
    queryKey: ['projects', 'list', 'picker', unitId ?? null, q],
    queryFn: () => api.projects.list({ unitId, q: q || undefined, page: 1, pageSize: 20, sort: 'name' }),
    enabled: unitId !== undefined,
  });
  const options = (found.data?.items ?? []).map((project) => ({
    value: project.id,
    label: project.code ? t('projectPicker.option', { name: project.name, code: project.code }) : project.name,
  }));
  if (value && !options.some((option) => option.value === value)) options.unshift({ value, label: currentName ?? `#${value}` });
  return (
    <Select<number>
      id={id}
      showSearch={{ filterOption: false, onSearch: setText }}
      allowClear={allowClear}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null)}
      placeholder={unitId === undefined ? t('projectPicker.pickUnitFirst') : t('projectPicker.placeholder')}
      disabled={unitId === undefined}
      loading={found.isFetching}
      options={options}
      notFoundContent={found.isFetching ? undefined : t('projectPicker.none')}
      data-testid={testId}
      style={{ width: '100%' }}
    />
  );
}
