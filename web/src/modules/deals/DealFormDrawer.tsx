import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Checkbox, Col, Divider, Drawer, Form, Input, Row, Select, Space, TreeSelect, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { CreateDealSchema, DEAL_KINDS, type Deal, shanghaiDate, UpdateDealSchema, UsccSchema } from '../../../../src/contracts/index.js';
import { api } from '../../api/endpoints';
import { useSession } from '../../app/session';
import { useT } from '../../i18n';
import { clearErrorsOnChange } from '../../lib/form-errors';
import { parseForm, schemaRule } from '../../lib/zod-form';
import { buildUnitTree } from '../org/unit-tree';
import { useRegistrySettings, useUnitLabel, useUnitTree } from '../projects/shared/hooks';
import { IndustrySelect } from '../projects/shared/IndustrySelect';
import { IsoDatePicker, MoneyInput } from '../projects/shared/inputs';
import { useFormFeedback } from '../projects/shared/use-form-feedback';
import { type DealFormValues, dealChangesOf, dealFormValuesOf, dealPayloadOf } from './deal-form';
import { codeOptions, FILING_UNIT_KINDS } from './options';

/** Search earlier filings for the predecessor of a re-signing, upgrade or capital increase. */
function PredecessorPicker({
  value,
  onChange,
  current,
}: {
  value?: number | null;
  onChange?: (id: number | null) => void;
  current?: number | null;
}) {
  const { t } = useT();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), 300);
    return () => clearTimeout(timer);
  }, [text]);
  const found = useQuery({ queryKey: ['deals', 'list', 'predecessor', q], queryFn: () => api.deals.list({ q, page: 1, pageSize: 20 }) });
  const options = (found.data?.items ?? []).map((deal) => ({
    value: deal.id,
    label: `#${deal.id} ${deal.projectName} · ${deal.investorName} · ${deal.signedOn}`,
  }));
  if (current && !options.some((o) => o.value === current)) options.unshift({ value: current, label: `#${current}` });
  return (
    <Select<number>
      showSearch={{ filterOption: false, onSearch: setText }}
      allowClear
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null)}
      placeholder={t('deals.predecessorHint')}
      loading={found.isFetching}
      options={options}
      data-testid="deal-predecessor"
    />
  );
}

/**
 * 备案 (create) and 修改备案 (correct a filing) in a drawer, checked with the contract schemas;
 * server field errors land on their fields (capital schedule rows included).
 */
