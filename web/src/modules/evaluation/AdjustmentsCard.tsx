import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { type Adjustment, type AdjustmentItem, CreateAdjustmentSchema, type Locale } from '../../../../src/contracts/index.js';
import { useFeedback } from '../../api/feedback-provider';
import { LoadError } from '../../components/LoadError';
import { clearErrorsOnChange } from '../../lib/form-errors';
import { useT } from '../../i18n';
import { formatDateTime } from '../../lib/time';
import { parseForm } from '../../lib/zod-form';
import { evaluationApi } from './evaluation-api';
import { yearOptions } from './evaluation-query';
import { adjustmentItemsOf } from './method-config';

function itemName(item: AdjustmentItem | undefined, key: string, locale: Locale): string {
  if (!item) return key;
  return locale === 'en-US' ? item.nameEn : item.nameZh;
}

/**
 * 加减分: the bonus and penalty entries of a year, each for one enterprise with its evidence,
 * entered by the city before the run (a run adds them to the score within the item's maximum).
 */
export function AdjustmentsCard({ defaultYear }: { defaultYear: number }) {
  const { t, locale } = useT();
  const feedback = useFeedback();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [year, setYear] = useState<number | undefined>(undefined);
  const [adding, setAdding] = useState(false);
  const shown = year ?? defaultYear;
  const entries = useQuery({ queryKey: ['evaluation', 'adjustments', shown], queryFn: () => evaluationApi.adjustments(shown) });
  const methods = useQuery({ queryKey: ['evaluation', 'methods'], queryFn: () => evaluationApi.methods() });
  const items = useMemo(() => adjustmentItemsOf(methods.data?.items ?? []), [methods.data]);
  const remove = useMutation({
    mutationFn: (id: number) => evaluationApi.deleteAdjustment(id),
    onSuccess: async () => {
      message.success(t('evaluation.adjustments.deleted'));
      await queryClient.invalidateQueries({ queryKey: ['evaluation', 'adjustments'] });
    },
    onError: (error) => feedback(error),
  });

  return (
    <Card
      size="small"
      title={t('evaluation.adjustments.title')}
      style={{ marginTop: 16 }}
      data-testid="adjustments"
      extra={
        <Space>
          <Select<number>
            style={{ width: 120 }}
            value={shown}
            onChange={setYear}
            data-testid="adjustment-year"
            options={yearOptions(new Date().getFullYear()).map((y) => ({ value: y, label: t('evaluation.yearLabel', { year: y }) }))}
          />
          <Button
            type="primary"
            size="small"
            icon={<PlusOutlined />}
            disabled={!items.length}
            onClick={() => setAdding(true)}
            data-testid="adjustment-add"
          >
            {t('evaluation.adjustments.add')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('evaluation.adjustments.hint')}</Typography.Paragraph>
      {entries.error ? <LoadError error={entries.error} onRetry={() => void entries.refetch()} /> : null}
      <Table<Adjustment>
        data-testid="adjustment-table"
        rowKey="id"
        size="small"
        loading={entries.isFetching}
        dataSource={entries.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={(entries.data?.items.length ?? 0) > 20 ? { pageSize: 20 } : false}
        locale={{ emptyText: <Empty description={t('evaluation.adjustments.none', { year: shown })} /> }}
        columns={[
          { title: t('evaluation.enterprise'), dataIndex: 'enterpriseName' },
          {
            title: t('evaluation.adjustments.item'),
            dataIndex: 'itemKey',
            render: (key: string) => {
              const item = items.find((i) => i.key === key);
              return (
                <Space size={4}>
                  {item ? <Tag color={item.kind === 'bonus' ? 'green' : 'red'}>{t(`evaluation.adjustmentKind.${item.kind}`)}</Tag> : null}
                  {itemName(item, key, locale)}
                </Space>
              );
            },
          },
          { title: t('evaluation.adjustments.points'), dataIndex: 'points', align: 'right' },
          {
            title: t('evaluation.adjustments.evidence'),
            dataIndex: 'evidence',
            render: (evidence: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{evidence}</span>,
          },
          { title: t('evaluation.adjustments.createdAt'), dataIndex: 'createdAt', render: (at: string) => formatDateTime(at) },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, row) => (
              <Popconfirm title={t('evaluation.adjustments.confirmDelete')} onConfirm={() => remove.mutate(row.id)}>
                <Button size="small" danger icon={<DeleteOutlined />} data-testid={`adjustment-delete-${row.id}`}>
                  {t('evaluation.adjustments.delete')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      {adding ? <AdjustmentModal year={shown} items={items} onClose={() => setAdding(false)} /> : null}
    </Card>
  );
}

interface Values {
  enterpriseId?: number;
  itemKey?: string;
  points?: number | null;
  evidence?: string;
}

/** The search's enterprises as options, the one already chosen kept first when the search no longer finds it. */
function enterpriseOptions(
  found: readonly { enterpriseId: number; name: string; uscc: string }[],
  picked: { value: number; label: string } | null,
) {
  const options = found.map((e) => ({ value: e.enterpriseId, label: `${e.name} · ${e.uscc}` }));
  return picked && !options.some((o) => o.value === picked.value) ? [picked, ...options] : options;
}

function AdjustmentModal({ year, items, onClose }: { year: number; items: AdjustmentItem[]; onClose: () => void }) {
  const { t, locale } = useT();
  const feedback = useFeedback();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [search, setSearch] = useState('');
  /** The enterprise chosen stays an option while later searches load other ones. */
  const [picked, setPicked] = useState<{ value: number; label: string } | null>(null);
  const itemKey = Form.useWatch('itemKey', form);
  const item = items.find((i) => i.key === itemKey);
  const enterprises = useQuery({
    queryKey: ['evaluation', 'register', 'pick', search],
    queryFn: () => evaluationApi.register({ q: search || undefined, page: 1, pageSize: 20 }),
  });
  const save = useMutation({
    mutationFn: async (values: Values) =>
      await evaluationApi.createAdjustment(
        parseForm(
          CreateAdjustmentSchema,
          {
            year,
            enterpriseId: values.enterpriseId,
            itemKey: values.itemKey,
            points: values.points ?? undefined,
            evidence: values.evidence ?? '',
          },
          locale,
        ),
      ),
    onSuccess: async () => {
      message.success(t('evaluation.adjustments.saved'));
      await queryClient.invalidateQueries({ queryKey: ['evaluation', 'adjustments'] });
      onClose();
    },
    onError: (error) => feedback(error, { form }),
  });

  return (
    <Modal
      open
      title={t('evaluation.adjustments.addTitle', { year })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'adjustment-save' }}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(values) => save.mutate(values)}
        onValuesChange={clearErrorsOnChange(form)}
        data-testid="adjustment-form"
      >
        <Form.Item name="enterpriseId" label={t('evaluation.enterprise')} required>
          <Select<number>
            showSearch={{ filterOption: false, onSearch: setSearch }}
            loading={enterprises.isFetching}
            placeholder={t('evaluation.adjustments.enterpriseHint')}
            options={enterpriseOptions(enterprises.data?.items ?? [], picked)}
            onChange={(_value, option) => setPicked(option && !Array.isArray(option) ? (option as { value: number; label: string }) : null)}
            notFoundContent={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
            data-testid="adjustment-enterprise"
          />
        </Form.Item>
        <Form.Item name="itemKey" label={t('evaluation.adjustments.item')} required>
          <Select<string>
            options={items.map((i) => ({
              value: i.key,
              label: `${t(`evaluation.adjustmentKind.${i.kind}`)} · ${itemName(i, i.key, locale)}`,
            }))}
            data-testid="adjustment-item"
          />
        </Form.Item>
        <Form.Item
          name="points"
          label={t('evaluation.adjustments.points')}
          extra={item ? t('evaluation.adjustments.pointsHint', { points: item.points, max: item.maxPoints }) : undefined}
        >
          <InputNumber<number>
            min={0}
            max={item?.maxPoints ?? 100}
            step={0.5}
            placeholder={item ? String(item.points) : undefined}
            style={{ width: 160 }}
            data-testid="adjustment-points"
          />
        </Form.Item>
        <Form.Item name="evidence" label={t('evaluation.adjustments.evidence')} required>
          <Input.TextArea
            rows={3}
            maxLength={2000}
            showCount
            placeholder={t('evaluation.adjustments.evidenceHint')}
            data-testid="adjustment-evidence"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
