import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/endpoints';
import { useT } from '../../i18n';

/** Pick an enterprise by name or credit code (GET /org/enterprises/lookup), searching as the user types. */
export function EnterprisePicker({
  value,
  onChange,
  current,
}: {
  value?: number | null;
  onChange?: (value: number | null) => void;
  /** The enterprise already chosen, so its name shows before any search. */
  current?: { id: number; name: string } | null;
}) {
  const { t } = useT();
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSearch(text.trim()), 300);
    return () => clearTimeout(timer);
  }, [text]);
  const lookup = useQuery({ queryKey: ['enterprises', 'lookup', search], queryFn: () => api.enterprises.lookup(search) });
  const options = (lookup.data?.items ?? []).map((item) => ({ value: item.id, label: `${item.name} (${item.uscc})` }));
  if (current && !options.some((option) => option.value === current.id)) options.unshift({ value: current.id, label: current.name });
  return (
    <Select<number>
      showSearch={{ filterOption: false, onSearch: setText }}
      allowClear
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null)}
      placeholder={t('users.enterpriseSearch')}
      loading={lookup.isFetching}
      options={options}
      data-testid="user-enterprise-picker"
    />
  );
}
