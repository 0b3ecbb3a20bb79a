import { Col, Row, Typography } from 'antd';
import { useT } from '../../i18n';
import { EMPTY_MONTHS } from './project-form';
import { MoneyInput } from './shared/inputs';
import { differenceOf, formatMoney, isMoney, sumAmounts } from './shared/money';

const MONTH_NUMBERS = Array.from({ length: 12 }, (_, i) => i + 1);

/** Twelve monthly amounts (January first) with their live sum against the annual amount. */
export function MonthlyInput({
  value,
  onChange,
  planned,
  testIdPrefix,
}: {
  value?: (string | null | undefined)[] | null;
  onChange?: (value: (string | null)[]) => void;
  /** The plan's annual amount, to compare the sum with. */
  planned?: string | null;
  testIdPrefix?: string;
}) {
  const { t, locale } = useT();
  const months = Array.from({ length: 12 }, (_, i) => value?.[i] ?? null);
  const { sum, invalid } = sumAmounts(months);
  const hasAny = months.some((month) => month !== null && month !== '');
  const plannedOk = isMoney(planned ?? undefined);
  const diff = plannedOk ? differenceOf(sum, planned as string) : null;
  const matches = diff === '0';
  return (
    <div>
      <Row gutter={[8, 8]}>
        {MONTH_NUMBERS.map((number, index) => (
          <Col key={number} xs={8} sm={6} md={4}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('projectDetail.month', { month: number })}
            </Typography.Text>
            <MoneyInput
              suffix={false}
              value={months[index]}
              onChange={(next) => {
                const copy = [...(value ?? EMPTY_MONTHS)].map((m) => m ?? null);
                while (copy.length < 12) copy.push(null);
                copy[index] = next;
                onChange?.(copy);
              }}
              data-testid={testIdPrefix ? `${testIdPrefix}-${number}` : undefined}
            />
          </Col>
        ))}
      </Row>
      {hasAny ? (
        <Typography.Text
          style={{ display: 'block', marginTop: 6 }}
          type={invalid || (plannedOk && !matches) ? 'danger' : plannedOk ? 'success' : 'secondary'}
          data-testid={testIdPrefix ? `${testIdPrefix}-sum` : undefined}
        >
          {t('projectForm.monthlySum', {
            sum: formatMoney(sum, locale, 'wan'),
            planned: plannedOk ? formatMoney(planned as string, locale, 'wan') : '—',
          })}
          {invalid
            ? ` · ${t('projectForm.monthlyInvalid')}`
            : plannedOk
              ? ` · ${matches ? t('projectForm.monthlyOk') : t('projectForm.monthlyDiff', { diff: formatMoney(diff as string, locale, 'wan') })}`
              : ''}
        </Typography.Text>
      ) : null}
    </div>
  );
}