export function DealFormDrawer({
  deal: initial,
  onClose,
  onSaved,
}: {
  deal: Deal | null;
  onClose: () => void;
  onSaved: (deal: Deal) => void;
}) {
  const { t, locale } = useT();
  const session = useSession();
  const { message } = App.useApp();
  const formFeedback = useFormFeedback();
  const [form] = Form.useForm<DealFormValues>();
  const [deal, setDeal] = useState(initial);
  const isCreate = deal === null;
  const units = useUnitTree();
  const unitOf = useUnitLabel();
  const settings = useRegistrySettings();
  const filingUnits = useMemo(
    () => buildUnitTree(units.items, { locale, isSelectable: (unit) => unit.isActive && FILING_UNIT_KINDS.includes(unit.kind) }),
    [units.items, locale],
  );
  const kind = Form.useWatch('kind', form);
  const today = shanghaiDate(new Date());
  const defaultUnit = session.user.role === 'reporting_unit' ? (session.user.scopeUnitId ?? undefined) : undefined;

  const save = useMutation({
    mutationFn: async (values: DealFormValues) => {
      const payload = dealPayloadOf(values);
      if (!deal) return await api.deals.create(parseForm(CreateDealSchema, payload, locale));
      const changes = dealChangesOf(deal, payload);
      if (Object.keys(changes).length === 0) return null;
      return await api.deals.update(deal.id, parseForm(UpdateDealSchema, { version: deal.version, ...changes }, locale));
    },
    onSuccess: (saved) => {
      if (!saved) {
        message.info(t('projectForm.noChanges'));
        onClose();
        return;
      }
      message.success(isCreate ? t('deals.created') : t('common.saved'));
      onSaved(saved);
    },
    onError: (error) =>
      formFeedback(error, form, {
        onConflict: () => {
          if (!deal) return;
          void api.deals.get(deal.id).then(
            (fresh) => {
              setDeal(fresh);
              form.setFieldsValue(dealFormValuesOf(fresh));
            },
            (failure: unknown) => formFeedback(failure, form),
          );
        },
      }),
  });

  const sources = (settings.data?.dealSources ?? []).filter((s) => s.isActive || s.key === deal?.source);

  return (
    <Drawer
      open
      size={880}
      title={isCreate ? t('deals.createTitle') : t('deals.edit')}
      onClose={onClose}
      destroyOnHidden
      data-testid="deal-form-drawer"
    >
      <Form<DealFormValues>
        form={form}
        layout="vertical"
        initialValues={dealFormValuesOf(deal, { unitId: defaultUnit })}
        onFinish={(values) => save.mutate(values)}
        onValuesChange={clearErrorsOnChange(form)}
        scrollToFirstError
        data-testid="deal-form"
      >
        <Divider titlePlacement="start">{t('deals.filing')}</Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="unitId"
              label={t('dealField.unitId')}
              required={session.user.role !== 'reporting_unit'}
              tooltip={t('deals.unitHint')}
              extra={isCreate && defaultUnit ? t('deals.unitDefault') : undefined}
            >
              {isCreate && units.enabled ? (
                <TreeSelect
                  showSearch={{ treeNodeFilterProp: 'title' }}
                  treeData={filingUnits}
                  treeDefaultExpandAll
                  listHeight={360}
                  allowClear={Boolean(defaultUnit)}
                  data-testid="deal-unit"
                />
              ) : (
                <Input disabled value={deal ? unitOf(deal.unitId, deal.unitName) : (session.user.scopeUnitName ?? '')} />
              )}
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="kind" label={t('dealField.kind')} required tooltip={t('deals.kindHint')}>
              <Select disabled={!isCreate} options={codeOptions('dealKind', DEAL_KINDS, locale)} data-testid="deal-kind" />
            </Form.Item>
          </Col>
          {kind && kind !== 'new' ? (
            <Col span={24}>
              <Form.Item name="predecessorDealId" label={t('dealField.predecessorDealId')} required>
                {isCreate ? <PredecessorPicker /> : <Input disabled value={deal?.predecessorDealId ? `#${deal.predecessorDealId}` : ''} />}
              </Form.Item>
            </Col>
          ) : null}
          <Col xs={24} md={12}>
            <Form.Item name="projectName" label={t('dealField.projectName')} required>
              <Input maxLength={100} data-testid="deal-project-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="investorName" label={t('dealField.investorName')} required>
              <Input maxLength={100} data-testid="deal-investor" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="investorUscc"
              label={t('dealField.investorUscc')}
              rules={[schemaRule(UsccSchema, locale)]}
              validateTrigger="onBlur"
            >
              <Input maxLength={18} style={{ fontFamily: 'monospace' }} data-testid="deal-investor-uscc" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="contractedAmount" label={t('dealField.contractedAmount')} required>
              <MoneyInput data-testid="deal-amount" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="industryCode" label={t('dealField.industryCode')} required>
              <IndustrySelect data-testid="deal-industry" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="source" label={t('dealField.source')} required>
              <Select
                options={sources.map((s) => ({ value: s.key, label: locale === 'en-US' ? s.nameEn : s.nameZh }))}
                loading={settings.isPending}
                data-testid="deal-source"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="signedOn" label={t('dealField.signedOn')} required>
              <IsoDatePicker disabledDate={(date) => date.format('YYYY-MM-DD') > today} data-testid="deal-signed-on" />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start">{t('deals.contract')}</Divider>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="registrationDeadline" label={t('dealField.registrationDeadline')}>
              <IsoDatePicker data-testid="deal-registration-deadline" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="startDeadline" label={t('dealField.startDeadline')}>
              <IsoDatePicker data-testid="deal-start-deadline" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="productionDeadline" label={t('dealField.productionDeadline')}>
              <IsoDatePicker data-testid="deal-production-deadline" />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Text strong>{t('dealField.capitalSchedule')}</Typography.Text>
        <Form.List name="capitalSchedule">
          {(fields, { add, remove }) => (
            <div style={{ marginTop: 8 }}>
              {fields.map((field) => (
                <Row key={field.key} gutter={8}>
                  <Col xs={11} md={8}>
                    <Form.Item name={[field.name, 'dueOn']} required>
                      <IsoDatePicker placeholder={t('dealField.capitalDueOn')} />
                    </Form.Item>
                  </Col>
                  <Col xs={11} md={8}>
                    <Form.Item name={[field.name, 'amount']} required>
                      <MoneyInput placeholder={t('dealField.capitalAmount')} />
                    </Form.Item>
                  </Col>
                  <Col xs={2}>
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('projectForm.remove')}
                      onClick={() => remove(field.name)}
                    />
                  </Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ dueOn: null, amount: null })}>
                {t('deals.addInstalment')}
              </Button>
            </div>
          )}
        </Form.List>

        <Divider titlePlacement="start">{t('tq.inputs')}</Divider>
        <Typography.Paragraph type="secondary">{t('tq.inputsHint')}</Typography.Paragraph>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="isHighTech" valuePropName="checked">
              <Checkbox data-testid="deal-high-tech">{t('dealField.isHighTech')}</Checkbox>
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="isStrategicEmerging" valuePropName="checked">
              <Checkbox data-testid="deal-strategic">{t('dealField.isStrategicEmerging')}</Checkbox>
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="plannedRdAmount" label={t('dealField.plannedRdAmount')}>
              <MoneyInput suffix={false} data-testid="deal-rd" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="plannedEnergyTce" label={t('dealField.plannedEnergyTce')}>
              <MoneyInput suffix={false} data-testid="deal-energy" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="plannedAnnualOutput" label={t('dealField.plannedAnnualOutput')}>
              <MoneyInput suffix={false} data-testid="deal-output" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="expectedAnnualTax" label={t('dealField.expectedAnnualTax')}>
              <MoneyInput suffix={false} data-testid="deal-tax" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="landAreaMu" label={t('dealField.landAreaMu')}>
              <MoneyInput suffix={false} data-testid="deal-land" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="note" label={t('dealField.note')}>
              <Input.TextArea rows={2} maxLength={2000} showCount />
            </Form.Item>
          </Col>
        </Row>
        <Divider />
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="deal-submit">
            {isCreate ? t('deals.create') : t('common.save')}
          </Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Drawer>
  );
}
