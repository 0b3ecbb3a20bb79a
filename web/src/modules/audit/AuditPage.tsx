import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, AutoComplete, Button, Col, DatePicker, Form, Input, Row, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { AUDIT_RESULTS, type AuditRecord, type AuditResult, type AuditVerify, ROLES, type Role } from '../../../../src/contracts/index.js';
import { type AuditFilter, api } from '../../api/endpoints';
import { useFeedback } from '../../api/feedback-provider';
import { useCan } from '../../app/session';
import { LoadError } from '../../components/LoadError';
import { PageContainer } from '../../components/PageContainer';
import { SearchBar } from '../../components/SearchBar';
import { useT } from '../../i18n';
import { zhCN } from '../../i18n/zh-CN';
import { formatDateTime } from '../../lib/time';
import { useListState } from '../../lib/use-list-state';
import { actionPrefixes, auditFilterFrom } from './audit-filter';

interface SearchValues {
  range?: [Dayjs | null, Dayjs | null] | null;
  actor?: string;
  action?: string;
  result?: AuditResult;
  targetType?: string;
  targetId?: string;
  requestId?: string;
}

/** Actions and target types the UI has names for (from the dictionary, so the lists cannot drift apart). */
const KNOWN_ACTIONS = Object.keys(zhCN)
  .filter((key) => key.startsWith('auditAction.'))
  .map((key) => key.slice('auditAction.'.length));
const KNOWN_TARGET_TYPES = Object.keys(zhCN)
  .filter((key) => key.startsWith('targetType.'))
  .map((key) => key.slice('targetType.'.length));
const RESULT_COLORS: Record<AuditResult, string> = { success: 'green', denied: 'orange', failure: 'red' };
const WALL_CLOCK = 'YYYY-MM-DDTHH:mm:ss';

function isRole(value: string | null): value is Role {
  return value !== null && (ROLES as readonly string[]).includes(value);
}

function Json({ value }: { value: unknown }) {
  return (
    <pre style={{ margin: 0, maxHeight: 320, overflow: 'auto', fontSize: 12, background: 'rgba(0,0,0,0.03)', padding: 8, borderRadius: 4 }}>
      {value === null || value === undefined ? '—' : JSON.stringify(value, null, 2)}
    </pre>
  );
}

