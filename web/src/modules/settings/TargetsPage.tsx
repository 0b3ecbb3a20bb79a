import { CopyOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Form, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { type Key, useEffect, useMemo, useState } from 'react';
import { DealTargetSchema } from '../../../../src/contracts/index.js';
import { api } from '../../api/endpoints';
import { useFeedback } from '../../api/feedback-provider';
import { FullPageSpin } from '../../components/FullPageSpin';
import { LoadError } from '../../components/LoadError';
import { PageContainer } from '../../components/PageContainer';
import { useT } from '../../i18n';
import { parseForm } from '../../lib/zod-form';
import { useUnitLabel, useUnitTree } from '../projects/shared/hooks';
import { MoneyInput } from '../projects/shared/inputs';
import { formatMoney } from '../projects/shared/money';
import { useFormFeedback } from '../projects/shared/use-form-feedback';
import { type TargetRow, targetRows } from './targets';

interface TargetValues {
  targets: Record<string, string | null | undefined>;
}

type TargetList = Awaited<ReturnType<typeof api.settings.targets>>;

/** 招引目标 (city operator): each unit's annual attraction target, the denominator of 招引率. */
export default function TargetsPage() {
  const { t } = useT();
  const [year, setYear] = useState(() => dayjs().year());
  const targets = useQuery({ queryKey: ['settings', 'targets', year], queryFn: () => api.settings.targets(year) });

  return (
    <PageContainer
      title={t('targets.title')}
      extra={
        <Space>
          <Typography.Text>{t('targets.year')}</Typography.Text>
          <DatePicker
            picker="year"
            allowClear={false}
            value={dayjs(`${year}-01-01`)}
            onChange={(date) => {
              if (date) setYear(date.year());
            }}
            data-testid="targets-year"
          />
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('targets.hint')}</Typography.Paragraph>
      {targets.error && !targets.data ? <LoadError error={targets.error} onRetry={() => void targets.refetch()} /> : null}
      {targets.data && targets.data.items.length === 0 && targets.data.previousYear !== null ? (
        <CopyTargets year={year} from={targets.data.previousYear} />
      ) : null}
      {/* One form per year, filled from that year's targets. */}
      {targets.data ? <TargetsTable key={year} year={year} targets={targets.data} /> : targets.error ? null : <FullPageSpin />}
    </PageContainer>
  );
}

/** A year without targets starts from the latest earlier one (the units' rows stay editable). */
function CopyTargets({ year, from }: { year: number; from: number }) {
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const feedback = useFeedback();
  const copy = useMutation({
    mutationFn: () => api.settings.copyTargets({ fromYear: from, toYear: year }),
    onSuccess: (result) => {
      message.success(t('targets.copied', { count: result.copied, from }));
      void queryClient.invalidateQueries({ queryKey: ['settings', 'targets', year] });
      void queryClient.invalidateQueries({ queryKey: ['deals', 'funnel'] });
    },
    onError: (error) => feedback(error),
  });
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      title={t('targets.copyTitle', { year })}
      description={t('targets.copyHint', { from })}
      action={
        <Button type="primary" icon={<CopyOutlined />} loading={copy.isPending} onClick={() => copy.mutate()} data-testid="targets-copy">
          {t('targets.copy', { from })}
        </Button>
      }
      data-testid="targets-copy-alert"
    />
  );
}

