import { EditOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Empty,
  Flex,
  Form,
  InputNumber,
  Modal,
  Space,
  Table,
  type TableColumnsType,
  Tooltip,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import type { CompetitionEntry, CompetitionIndicator, CompetitionPeriod, CompetitionScheme } from '../../../../src/contracts/index.js';
import { useFeedback } from '../../api/feedback-provider';
import { LoadError } from '../../components/LoadError';
import { useT } from '../../i18n';
import { clearErrorsOnChange } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/time';
import { useUnitLabel } from '../projects/shared/hooks';
import { competitionApi } from './competition-api';
import { DocumentLink } from './DocumentLink';
import { describeRule, formatNumber, formatValue, indicatorsOf, nameOf } from './competition';
import { EvidenceField, PeriodPicker } from './labels';
import { type EntryFormValues, parseEntry } from './scheme-form';
import { schemeKey, useCompetingUnits, usePublication, useRefreshAfterRefusal } from './use-competition';

interface Unit {
  unitId: number;
  unitName: string;
}

interface Editing {
  unit: Unit;
  indicator: CompetitionIndicator;
  entry: CompetitionEntry | undefined;
}

/**
 * 录入指标: the values of the indicators whose source is "entered", one per unit and period,
 * each with its evidence and who entered it when. The operator edits a cell in a small dialog
 * while the scheme is active.
 */
export function EntriesTab({
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
  const { t, locale } = useT();
  const unitOf = useUnitLabel();
  const [editing, setEditing] = useState<Editing | null>(null);
  const indicators = useMemo(
    () => indicatorsOf(scheme.groups).filter(({ indicator }) => indicator.source.kind === 'entered'),
    [scheme.groups],
  );
  const entries = useQuery({
    queryKey: [...schemeKey(scheme.id), 'entries', period],
    queryFn: () => competitionApi.entries(scheme.id, period),
    placeholderData: keepPreviousData,
    enabled: indicators.length > 0,
  });
  const competing = useCompetingUnits(scheme, period);
  /** A published period is the official record: its values no longer change. */
  const published = Boolean(usePublication(scheme, period));
  const editable = canEdit && !published;
  const queryClient = useQueryClient();
  const refreshAfterRefusal = useRefreshAfterRefusal(scheme, period);

  /** The competing units, and any unit with an entry the results do not list. */
  const units: Unit[] = useMemo(() => {
    const out = [...competing.units];
    for (const entry of entries.data?.items ?? []) {
      if (!out.some((unit) => unit.unitId === entry.unitId)) out.push({ unitId: entry.unitId, unitName: unitOf(entry.unitId) });
    }
    return out;
  }, [competing.units, entries.data, unitOf]);

  if (indicators.length === 0) {
    return <Empty description={t('competition.noEnteredIndicators')} data-testid="entries-none" />;
  }
  const entryOf = (unitId: number, key: string) =>
    entries.data?.items.find((entry) => entry.unitId === unitId && entry.indicatorKey === key && entry.period === period);

  const columns: TableColumnsType<Unit> = [
    {
      title: t('competition.unit'),
      key: 'unit',
      fixed: 'left',
      width: 240,
      render: (_, unit) => <span data-testid={`entry-unit-${unit.unitId}`}>{unitOf(unit.unitId, unit.unitName)}</span>,
    },
    ...indicators.map(({ indicator }) => ({
      title: (
        <Tooltip title={describeRule(indicator, locale)}>
          <span>{t('competition.nameWithPoints', { name: nameOf(indicator, locale), points: formatNumber(indicator.points, 2) })}</span>
        </Tooltip>
      ),
      key: indicator.key,
      width: 360,
      render: (_: unknown, unit: Unit) => {
        const entry = entryOf(unit.unitId, indicator.key);
        const testId = `entry-${unit.unitId}-${indicator.key}`;
        return (
          <Flex gap={8} align="start" justify="space-between" data-testid={testId}>
            {entry ? (
              <Flex vertical style={{ minWidth: 0 }}>
                <strong data-testid={`${testId}-value`}>{formatValue(indicator.source, entry.value, locale)}</strong>
                <Typography.Paragraph ellipsis={{ rows: 2, tooltip: entry.evidence }} style={{ margin: 0, maxWidth: 300 }}>
                  {entry.evidence}
                </Typography.Paragraph>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('competition.enteredBy', { name: entry.enteredBy ?? '—', at: formatDateTime(entry.enteredAt) })}
                </Typography.Text>
              </Flex>
            ) : (
              <Typography.Text type="secondary">{t('competition.notEntered')}</Typography.Text>
            )}
            {editable ? (
              <Tooltip title={t('competition.editEntry')}>
                <Button
                  size="small"
                  type="text"
                  icon={<EditOutlined />}
                  aria-label={t('competition.editEntry')}
                  onClick={() => setEditing({ unit, indicator, entry })}
                  data-testid={`${testId}-edit`}
                />
              </Tooltip>
            ) : null}
          </Flex>
        );
      },
    })),
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <PeriodPicker year={scheme.year} value={period} onChange={onPeriod} testId="entries-period" />
      {canManage && scheme.status === 'draft' ? (
        <Alert type="info" showIcon title={t('competition.enterAfterActivation')} data-testid="entries-draft" />
      ) : null}
      {published ? <Alert type="info" showIcon title={t('competition.periodPublished')} data-testid="entries-published" /> : null}
      {competing.error ? (
        <Alert
          type="warning"
          showIcon
          title={t('competition.unitsUnavailable')}
          description={competing.error instanceof Error ? competing.error.message : undefined}
          data-testid="entries-units-error"
        />
      ) : null}
      {entries.data ? (
        <Descriptions
          size="small"
          bordered
          column={1}
          title={<Typography.Text strong>{t('competition.entryDocuments')}</Typography.Text>}
          extra={<Typography.Text type="secondary">{t('competition.entryDocumentsHint')}</Typography.Text>}
          data-testid="entry-documents"
          items={indicators.map(({ indicator }) => {
            const report = entries.data.documents.find((d) => d.indicatorKey === indicator.key);
            return {
              key: indicator.key,
              label: nameOf(indicator, locale),
              children: (
                <Space size={8} wrap>
                  <DocumentLink
                    name={report?.name ?? null}
                    editable={editable}
                    testId={`entry-document-${indicator.key}`}
                    download={() => competitionApi.entryDocument(scheme.id, period, indicator.key, report?.name ?? 'evidence')}
                    upload={async (file) => {
                      const answer = await competitionApi.attachEntryDocument(scheme.id, period, indicator.key, file);
                      queryClient.setQueryData([...schemeKey(scheme.id), 'entries', period], answer);
                    }}
                    remove={async () => {
                      const answer = await competitionApi.removeEntryDocument(scheme.id, period, indicator.key);
                      queryClient.setQueryData([...schemeKey(scheme.id), 'entries', period], answer);
                    }}
                    onError={refreshAfterRefusal}
                  />
                  {report ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('competition.enteredBy', { name: report.uploadedBy ?? '—', at: formatDateTime(report.uploadedAt) })}
                    </Typography.Text>
                  ) : null}
                </Space>
              ),
            };
          })}
        />
      ) : null}
      {entries.error && !entries.data ? (
        <LoadError error={entries.error} onRetry={() => void entries.refetch()} />
      ) : (
        <Table<Unit>
          data-testid="entries-table"
          rowKey="unitId"
          size="small"
          loading={entries.isFetching || competing.isLoading}
          dataSource={units}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={t('competition.noUnits')} /> }}
          columns={columns}
        />
      )}
      {editing && editable ? <EntryModal scheme={scheme} period={period} editing={editing} onClose={() => setEditing(null)} /> : null}
    </Space>
  );
}