export default function AuditPage() {
  const { t, tOr } = useT();
  const can = useCan();
  const feedback = useFeedback();
  const { message } = App.useApp();
  const [searchForm] = Form.useForm<SearchValues>();
  const list = useListState<AuditFilter>({});
  const [verifyResult, setVerifyResult] = useState<AuditVerify | null>(null);

  const query = { ...list.filter, page: list.page, pageSize: list.pageSize };
  const records = useQuery({ queryKey: ['audit', 'list', query], queryFn: () => api.audit.list(query), placeholderData: keepPreviousData });

  const verify = useMutation({
    mutationFn: api.audit.verify,
    onSuccess: setVerifyResult,
    onError: (error) => feedback(error),
  });
  const exportFile = useMutation({
    mutationFn: () => api.audit.export(list.filter, `audit-${dayjs().format('YYYY-MM-DD')}.xlsx`),
    onSuccess: () => message.success(t('audit.exported')),
    onError: (error) => feedback(error),
  });

  const actionLabel = (action: string) => tOr(`auditAction.${action}`, action);
  const targetLabel = (type: string) => tOr(`targetType.${type}`, type);

  if (records.error && !records.data) return <LoadError error={records.error} onRetry={() => void records.refetch()} />;

  return (
    <PageContainer
      title={t('audit.title')}
      extra={
        <Space>
          <Button
            icon={<SafetyCertificateOutlined />}
            loading={verify.isPending}
            onClick={() => verify.mutate()}
            data-testid="audit-verify"
          >
            {t('audit.verify')}
          </Button>
          {can('audit.export') ? (
            <Button
              icon={<DownloadOutlined />}
              loading={exportFile.isPending}
              onClick={() => exportFile.mutate()}
              data-testid="audit-export"
            >
              {t('audit.export')}
            </Button>
          ) : null}
        </Space>
      }
    >
      {verifyResult ? (
        <Alert
          data-testid="audit-verify-result"
          style={{ marginBottom: 16 }}
          showIcon
          type={verifyResult.ok ? 'success' : 'error'}
          title={verifyResult.message}
          description={
            verifyResult.brokenAt ? t('audit.brokenAt', { id: verifyResult.brokenAt.id, reason: verifyResult.brokenAt.reason }) : undefined
          }
          closable={{ onClose: () => setVerifyResult(null) }}
        />
      ) : null}
      <SearchBar<SearchValues>
        form={searchForm}
        onSearch={(values) =>
          list.setFilter(
            auditFilterFrom({
              ...values,
              range: values.range ? [values.range[0]?.format(WALL_CLOCK) ?? null, values.range[1]?.format(WALL_CLOCK) ?? null] : null,
            }),
          )
        }
      >
        <Form.Item name="range" label={t('audit.timeRange')}>
          <DatePicker.RangePicker
            showTime={{ defaultOpenValue: [dayjs('00:00:00', 'HH:mm:ss'), dayjs('23:59:59', 'HH:mm:ss')] }}
            allowEmpty={[true, true]}
            style={{ width: 360 }}
          />
        </Form.Item>
        <Form.Item name="actor" label={t('audit.actor')}>
          <Input allowClear style={{ width: 140 }} data-testid="audit-actor" />
        </Form.Item>
        <Form.Item name="action" label={t('audit.actionPrefix')}>
          <AutoComplete
            allowClear
            style={{ width: 220 }}
            options={[...actionPrefixes(KNOWN_ACTIONS), ...KNOWN_ACTIONS].map((value) => ({
              value,
              label: value.endsWith('.') ? value : `${value} · ${actionLabel(value)}`,
            }))}
            showSearch={{
              filterOption: (input, option) =>
                String(option?.label ?? '')
                  .toLowerCase()
                  .includes(input.toLowerCase()),
            }}
          />
        </Form.Item>
        <Form.Item name="result" label={t('audit.result')}>
          <Select<AuditResult>
            allowClear
            placeholder={t('common.all')}
            style={{ width: 110 }}
            options={AUDIT_RESULTS.map((value) => ({ value, label: t(`auditResult.${value}`) }))}
          />
        </Form.Item>
        <Form.Item name="targetType" label={t('audit.targetType')}>
          <Select<string>
            allowClear
            placeholder={t('common.all')}
            style={{ width: 140 }}
            options={KNOWN_TARGET_TYPES.map((value) => ({ value, label: targetLabel(value) }))}
          />
        </Form.Item>
        <Form.Item name="targetId" label={t('audit.targetId')}>
          <Input allowClear style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="requestId" label={t('audit.requestId')}>
          <Input allowClear style={{ width: 260 }} data-testid="audit-request-id" />
        </Form.Item>
      </SearchBar>
      <Table<AuditRecord>
        data-testid="audit-table"
        rowKey="id"
        size="middle"
        loading={records.isFetching}
        dataSource={records.data?.items}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: list.page,
          pageSize: list.pageSize,
          total: records.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: list.setPage,
        }}
        expandable={{
          rowExpandable: (record) => record.before != null || record.after != null,
          expandedRowRender: (record) => (
            <Row gutter={16}>
              <Col span={12}>
                <Typography.Text strong>{t('audit.before')}</Typography.Text>
                <Json value={record.before} />
              </Col>
              <Col span={12}>
                <Typography.Text strong>{t('audit.after')}</Typography.Text>
                <Json value={record.after} />
              </Col>
            </Row>
          ),
        }}
        columns={[
          { title: '#', dataIndex: 'id', width: 70 },
          { title: t('audit.time'), dataIndex: 'occurredAt', width: 170, render: (value: string) => formatDateTime(value) },
          {
            title: t('audit.actor'),
            dataIndex: 'actorUsername',
            width: 120,
            render: (name: string | null) => name ?? <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>,
          },
          {
            title: t('audit.actorRole'),
            dataIndex: 'actorRole',
            width: 130,
            render: (role: string | null) => (isRole(role) ? t(`role.${role}`) : (role ?? '—')),
          },
          {
            title: t('audit.action'),
            dataIndex: 'action',
            render: (action: string) => (
              <Space orientation="vertical" size={0}>
                <span>{actionLabel(action)}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }} code>
                  {action}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('audit.target'),
            key: 'target',
            render: (_, record) =>
              record.targetType ? `${targetLabel(record.targetType)}${record.targetId ? ` #${record.targetId}` : ''}` : '—',
          },
          {
            title: t('audit.result'),
            dataIndex: 'result',
            width: 90,
            render: (result: AuditResult) => <Tag color={RESULT_COLORS[result]}>{t(`auditResult.${result}`)}</Tag>,
          },
          { title: t('audit.ip'), dataIndex: 'sourceIp', width: 130, render: (ip: string | null) => ip ?? '—' },
          {
            title: t('audit.requestId'),
            dataIndex: 'requestId',
            width: 150,
            render: (id: string | null) =>
              id ? (
                <Typography.Text copyable={{ text: id }} style={{ fontSize: 12 }} ellipsis={{ tooltip: id }}>
                  {id.slice(0, 8)}
                </Typography.Text>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </PageContainer>
  );
}
