import { DatePicker, type DatePickerProps, InputNumber } from 'antd';
import dayjs from 'dayjs';
import type { CSSProperties } from 'react';
import { useT } from '../../../i18n';

/** An amount in 万元, kept as the exact decimal text the API wants (never a float). */
export function MoneyInput({
  value,
  onChange,
  placeholder,
  style,
  disabled,
  suffix = true,
  id,
  ...rest
}: {
  value?: string | null;
  onChange?: (value: string | null) => void;
  placeholder?: string;
  style?: CSSProperties;
  disabled?: boolean;
  /** Show the unit (万元) inside the box. */
  suffix?: boolean;
  id?: string;
  'data-testid'?: string;
}) {
  const { t } = useT();
  return (
    <InputNumber<string>
      id={id}
      stringMode
      min="0"
      controls={false}
      value={value ?? null}
      disabled={disabled}
      placeholder={placeholder}
      onChange={(next) => onChange?.(next === null || next === '' ? null : String(next))}
      suffix={suffix ? t('money.unitWan') : undefined}
      style={{ width: '100%', ...style }}
      data-testid={rest['data-testid']}
    />
  );
}

/** A calendar date as the API's `YYYY-MM-DD` text. */
export function IsoDatePicker({
  value,
  onChange,
  ...rest
}: Omit<DatePickerProps, 'value' | 'onChange'> & { value?: string | null; onChange?: (value: string | null) => void }) {
  return (
    <DatePicker
      {...rest}
      value={value ? dayjs(value) : null}
      onChange={(date) => {
        const one = Array.isArray(date) ? date[0] : date;
        onChange?.(one ? one.format('YYYY-MM-DD') : null);
      }}
      style={{ width: '100%', ...rest.style }}
    />
  );
}
