import { CopyOutlined, EditOutlined, EyeOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Drawer, Empty, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { Method, MethodConfig } from '../../../../src/contracts/index.js';
import { useFeedback } from '../../api/feedback-provider';
import { useCan } from '../../app/session';
import { LoadError } from '../../components/LoadError';
import { PageContainer } from '../../components/PageContainer';
import { useT } from '../../i18n';
import { clearErrorsOnChange } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/time';
import { evaluationApi } from './evaluation-api';
import { checkMethodConfig } from './method-config';
import { MethodConfigView } from './MethodConfigView';
import { MethodFormModal } from './MethodFormModal';

type Preset = Awaited<ReturnType<typeof evaluationApi.presets>>['items'][number];
type Viewing = { title: string; config: MethodConfig; caveats?: string[] };
type Copying = { preset?: Preset; method?: Method };

/** 评价办法: the published presets and the city's methods (copies of them); view, copy, edit a method that is not frozen. */
export default function MethodsPage() {
  const { t, locale } = useT();
  const can = useCan();
  const presets = useQuery({ queryKey: ['evaluation', 'presets'], queryFn: evaluationApi.presets, staleTime: Number.POSITIVE_INFINITY });
  const methods = useQuery({ queryKey: ['evaluation', 'methods'], queryFn: evaluationApi.methods });
  const [viewing, setViewing] = useState<Viewing | null>(null);
  const [copying, setCopying] = useState<Copying | null>(null);
  const [editing, setEditing] = useState<{ method: Method; as: 'form' | 'json' } | null>(null);
  if (methods.error && !methods.data) return <LoadError error={methods.error} onRetry={() => void methods.refetch()} />;
  const configure = can('evaluation.configure');
  const presetName = (p: Preset) => (locale === 'en-US' ? p.nameEn : p.nameZh);

  return (
    <PageContainer title={t('evaluation.methods.title')}>
      <Card size="small" title={t('evaluation.methods.city')} style={{ marginBottom: 16 }}>
        <Table<Method>
          data-testid="method-table"
          rowKey="id"
          size="small"
          loading={methods.isFetching}
          dataSource={methods.data?.items ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={t('evaluation.methods.none')} /> }}
          columns={[
            { title: t('evaluation.methods.name'), dataIndex: 'name' },
            {
              title: t('evaluation.methods.basedOn'),
              dataIndex: 'basedOn',
              render: (basedOn: string | null) => {
                if (!basedOn) return '—';
                const preset = presets.data?.items.find((p) => `preset:${p.key}` === basedOn);
                if (preset) return presetName(preset);
                const method = methods.data?.items.find((m) => `method:${m.id}` === basedOn);
                return method?.name ?? basedOn;
              },
            },
            {
              title: t('common.status'),
              dataIndex: 'isFrozen',
              render: (frozen: boolean) =>
                frozen ? <Tag color="blue">{t('evaluation.methods.frozen')}</Tag> : <Tag>{t('evaluation.methods.editable')}</Tag>,
            },
            { title: t('common.updatedAt'), dataIndex: 'updatedAt', render: (iso: string) => formatDateTime(iso) },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_, method) => (
                <Space size={4}>
                  <Button size="small" icon={<EyeOutlined />} onClick={() => setViewing({ title: method.name, config: method.config })}>
                    {t('evaluation.methods.view')}
                  </Button>
                  {configure ? (
                    <Button size="small" icon={<CopyOutlined />} onClick={() => setCopying({ method })}>
                      {t('evaluation.methods.copy')}
                    </Button>
                  ) : null}
                  {configure && !method.isFrozen ? (
                    <Button
                      size="small"
                      icon={<EditOutlined />}
                      onClick={() => setEditing({ method, as: 'form' })}
                      data-testid="method-edit"
                    >
                      {t('common.edit')}
                    </Button>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('evaluation.methods.presets')}>
        <Table<Preset>
          data-testid="preset-table"
          rowKey="key"
          size="small"
          loading={presets.isFetching}
          dataSource={presets.data?.items ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('evaluation.methods.name'), key: 'name', render: (_, p) => presetName(p) },
            { title: t('evaluation.methods.source'), dataIndex: 'source', render: (s: string) => <Typography.Text>{s}</Typography.Text> },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_, preset) => (
                <Space size={4}>
                  <Button
                    size="small"
                    icon={<EyeOutlined />}
                    onClick={() => setViewing({ title: presetName(preset), config: preset.config, caveats: preset.caveats })}
                  >
                    {t('evaluation.methods.view')}
                  </Button>
                  {configure ? (
                    <Button
                      size="small"
                      icon={<CopyOutlined />}
                      onClick={() => setCopying({ preset })}
                      data-testid={`preset-copy-${preset.key}`}
                    >
                      {t('evaluation.methods.copy')}
                    </Button>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Drawer open={viewing !== null} title={viewing?.title} size="large" width={960} onClose={() => setViewing(null)} destroyOnHidden>
        {viewing ? (
          <Space direction="vertical" style={{ width: '100%' }}>
            {viewing.caveats?.length ? (
              <Alert type="warning" showIcon title={t('evaluation.methods.caveats')} description={viewing.caveats.join(' ')} />
            ) : null}
            <MethodConfigView config={viewing.config} />
          </Space>
        ) : null}
      </Drawer>
      {copying ? (
        <CopyMethodModal source={copying} presetName={copying.preset ? presetName(copying.preset) : ''} onClose={() => setCopying(null)} />
      ) : null}
      {editing?.as === 'form' ? (
        <MethodFormModal
          method={editing.method}
          onClose={() => setEditing(null)}
          onJson={() => setEditing({ method: editing.method, as: 'json' })}
        />
      ) : null}
      {editing?.as === 'json' ? <EditMethodModal method={editing.method} onClose={() => setEditing(null)} /> : null}
    </PageContainer>
  );
}

function CopyMethodModal({ source, presetName, onClose }: { source: Copying; presetName: string; onClose: () => void }) {
  const { t } = useT();
  const feedback = useFeedback();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ name: string; description?: string }>();
  const [saving, setSaving] = useState(false);
  const from = source.preset ? presetName : (source.method?.name ?? '');
  const submit = async (values: { name: string; description?: string }) => {
    setSaving(true);
    try {
      await evaluationApi.createMethod({
        name: values.name,
        description: values.description?.trim() ? values.description.trim() : null,
        ...(source.preset ? { copyOfPreset: source.preset.key } : { copyOfMethodId: source.method!.id }),
      });
      message.success(t('evaluation.methods.copied'));
      await queryClient.invalidateQueries({ queryKey: ['evaluation', 'methods'] });
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
      title={t('evaluation.methods.copyTitle', { name: from })}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form
        form={form}
        onValuesChange={clearErrorsOnChange(form)}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{ name: t('evaluation.methods.copyName', { name: from }) }}
      >
        <Form.Item
          name="name"
          label={t('evaluation.methods.name')}
          rules={[{ required: true, whitespace: true, message: t('evaluation.required') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="description" label={t('evaluation.methods.description')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Edit a method's configuration as JSON, checked against the contract schema (messages in the UI language) before it is sent. */
function EditMethodModal({ method, onClose }: { method: Method; onClose: () => void }) {
  const { t, locale } = useT();
  const feedback = useFeedback();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [name, setName] = useState(method.name);
  const [text, setText] = useState(() => JSON.stringify(method.config, null, 2));
  const [problems, setProblems] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const save = async () => {
    const checked = checkMethodConfig(text, locale, (m) => t('evaluation.methods.badJson', { message: m }));
    if (!checked.ok) {
      setProblems(checked.problems);
      return;
    }
    setProblems([]);
    setSaving(true);
    try {
      await evaluationApi.updateMethod(method.id, { version: method.version, name: name.trim() || method.name, config: checked.config });
      message.success(t('common.saved'));
      await queryClient.invalidateQueries({ queryKey: ['evaluation', 'methods'] });
      onClose();
    } catch (error) {
      feedback(error, { onMessage: (m) => setProblems([m]) });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      width={880}
      title={t('evaluation.methods.editTitle', { name: method.name })}
      onCancel={onClose}
      onOk={() => void save()}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'method-save' }}
      destroyOnHidden
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} addonBefore={t('evaluation.methods.name')} />
        <Typography.Text type="secondary">{t('evaluation.methods.editHint')}</Typography.Text>
        <Input.TextArea
          value={text}
          onChange={(e) => setText(e.target.value)}
          autoSize={{ minRows: 16, maxRows: 28 }}
          style={{ fontFamily: 'monospace', fontSize: 12 }}
          data-testid="method-config"
        />
        {problems.length ? (
          <Alert
            type="error"
            showIcon
            data-testid="method-problems"
            title={t('evaluation.methods.invalid')}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            }
          />
        ) : null}
      </Space>
    </Modal>
  );
}
