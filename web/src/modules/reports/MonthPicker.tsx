import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import { isSelectableMonth } from './month';

/**
 * A `yyyy-mm` month. Months that have not begun cannot be picked; with `finishedOnly`, nor the
 * current one (publications are of months that are over).
 */
export function MonthPicker({
  value,
  onChange,
  finishedOnly = false,
  testId,
}: {
  value: string;
  onChange: (month: string) => void;
  finishedOnly?: boolean;
  testId?: string;
}) {
  return (
    <DatePicker
      picker="month"
      allowClear={false}
      value={dayjs(`${value}-01`)}
      format="YYYY-MM"
      disabledDate={(date) => !isSelectableMonth(date.format('YYYY-MM'), { allowCurrent: !finishedOnly })}
      onChange={(date) => {
        if (date) onChange(date.format('YYYY-MM'));
      }}
      data-testid={testId}
    />
  );
}
