import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Drawer, Empty, Form, Input, Modal, Radio, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { type Objection, POLICY_KINDS, type PolicyKind, RESULT_STATUSES, type Result, type Run } from '../../../../src/contracts/index.js';
import { distributionOption } from '../../charts/distribution-option';
import { useFeedback } from '../../api/feedback-provider';
import { useCan } from '../../app/session';
import { FullPageSpin } from '../../components/FullPageSpin';
import { SearchBar } from '../../components/SearchBar';
import { useT } from '../../i18n';
import { clearErrorsOnChange } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/time';
import { useIndustries, useUnitLabel } from '../projects/shared/hooks';
import { industryLabel } from '../projects/shared/industry';
import { useListState } from '../../lib/use-list-state';
import { type DistributionBy, evaluationApi } from './evaluation-api';
import { type ResultFilter, resultFilterFromForm } from './evaluation-query';
import { formatNumber, groupName } from './explain';
import { ExplanationView } from './ExplanationView';
import { ClassTag } from './labels';
import { OBJECTION_STATUS_COLORS } from './MyEvaluationPage';

const DistributionChart = lazy(() => import('./DistributionChart'));

type ResultRow = Result & { id: number };

export function ResultsTab({ run }: { run: Run }) {
  const { t, locale } = useT();
  const unitOf = useUnitLabel();
  const [form] = Form.useForm<Record<string, unknown>>();
  const list = useListState<ResultFilter>({});
  const [explaining, setExplaining] = useState<ResultRow | null>(null);
  const results = useQuery({
    queryKey: ['evaluation', 'results', run.id, list.filter, list.page, list.pageSize],
    queryFn: () => evaluationApi.results(run.id, { ...list.filter, page: list.page, pageSize: list.pageSize }),
    placeholderData: keepPreviousData,
  });
  const classCodes = run.config.classes.map((c) => c.code);
  const explanation = useQuery({
    queryKey: ['evaluation', 'explain', run.id, explaining?.enterpriseId],
    queryFn: () => evaluationApi.explain(run.id, explaining!.enterpriseId),
    enabled: explaining !== null,
  });
  return (
    <>
      <SearchBar form={form} onSearch={(values) => list.setFilter(resultFilterFromForm(values))}>
        <Form.Item name="q" label={t('common.keyword')}>
          <Input allowClear style={{ width: 200 }} placeholder={t('evaluation.register.qPlaceholder')} data-testid="result-q" />
        </Form.Item>
        <Form.Item name="class" label={t('evaluation.class')}>
          <Select
            allowClear
            placeholder={t('common.all')}
            style={{ width: 100 }}
            options={classCodes.map((c) => ({ value: c, label: c }))}
          />
        </Form.Item>
        <Form.Item name="status" label={t('common.status')}>
          <Select
            allowClear
            placeholder={t('common.all')}
            style={{ width: 140 }}
            options={RESULT_STATUSES.map((s) => ({ value: s, label: t(`evaluation.resultStatus.${s}`) }))}
          />
        </Form.Item>
        <Form.Item name="hasMissingData" label={t('evaluation.missingData')}>
          <Select
            allowClear
            placeholder={t('common.all')}
            style={{ width: 120 }}
            options={[
              { value: 'true', label: t('common.yes') },
              { value: 'false', label: t('common.no') },
            ]}
          />
        </Form.Item>
      </SearchBar>
      <Table<ResultRow>
        data-testid="result-table"
        rowKey="id"
        size="small"
        loading={results.isFetching}
        dataSource={results.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: list.page,
          pageSize: list.pageSize,
          total: results.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: list.setPage,
        }}
        columns={[
          {
            title: t('evaluation.rank'),
            dataIndex: 'rank',
            width: 70,
            render: (rank: number | null, r) => (rank ? `${rank}/${r.rankOf}` : '—'),
          },
          {
            title: t('evaluation.enterprise'),
            dataIndex: 'name',
            fixed: 'left',
            render: (name: string, r) => (
              <Typography.Link onClick={() => setExplaining(r)} data-testid="result-explain">
                {name}
              </Typography.Link>
            ),
          },
          { title: t('evaluation.unit'), key: 'unit', width: 200, ellipsis: true, render: (_, r) => unitOf(r.unitId, r.unitName) },
          {
            title: t('evaluation.park'),
            key: 'park',
            width: 200,
            ellipsis: true,
            render: (_, r) => (r.parkId ? unitOf(r.parkId, r.parkName) : '—'),
          },
          { title: t('evaluation.group'), dataIndex: 'group', render: (g: string | null) => groupName(run.config, g, locale) },
          { title: t('evaluation.score'), dataIndex: 'score', align: 'right', render: (s: number | null) => formatNumber(s, 2) },
          { title: t('evaluation.class'), dataIndex: 'class', render: (c: string | null) => <ClassTag code={c} /> },
          {
            title: t('common.status'),
            dataIndex: 'status',
            render: (s: Result['status'], r) => (
              <Space size={2} wrap>
                <Tag>{t(`evaluation.resultStatus.${s}`)}</Tag>
                {r.reasons.map((reason) => (
                  <Tag key={reason} color={s === 'insufficientData' ? 'orange' : undefined}>
                    {reason}
                  </Tag>
                ))}
              </Space>
            ),
          },
          {
            title: t('evaluation.missingData'),
            dataIndex: 'hasMissingData',
            render: (m: boolean) => (m ? <Tag color="warning">{t('evaluation.missingData')}</Tag> : '—'),
          },
        ]}
      />
      <Drawer
        open={explaining !== null}
        size="large"
        width={960}
        title={explaining?.name}
        onClose={() => setExplaining(null)}
        destroyOnHidden
      >
        {explanation.data ? <ExplanationView explanation={explanation.data} config={run.config} /> : <FullPageSpin />}
      </Drawer>
    </>
  );
}