function TargetsTable({ year, targets }: { year: number; targets: TargetList }) {
  const { t, locale } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const formFeedback = useFormFeedback();
  const [form] = Form.useForm<TargetValues>();
  const units = useUnitTree();
  const unitOf = useUnitLabel();
  const rows = useMemo(() => targetRows(units.items, targets.items, locale), [units.items, targets, locale]);
  const initial = useMemo(
    () => ({ targets: Object.fromEntries(targets.items.map((item) => [String(item.unitId), item.amount])) }),
    [targets],
  );
  const edited = Form.useWatch('targets', form) ?? {};
  // Targets arriving later (copied from an earlier year) fill the rows left empty; what is being typed stays.
  useEffect(() => {
    for (const item of targets.items) {
      const name: ['targets', string] = ['targets', String(item.unitId)];
      const current = form.getFieldValue(name) as string | null | undefined;
      if (current === undefined || current === null || current === '') form.setFieldValue(name, item.amount);
    }
  }, [targets, form]);
  const [expanded, setExpanded] = useState<readonly Key[] | null>(null);

  const save = useMutation({
    mutationFn: async (row: TargetRow) => {
      const amount = (form.getFieldValue(['targets', String(row.unitId)]) as string | null | undefined) ?? undefined;
      return await api.settings.saveTarget(parseForm(DealTargetSchema, { unitId: row.unitId, year, amount }, locale));
    },
    onSuccess: (saved) => {
      message.success(t('targets.saved', { name: unitOf(saved.unitId, saved.unitName), year: saved.year }));
      // Merge the one saved target, keeping what is being typed in other rows.
      queryClient.setQueryData<TargetList>(['settings', 'targets', saved.year], (current) => ({
        items: [...(current?.items ?? []).filter((item) => item.unitId !== saved.unitId), saved],
        previousYear: current?.previousYear ?? null,
      }));
      form.setFieldValue(['targets', String(saved.unitId)], saved.amount);
      void queryClient.invalidateQueries({ queryKey: ['deals', 'funnel'] });
    },
    onError: (error, row) => formFeedback(error, form, { remap: (path) => (path === 'amount' ? `targets.${row.unitId}` : path) }),
  });

  const keyOf = (row: TargetRow) => String(row.unitId);
  const isDirty = (row: TargetRow) => {
    const value = edited[keyOf(row)];
    return value !== undefined && value !== null && value !== '' && value !== row.amount;
  };

  return (
    <Form<TargetValues>
      form={form}
      component={false}
      initialValues={initial}
      onValuesChange={(changed: Partial<TargetValues>) => {
        form.setFields(Object.keys(changed.targets ?? {}).map((id) => ({ name: ['targets', id], errors: [] })));
      }}
    >
      <Table<TargetRow>
        data-testid="targets-table"
        size="middle"
        rowKey="key"
        loading={units.isLoading}
        dataSource={rows}
        pagination={false}
        expandable={{
          expandedRowKeys: expanded ?? rows.flatMap((row) => [row.key, ...(row.children ?? []).map((child) => child.key)]),
          onExpandedRowsChange: (keys) => setExpanded(keys),
        }}
        columns={[
          {
            title: t('targets.unit'),
            dataIndex: 'name',
            render: (name: string, row) => (row.kind === 'city' ? <Typography.Text strong>{name}</Typography.Text> : name),
          },
          { title: t('units.kind'), dataIndex: 'kind', width: 120, render: (kind: TargetRow['kind']) => t(`unitKind.${kind}`) },
          {
            title: t('targets.amount'),
            key: 'amount',
            width: 260,
            render: (_, row) => (
              <Form.Item name={['targets', keyOf(row)]} style={{ margin: 0 }}>
                <MoneyInput data-testid={`target-${row.unitId}`} />
              </Form.Item>
            ),
          },
          {
            title: t('targets.childrenSum'),
            key: 'childrenSum',
            align: 'right',
            render: (_, row) => (row.childrenSum === null ? '—' : formatMoney(row.childrenSum, locale)),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 110,
            render: (_, row) => (
              <Button
                size="small"
                type={isDirty(row) ? 'primary' : 'default'}
                icon={<SaveOutlined />}
                disabled={!isDirty(row)}
                loading={save.isPending && save.variables?.unitId === row.unitId}
                onClick={() => save.mutate(row)}
                data-testid={`target-save-${row.unitId}`}
              >
                {t('common.save')}
              </Button>
            ),
          },
        ]}
      />
    </Form>
  );
}
