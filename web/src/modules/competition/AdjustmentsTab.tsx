import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  type ButtonProps,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import {
  COMPETITION_LIMITS,
  type CompetitionAdjustment,
  type CompetitionPeriod,
  type CompetitionScheme,
} from '../../../../src/contracts/index.js';
import { useState } from 'react';
import { useFeedback } from '../../api/feedback-provider';
import { LoadError } from '../../components/LoadError';
import { useT } from '../../i18n';
import { clearErrorsOnChange } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/time';
import { useUnitLabel } from '../projects/shared/hooks';
import { competitionApi } from './competition-api';
import { DocumentLink } from './DocumentLink';
import { EvidenceField, PeriodPicker } from './labels';
import { SignedPoints } from './ResultsTab';
import { type AdjustmentFormValues, parseAdjustment } from './scheme-form';
import { schemeKey, useCompetingUnits, usePublication, useRefreshAfterRefusal } from './use-competition';

/**
 * 加减分: the bonus (+) and penalty (−) items of a period, each for one unit with its reason and
 * evidence; they are added to the unit's indicator points. The operator adds and removes them
 * while the scheme is active.
 */
export function AdjustmentsTab({
  scheme,
  period,
  onPeriod,
  canEdit,
  canManage,
}: {
  scheme: CompetitionScheme;
  period: CompetitionPeriod;
  onPeriod: (period: CompetitionPeriod) => void;
  canEdit: boolean;
  canManage: boolean;
}) {
  const { t } = useT();
  const unitOf = useUnitLabel();
  const feedback = useFeedback();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [adding, setAdding] = useState(false);
  /** A published period is the official record: its bonus and penalty items no longer change. */
  const published = Boolean(usePublication(scheme, period));
  const editable = canEdit && !published;
  const refreshAfterRefusal = useRefreshAfterRefusal(scheme, period);
  const key = [...schemeKey(scheme.id), 'adjustments', period];
  const adjustments = useQuery({
    queryKey: key,
    queryFn: () => competitionApi.adjustments(scheme.id, period),
    placeholderData: keepPreviousData,
  });
  const remove = useMutation({
    mutationFn: (adjustmentId: number) => competitionApi.removeAdjustment(scheme.id, adjustmentId),
    onSuccess: () => {
      message.success(t('competition.adjustmentDeleted'));
      void queryClient.invalidateQueries({ queryKey: [...schemeKey(scheme.id), 'adjustments'] });
      void queryClient.invalidateQueries({ queryKey: [...schemeKey(scheme.id), 'results'] });
    },
    onError: (error) => {
      feedback(error);
      refreshAfterRefusal(error);
    },
  });

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Flex gap={12} wrap align="center" justify="space-between">
        <PeriodPicker year={scheme.year} value={period} onChange={onPeriod} testId="adjustments-period" />
        {editable ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="adjustment-add">
            {t('competition.addAdjustment')}
          </Button>
        ) : null}
      </Flex>
      {canManage && scheme.status === 'draft' ? (
        <Alert type="info" showIcon title={t('competition.enterAfterActivation')} data-testid="adjustments-draft" />
      ) : null}
      {published ? <Alert type="info" showIcon title={t('competition.periodPublished')} data-testid="adjustments-published" /> : null}
      {editable ? (
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('competition.adjustmentsHint', { max: COMPETITION_LIMITS.adjustmentMax })}
        </Typography.Paragraph>
      ) : null}
      {adjustments.error && !adjustments.data ? (
        <LoadError error={adjustments.error} onRetry={() => void adjustments.refetch()} />
      ) : (
        <Table<CompetitionAdjustment>
          data-testid="adjustments-table"
          rowKey="id"
          size="small"
          loading={adjustments.isFetching}
          dataSource={adjustments.data?.items ?? []}
          pagination={(adjustments.data?.items.length ?? 0) > 20 ? { pageSize: 20 } : false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={t('competition.noAdjustments')} /> }}
          columns={[
            { title: t('competition.unit'), dataIndex: 'unitId', render: (unitId: number) => unitOf(unitId) },
            {
              title: t('competition.adjustmentPoints'),
              dataIndex: 'points',
              align: 'right',
              render: (points: number, row) => <SignedPoints points={points} testId={`adjustment-points-${row.id}`} />,
            },
            { title: t('competition.reason'), dataIndex: 'reason' },
            {
              title: t('competition.evidence'),
              dataIndex: 'evidence',
              render: (evidence: string) => (
                <Typography.Paragraph ellipsis={{ rows: 2, tooltip: evidence }} style={{ margin: 0, maxWidth: 320 }}>
                  {evidence}
                </Typography.Paragraph>
              ),
            },
            {
              title: t('competition.evidenceFile'),
              key: 'file',
              render: (_: unknown, row: CompetitionAdjustment) => (
                <DocumentLink
                  name={row.file?.name ?? null}
                  editable={editable}
                  testId={`adjustment-file-${row.id}`}
                  download={() => competitionApi.file(scheme.id, row.id, row.file?.name ?? 'evidence')}
                  upload={async (file) => {
                    await competitionApi.attachFile(scheme.id, row.id, file);
                    await queryClient.invalidateQueries({ queryKey: [...schemeKey(scheme.id), 'adjustments'] });
                  }}
                  onError={refreshAfterRefusal}
                />
              ),
            },
            { title: t('competition.createdBy'), dataIndex: 'createdBy', render: (name: string | null) => name ?? '—' },
            { title: t('competition.createdAt'), dataIndex: 'createdAt', render: (at: string) => formatDateTime(at) },
            ...(editable
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    render: (_: unknown, row: CompetitionAdjustment) => (
                      <Popconfirm
                        title={t('competition.adjustmentDeleteConfirm')}
                        okText={t('competition.delete')}
                        okButtonProps={{ danger: true }}
                        cancelText={t('common.cancel')}
                        onConfirm={() => remove.mutateAsync(row.id).catch(() => undefined)}
                      >
                        <Button size="small" danger icon={<DeleteOutlined />} data-testid={`adjustment-delete-${row.id}`}>
                          {t('competition.delete')}
                        </Button>
                      </Popconfirm>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {adding && editable ? <AdjustmentModal scheme={scheme} period={period} onClose={() => setAdding(false)} /> : null}
    </Space>
  );
}

function AdjustmentModal({ scheme, period, onClose }: { scheme: CompetitionScheme; period: CompetitionPeriod; onClose: () => void }) {
  const { t, locale } = useT();
  const unitOf = useUnitLabel();
  const feedback = useFeedback();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<AdjustmentFormValues>();
  const competing = useCompetingUnits(scheme, period);
  const refreshAfterRefusal = useRefreshAfterRefusal(scheme, period);
  const max = COMPETITION_LIMITS.adjustmentMax;

  const save = useMutation({
    mutationFn: async (values: AdjustmentFormValues) =>
      await competitionApi.addAdjustment(scheme.id, parseAdjustment(period, values, locale)),
    onSuccess: () => {
      message.success(t('competition.adjustmentSaved'));
      void queryClient.invalidateQueries({ queryKey: [...schemeKey(scheme.id), 'adjustments'] });
      void queryClient.invalidateQueries({ queryKey: [...schemeKey(scheme.id), 'results'] });
      onClose();
    },
    onError: (error) => {
      feedback(error, { form });
      refreshAfterRefusal(error);
    },
  });

  return (
    <Modal
      open
      title={t('competition.addAdjustmentTitle', { period: t(`competition.period.${period}`) })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'adjustment-save' } as ButtonProps}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<AdjustmentFormValues>
        form={form}
        layout="vertical"
        onFinish={(values) => save.mutate(values)}
        onValuesChange={clearErrorsOnChange(form)}
        data-testid="adjustment-form"
      >
        <Form.Item name="unitId" label={t('competition.unit')} required>
          <Select<number>
            showSearch={{ optionFilterProp: 'label' }}
            loading={competing.isLoading}
            options={competing.units.map((unit) => ({ value: unit.unitId, label: unitOf(unit.unitId, unit.unitName) }))}
            notFoundContent={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('competition.noUnits')} />}
            data-testid="adjustment-unit"
          />
        </Form.Item>
        <Form.Item name="points" label={t('competition.adjustmentPoints')} required extra={t('competition.adjustmentPointsHint', { max })}>
          <InputNumber<number> min={-max} max={max} step={0.5} precision={2} style={{ width: 160 }} data-testid="adjustment-points" />
        </Form.Item>
        <Form.Item name="reason" label={t('competition.reason')} required>
          <Input maxLength={200} placeholder={t('competition.reasonHint')} data-testid="adjustment-reason" />
        </Form.Item>
        <EvidenceField testId="adjustment-evidence" />
      </Form>
    </Modal>
  );
}
