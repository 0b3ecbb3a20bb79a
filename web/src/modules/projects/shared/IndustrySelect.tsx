import { Select } from 'antd';
import { type CSSProperties, useMemo } from 'react';
import { useT } from '../../../i18n';
import { useIndustries } from './hooks';
import { industryOptions } from './industry';

/** GB/T 4754 industry: a section ("C 制造业") or one of its divisions ("26 化学原料…"), searchable by code or name. */
export function IndustrySelect({
  value,
  onChange,
  allowClear,
  placeholder,
  style,
  id,
  ...rest
}: {
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  allowClear?: boolean;
  placeholder?: string;
  style?: CSSProperties;
  id?: string;
  'data-testid'?: string;
}) {
  const { t, locale } = useT();
  const industries = useIndustries();
  const options = useMemo(
    () => (industries.data ? industryOptions(industries.data, locale, t('industry.wholeSection')) : []),
    [industries.data, locale, t],
  );
  return (
    <Select<string>
      id={id}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next)}
      allowClear={allowClear}
      placeholder={placeholder ?? t('industry.placeholder')}
      loading={industries.isPending}
      options={options}
      showSearch={{ optionFilterProp: 'label' }}
      listHeight={360}
      popupMatchSelectWidth={false}
      style={{ width: '100%', ...style }}
      data-testid={rest['data-testid']}
    />
  );
}
