import { CheckCircleOutlined, DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, type ButtonProps, Popconfirm, Space, Table, Typography, theme } from 'antd';
import type { CompetitionIndicator, CompetitionScheme } from '../../../../src/contracts/index.js';
import { useFeedback } from '../../api/feedback-provider';
import { useT } from '../../i18n';
import { competitionApi } from './competition-api';
import { describeRule, describeSource, formatNumber, nameOf } from './competition';

type Row =
  | { kind: 'group'; key: string; name: string; points: number; count: number }
  | { kind: 'indicator'; key: string; indicator: CompetitionIndicator };

/**
 * 指标体系: the tree as a table, each group (一级指标) with the points of its indicators, each
 * indicator (二级指标) with its points, source and rule. The operator edits, activates or deletes
 * a draft here; once active, the system is frozen for the year.
 */
export function IndicatorsTab({
  scheme,
  canManage,
  onEdit,
  onSaved,
  onConflict,
  onDeleted,
}: {
  scheme: CompetitionScheme;
  canManage: boolean;
  onEdit: () => void;
  onSaved: (scheme: CompetitionScheme) => void;
  onConflict: () => void;
  onDeleted: () => void;
}) {
  const { t, locale } = useT();
  const { message } = App.useApp();
  const feedback = useFeedback();
  const { token } = theme.useToken();
  const isDraft = scheme.status === 'draft';

  const activate = useMutation({
    mutationFn: () => competitionApi.activate(scheme.id, scheme.version),
    onSuccess: (next) => {
      message.success(t('competition.activated'));
      onSaved(next);
    },
    onError: (error) => feedback(error, { onConflict }),
  });
  const remove = useMutation({
    mutationFn: () => competitionApi.remove(scheme.id),
    onSuccess: () => {
      message.success(t('competition.deleted'));
      onDeleted();
    },
    onError: (error) => feedback(error, { onConflict }),
  });

  const rows: Row[] = scheme.groups.flatMap((group) => [
    {
      kind: 'group' as const,
      key: group.key,
      name: nameOf(group, locale),
      points: group.indicators.reduce((sum, indicator) => sum + indicator.points, 0),
      count: group.indicators.length,
    },
    ...group.indicators.map((indicator) => ({ kind: 'indicator' as const, key: indicator.key, indicator })),
  ]);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {isDraft ? (
        <Alert type="info" showIcon title={t('competition.draftHint')} data-testid="scheme-draft-hint" />
      ) : (
        <Alert type="success" showIcon title={t('competition.frozenHint')} data-testid="scheme-frozen-hint" />
      )}
      {canManage && isDraft ? (
        <Space wrap>
          <Button icon={<EditOutlined />} onClick={onEdit} data-testid="scheme-edit">
            {t('competition.edit')}
          </Button>
          <Popconfirm
            title={t('competition.activateConfirm')}
            description={<div style={{ maxWidth: 360 }}>{t('competition.activateConfirmDetail')}</div>}
            okText={t('competition.activate')}
            cancelText={t('common.cancel')}
            okButtonProps={{ 'data-testid': 'scheme-activate-ok' } as ButtonProps}
            onConfirm={() => activate.mutateAsync().catch(() => undefined)}
          >
            <Button type="primary" icon={<CheckCircleOutlined />} loading={activate.isPending} data-testid="scheme-activate">
              {t('competition.activate')}
            </Button>
          </Popconfirm>
          <Popconfirm
            title={t('competition.deleteConfirm', { title: scheme.title })}
            okText={t('competition.delete')}
            okButtonProps={{ danger: true, 'data-testid': 'scheme-delete-ok' } as ButtonProps}
            cancelText={t('common.cancel')}
            onConfirm={() => remove.mutateAsync().catch(() => undefined)}
          >
            <Button danger icon={<DeleteOutlined />} loading={remove.isPending} data-testid="scheme-delete">
              {t('competition.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ) : null}
      <Table<Row>
        data-testid="indicator-table"
        rowKey={(row) => `${row.kind}-${row.key}`}
        size="small"
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        onRow={(row) => (row.kind === 'group' ? { style: { background: token.colorFillAlter, fontWeight: 600 } } : {})}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={2}>
              <strong>{t('competition.fullPoints')}</strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">
              <strong data-testid="indicator-total">{formatNumber(scheme.fullPoints, 2)}</strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={3} colSpan={2} />
          </Table.Summary.Row>
        )}
        columns={[
          {
            title: t('competition.indicator'),
            key: 'name',
            render: (_, row) =>
              row.kind === 'group' ? (
                <span data-testid={`indicator-group-${row.key}`}>{row.name}</span>
              ) : (
                <span style={{ paddingInlineStart: 24 }} data-testid={`indicator-row-${row.key}`}>
                  {nameOf(row.indicator, locale)}
                </span>
              ),
          },
          {
            title: t('competition.key'),
            key: 'key',
            render: (_, row) => <Typography.Text type="secondary">{row.key}</Typography.Text>,
          },
          {
            title: t('competition.points'),
            key: 'points',
            align: 'right',
            render: (_, row) => formatNumber(row.kind === 'group' ? row.points : row.indicator.points, 2),
          },
          {
            title: t('competition.source'),
            key: 'source',
            render: (_, row) =>
              row.kind === 'group' ? (
                <Typography.Text type="secondary">{t('competition.indicatorCount', { count: row.count })}</Typography.Text>
              ) : (
                describeSource(row.indicator.source, locale)
              ),
          },
          {
            title: t('competition.rule'),
            key: 'rule',
            render: (_, row) =>
              row.kind === 'group' ? null : (
                <span style={{ display: 'inline-block', maxWidth: 520, whiteSpace: 'normal' }}>
                  <Typography.Text type="secondary">{t(`competition.ruleKind.${row.indicator.rule.kind}`)}</Typography.Text>
                  {t('competition.ruleSeparator')}
                  {describeRule(row.indicator, locale)}
                </span>
              ),
          },
        ]}
      />
    </Space>
  );
}