export function ObjectionsTab({ run }: { run: Run }) {
  const { t } = useT();
  const can = useCan();
  const [resolving, setResolving] = useState<{ objection: Objection; decision: 'accept' | 'reject' } | null>(null);
  const objections = useQuery({
    queryKey: ['evaluation', 'objections', run.id],
    queryFn: () => evaluationApi.objections({ runId: run.id }),
  });
  const items = objections.data?.items ?? [];
  return (
    <>
      <Table<Objection>
        data-testid="objection-table"
        rowKey="id"
        size="small"
        loading={objections.isFetching}
        dataSource={items}
        scroll={{ x: 'max-content' }}
        pagination={items.length > 20 ? { pageSize: 20 } : false}
        locale={{ emptyText: <Empty description={t('evaluation.objection.none')} /> }}
        columns={[
          { title: t('evaluation.enterprise'), dataIndex: 'enterpriseName' },
          { title: t('evaluation.objection.filedAt'), dataIndex: 'createdAt', render: (iso: string) => formatDateTime(iso) },
          { title: t('evaluation.objection.text'), dataIndex: 'text', width: 320 },
          { title: t('evaluation.objection.evidence'), dataIndex: 'evidence', width: 260 },
          {
            title: t('common.status'),
            dataIndex: 'status',
            render: (status: Objection['status']) => (
              <Tag color={OBJECTION_STATUS_COLORS[status]} data-testid="objection-status" data-status={status}>
                {t(`evaluation.objectionStatus.${status}`)}
              </Tag>
            ),
          },
          { title: t('evaluation.objection.resolution'), dataIndex: 'resolution', render: (r: string | null) => r ?? '—' },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, o) =>
              o.status === 'pending' && can('evaluation.run') ? (
                <Space size={4}>
                  <Button size="small" onClick={() => setResolving({ objection: o, decision: 'accept' })} data-testid="objection-accept">
                    {t('evaluation.objection.accept')}
                  </Button>
                  <Button
                    size="small"
                    danger
                    onClick={() => setResolving({ objection: o, decision: 'reject' })}
                    data-testid="objection-reject"
                  >
                    {t('evaluation.objection.reject')}
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
      {resolving ? <ResolveObjectionModal {...resolving} onClose={() => setResolving(null)} /> : null}
    </>
  );
}

function ResolveObjectionModal({
  objection,
  decision,
  onClose,
}: {
  objection: Objection;
  decision: 'accept' | 'reject';
  onClose: () => void;
}) {
  const { t } = useT();
  const feedback = useFeedback();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);
  const submit = async (values: { reason: string }) => {
    setSaving(true);
    try {
      await evaluationApi.resolveObjection(objection.id, { decision, reason: values.reason });
      message.success(t('common.done'));
      await queryClient.invalidateQueries({ queryKey: ['evaluation', 'objections'] });
      onClose();
    } catch (error) {
      feedback(error, { form });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t(decision === 'accept' ? 'evaluation.objection.acceptTitle' : 'evaluation.objection.rejectTitle', {
        name: objection.enterpriseName,
      })}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'objection-resolve-ok', danger: decision === 'reject' }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t(decision === 'accept' ? 'evaluation.objection.acceptHint' : 'evaluation.objection.rejectHint')}
      </Typography.Paragraph>
      <Form form={form} onValuesChange={clearErrorsOnChange(form)} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item
          name="reason"
          label={t('evaluation.objection.reason')}
          rules={[{ required: true, whitespace: true, message: t('evaluation.required') }]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount data-testid="objection-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function DistributionTab({ run }: { run: Run }) {
  const { t, locale } = useT();
  const unitOf = useUnitLabel();
  const industries = useIndustries();
  const [by, setBy] = useState<DistributionBy>('park');
  const distribution = useQuery({
    queryKey: ['evaluation', 'distribution', run.id, by],
    queryFn: () => evaluationApi.distribution(run.id, by),
    placeholderData: keepPreviousData,
  });
  // The rows in the UI language: units and industries by their key, the rows outside a park or group named here.
  const data = useMemo(() => {
    if (!distribution.data) return undefined;
    const { by: of, rows } = distribution.data;
    const nameOf = (row: (typeof rows)[number]): string => {
      if (of === 'industry') return industryLabel(row.key, industries.data, locale);
      if (of === 'group') return row.key === '-' ? t('evaluation.by.noGroup') : groupName(run.config, row.key, locale);
      return row.key === '-' ? t('evaluation.by.noPark') : unitOf(Number(row.key), row.name);
    };
    return { ...distribution.data, rows: rows.map((row) => ({ ...row, name: nameOf(row) })) };
  }, [distribution.data, industries.data, locale, run.config, t, unitOf]);
  const option = useMemo(() => (data ? distributionOption(data, { className: (code) => code }) : null), [data]);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Radio.Group
        optionType="button"
        value={by}
        onChange={(e) => setBy(e.target.value as DistributionBy)}
        options={(['park', 'industry', 'unit', 'group'] as const).map((value) => ({ value, label: t(`evaluation.by.${value}`) }))}
      />
      {option && data?.rows.length ? (
        <Suspense fallback={<FullPageSpin />}>
          <DistributionChart option={option} height={Math.max(240, Math.min(data.rows.length, 20) * 28 + 60)} />
        </Suspense>
      ) : null}
      <Table
        data-testid="distribution-table"
        rowKey="key"
        size="small"
        loading={distribution.isFetching}
        dataSource={data?.rows ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t(`evaluation.by.${by}`), dataIndex: 'name' },
          { title: t('evaluation.runs.total'), dataIndex: 'total', align: 'right' },
          ...(data?.classes ?? []).map((code) => ({
            title: <ClassTag code={code} />,
            key: code,
            align: 'right' as const,
            render: (_: unknown, row: { counts: Record<string, number> }) => row.counts[code] ?? 0,
          })),
        ]}
      />
    </Space>
  );
}