/** One unit's value of one entered indicator: the value and its evidence, or cleared. */
function EntryModal({
  scheme,
  period,
  editing,
  onClose,
}: {
  scheme: CompetitionScheme;
  period: CompetitionPeriod;
  editing: Editing;
  onClose: () => void;
}) {
  const { t, locale } = useT();
  const unitOf = useUnitLabel();
  const feedback = useFeedback();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const refreshAfterRefusal = useRefreshAfterRefusal(scheme, period);
  const [form] = Form.useForm<EntryFormValues>();
  const target = { period, indicatorKey: editing.indicator.key, unitId: editing.unit.unitId };

  const save = useMutation({
    mutationFn: async ({ values, clear }: { values: EntryFormValues; clear: boolean }) =>
      await competitionApi.putEntry(scheme.id, parseEntry(target, values, locale, clear)),
    onSuccess: (answer, { clear }) => {
      queryClient.setQueryData([...schemeKey(scheme.id), 'entries', period], answer);
      void queryClient.invalidateQueries({ queryKey: [...schemeKey(scheme.id), 'results'] });
      message.success(t(clear ? 'competition.entryCleared' : 'competition.entrySaved'));
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
      title={t('competition.entryTitle', {
        unit: unitOf(editing.unit.unitId, editing.unit.unitName),
        indicator: nameOf(editing.indicator, locale),
        period: t(`competition.period.${period}`),
      })}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Flex justify="space-between">
          {editing.entry ? (
            <Button
              danger
              loading={save.isPending && save.variables?.clear === true}
              onClick={() => save.mutate({ values: form.getFieldsValue(), clear: true })}
              data-testid="entry-clear"
            >
              {t('competition.clearEntry')}
            </Button>
          ) : (
            <span />
          )}
          <Space>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button
              type="primary"
              loading={save.isPending && save.variables?.clear === false}
              onClick={() => form.submit()}
              data-testid="entry-save"
            >
              {t('common.save')}
            </Button>
          </Space>
        </Flex>
      }
    >
      <Form<EntryFormValues>
        form={form}
        layout="vertical"
        initialValues={{ value: editing.entry?.value ?? null, evidence: editing.entry?.evidence ?? '' }}
        onFinish={(values) => save.mutate({ values, clear: false })}
        onValuesChange={clearErrorsOnChange(form)}
        data-testid="entry-form"
      >
        <Typography.Paragraph type="secondary">
          {t('competition.entryRule', { rule: describeRule(editing.indicator, locale) })}
        </Typography.Paragraph>
        <Form.Item name="value" label={t('competition.value')} required>
          <InputNumber<number> min={-1e12} max={1e12} style={{ width: 200 }} data-testid="entry-value" />
        </Form.Item>
        <EvidenceField testId="entry-evidence" />
      </Form>
    </Modal>
  );
}
