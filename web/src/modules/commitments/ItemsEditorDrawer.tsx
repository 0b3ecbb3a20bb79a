import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Drawer, Empty, Form, Input, InputNumber, Row, Select, Space, Typography } from 'antd';
import { AmendLetterSchema, ITEM_KINDS, type Letter, MILESTONE_KINDS, UpdateItemsSchema } from '../../../../src/contracts/index.js';
import { api } from '../../api/endpoints';
import { useT } from '../../i18n';
import { parseForm } from '../../lib/zod-form';
import { IsoDatePicker, MoneyInput } from '../projects/shared/inputs';
import { useFormFeedback } from '../projects/shared/use-form-feedback';
import { ProjectPicker } from '../reports/ProjectPicker';
import { type ItemFormValues, itemFormValues, itemPayload, kindNeeds, kindsFor } from './commitments';

interface Values {
  items?: ItemFormValues[];
  reason?: string;
}

/**
 * The items of a letter: edited freely while it is a draft; once signed, only as an amendment
 * with its reason (kept with the items before and after). Field errors land on their item.
 */
export function ItemsEditorDrawer({
  letter,
  mode,
  onClose,
  onSaved,
  onConflict,
}: {
  letter: Letter;
  mode: 'draft' | 'amend';
  onClose: () => void;
  onSaved: (letter: Letter) => void;
  onConflict: () => void;
}) {
  const { t, locale } = useT();
  const { message } = App.useApp();
  const formFeedback = useFormFeedback();
  const [form] = Form.useForm<Values>();
  const items = Form.useWatch('items', form) ?? [];
  const names = new Map(letter.items.filter((item) => item.projectId).map((item) => [item.projectId!, item.projectName]));
  const kinds = kindsFor(letter.kind, ITEM_KINDS);
  const defaultKind = kinds[0] === 'manual' ? 'manual' : 'project_investment';

  const save = useMutation({
    mutationFn: async (values: Values) => {
      const payload = (values.items ?? []).map(itemPayload);
      if (mode === 'draft')
        return await api.commitments.updateItems(
          letter.id,
          parseForm(UpdateItemsSchema, { version: letter.version, items: payload }, locale),
        );
      return await api.commitments.amend(
        letter.id,
        parseForm(AmendLetterSchema, { version: letter.version, reason: values.reason?.trim() || undefined, items: payload }, locale),
      );
    },
    onSuccess: (saved) => {
      message.success(mode === 'draft' ? t('commitments.itemsSaved') : t('commitments.amended'));
      onSaved(saved);
    },
    onError: (error) => formFeedback(error, form, { onConflict }),
  });

  return (
    <Drawer
      open
      size={1080}
      title={mode === 'draft' ? t('commitments.editItems') : t('commitments.amendTitle')}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="items-save">
            {mode === 'draft' ? t('common.save') : t('commitments.amendSubmit')}
          </Button>
        </Space>
      }
    >
      {mode === 'amend' ? <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('commitments.amendHint')} /> : null}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ items: letter.items.map(itemFormValues) }}
        onFinish={(values) => save.mutate(values)}
        onValuesChange={(changed: Values) => {
          // An edited field loses its error (list fields carry their row in the name).
          if (changed.reason !== undefined) form.setFields([{ name: 'reason', errors: [] }]);
          (changed.items ?? []).forEach((row, index) => {
            if (!row) return;
            form.setFields(
              Object.keys(row).map((field) => ({ name: ['items', index, field as keyof ItemFormValues] as const, errors: [] })),
            );
          });
        }}
      >
        {mode === 'amend' ? (
          <Form.Item name="reason" label={t('commitments.amendReason')} required>
            <Input.TextArea rows={2} maxLength={500} showCount data-testid="amend-reason" />
          </Form.Item>
        ) : null}
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              {fields.length === 0 ? <Empty description={t('commitments.noItems')} /> : null}
              {fields.map((field, index) => {
                const kind = items[index]?.kind;
                const needs = kindNeeds(kind);
                return (
                  <Card
                    key={field.key}
                    size="small"
                    data-testid={`item-row-${index}`}
                    title={t('commitments.itemNo', { n: index + 1 })}
                    extra={
                      <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)}>
                        {t('commitments.removeItem')}
                      </Button>
                    }
                  >
                    <Row gutter={12}>
                      <Col xs={24} md={6}>
                        <Form.Item name={[field.name, 'kind']} label={t('commitments.itemKind')} required>
                          <Select
                            options={kinds.map((value) => ({ value, label: t(`itemKind.${value}`) }))}
                            data-testid={`item-kind-${index}`}
                          />
                        </Form.Item>
                      </Col>
                      {needs.project ? (
                        <Col xs={24} md={10}>
                          <Form.Item name={[field.name, 'projectId']} label={t('commitments.project')} required>
                            <ProjectPicker
                              unitId={letter.unitId}
                              currentName={names.get(items[index]?.projectId ?? 0) ?? null}
                              testId={`item-project-${index}`}
                            />
                          </Form.Item>
                        </Col>
                      ) : null}
                      {needs.milestone ? (
                        <Col xs={24} md={4}>
                          <Form.Item name={[field.name, 'milestoneKind']} label={t('commitments.milestone')} required>
                            <Select options={MILESTONE_KINDS.map((value) => ({ value, label: t(`milestone.${value}`) }))} />
                          </Form.Item>
                        </Col>
                      ) : null}
                      <Col xs={12} md={4}>
                        <Form.Item name={[field.name, 'deadline']} label={t('commitments.deadline')} required>
                          <IsoDatePicker data-testid={`item-deadline-${index}`} />
                        </Form.Item>
                      </Col>
                      {needs.amount ? (
                        <Col xs={12} md={5}>
                          <Form.Item name={[field.name, 'committedAmount']} label={t('commitments.committedAmount')} required>
                            <MoneyInput data-testid={`item-amount-${index}`} />
                          </Form.Item>
                        </Col>
                      ) : null}
                      {needs.count ? (
                        <Col xs={12} md={4}>
                          <Form.Item name={[field.name, 'committedCount']} label={t('commitments.committedCount')} required>
                            <InputNumber min={1} max={100000} precision={0} style={{ width: '100%' }} />
                          </Form.Item>
                        </Col>
                      ) : null}
                      <Col xs={12} md={3}>
                        <Form.Item name={[field.name, 'weight']} label={t('commitments.weight')} tooltip={t('commitments.weightHelp')}>
                          <InputNumber min={0} max={100} step={0.5} style={{ width: '100%' }} />
                        </Form.Item>
                      </Col>
                      <Col xs={24}>
                        <Form.Item name={[field.name, 'description']} label={t('commitments.description')} style={{ marginBottom: 0 }}>
                          <Input
                            maxLength={500}
                            placeholder={kind === 'manual' ? t('commitments.manualPlaceholder') : undefined}
                            data-testid={`item-description-${index}`}
                          />
                        </Form.Item>
                      </Col>
                    </Row>
                  </Card>
                );
              })}
              <Button
                type="dashed"
                block
                icon={<PlusOutlined />}
                onClick={() => add({ kind: defaultKind, weight: 1, deadline: `${letter.year}-12-31` } satisfies ItemFormValues)}
                data-testid="item-add"
              >
                {t('commitments.addItem')}
              </Button>
              <Typography.Text type="secondary">{t('commitments.itemsHint')}</Typography.Text>
            </Space>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