export function MovesTab({ year }: { year: number }) {
  const { t } = useT();
  const moves = useQuery({ queryKey: ['evaluation', 'moves', year], queryFn: () => evaluationApi.moves(year) });
  const data = moves.data;
  if (!data) return moves.isPending ? <FullPageSpin /> : null;
  const from = Object.keys(data.matrix).sort();
  const to = [...new Set(Object.values(data.matrix).flatMap((row) => Object.keys(row)))].sort();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('evaluation.moves.hint', { year: data.year, previous: data.previousYear })}</Typography.Text>
      <Space size={32}>
        <Statistic title={t('evaluation.moves.up')} value={data.up} valueStyle={{ color: '#3f8600' }} />
        <Statistic title={t('evaluation.moves.down')} value={data.down} valueStyle={{ color: '#cf1322' }} />
        <Statistic title={t('evaluation.moves.same')} value={data.same} />
      </Space>
      {from.length ? (
        <Table
          data-testid="moves-table"
          rowKey="from"
          size="small"
          pagination={false}
          dataSource={from.map((f) => ({ from: f, row: data.matrix[f] ?? {} }))}
          columns={[
            {
              title: t('evaluation.moves.fromTo', { previous: data.previousYear, year: data.year }),
              dataIndex: 'from',
              render: (f: string) => (f === '-' ? t('evaluation.moves.new') : <ClassTag code={f} />),
            },
            ...to.map((code) => ({
              title: <ClassTag code={code} />,
              key: code,
              align: 'right' as const,
              render: (_: unknown, r: { row: Record<string, number> }) => r.row[code] ?? 0,
            })),
          ]}
        />
      ) : (
        <Empty description={t('evaluation.moves.none')} />
      )}
    </Space>
  );
}

export function PoliciesTab({ run }: { run: Run }) {
  const { t, locale } = useT();
  const unitOf = useUnitLabel();
  const feedback = useFeedback();
  const kinds = useMemo(() => {
    const used = new Set(run.config.classes.flatMap((c) => c.policies.map((p) => p.kind)));
    return POLICY_KINDS.filter((k) => used.has(k));
  }, [run.config]);
  const [kind, setKind] = useState<PolicyKind | undefined>(undefined);
  const shown = kind ?? kinds[0];
  const list = useQuery({
    queryKey: ['evaluation', 'policy', run.id, shown],
    queryFn: () => evaluationApi.policyList(run.id, shown!),
    enabled: shown !== undefined,
  });
  const [exporting, setExporting] = useState(false);
  if (!shown) return <Empty description={t('evaluation.policies.none')} />;
  const items = list.data?.items ?? [];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select<PolicyKind>
          style={{ width: 200 }}
          value={shown}
          onChange={setKind}
          data-testid="policy-kind"
          options={kinds.map((k) => ({ value: k, label: t(`evaluation.policyKind.${k}`) }))}
        />
        <Button
          icon={<DownloadOutlined />}
          loading={exporting}
          data-testid="policy-export"
          onClick={() => {
            setExporting(true);
            void evaluationApi
              .policyExport(run.id, shown, t('evaluation.policies.fileName', { year: run.year, kind: t(`evaluation.policyKind.${shown}`) }))
              .catch((error: unknown) => feedback(error))
              .finally(() => setExporting(false));
          }}
        >
          {t('evaluation.policies.export')}
        </Button>
        <Typography.Text type="secondary">{t('common.total', { total: items.length })}</Typography.Text>
      </Space>
      <Table
        data-testid="policy-table"
        rowKey="enterpriseId"
        size="small"
        loading={list.isFetching}
        dataSource={items}
        scroll={{ x: 'max-content' }}
        pagination={items.length > 20 ? { pageSize: 20, showTotal: (total) => t('common.total', { total }) } : false}
        columns={[
          { title: t('evaluation.uscc'), dataIndex: 'uscc' },
          { title: t('evaluation.enterprise'), dataIndex: 'name' },
          { title: t('evaluation.unit'), key: 'unit', width: 200, ellipsis: true, render: (_, row) => unitOf(row.unitId, row.unitName) },
          { title: t('evaluation.class'), dataIndex: 'class', render: (c: string) => <ClassTag code={c} /> },
          { title: t('evaluation.score'), dataIndex: 'score', align: 'right', render: (s: number | null) => formatNumber(s, 2) },
          {
            title: t('evaluation.policies.policy'),
            key: 'policy',
            render: (_, row) => (locale === 'en-US' && row.policyEn ? row.policyEn : row.policy),
          },
        ]}
      />
    </Space>
  );
}
