import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Divider, Flex, Form, Input, InputNumber, Modal, Radio, Row, Select, Tabs } from 'antd';
import type { FormListFieldData } from 'antd/es/form/FormList';
import { type ReactNode, useState } from 'react';
import { EXEMPTION_FLAGS, FORMULA_FIELDS, type Method, MISSING_RULES, POLICY_KINDS, SCALES } from '../../../../src/contracts/index.js';
import { isApiError } from '../../api/client';
import { useFeedback } from '../../api/feedback-provider';
import { useT } from '../../i18n';
import { TAG_SEPARATORS } from '../../i18n/separators';
import { clearAllErrors, clearErrorsOnChange } from '../../lib/form-errors';
import { evaluationApi } from './evaluation-api';
import { fieldWithUnit } from './explain';
import { checkMethodForm, formValuesOf, type MethodFormConfig, type MethodTab, newIndicator, pathLabel, tabOfPath } from './method-form';

interface Values {
  name: string;
  config: MethodFormConfig;
}

type Path = (string | number)[];

/** A small titled block with a remove button, for one entry of a list. */
function Entry({ title, onRemove, children, testId }: { title: ReactNode; onRemove?: () => void; children: ReactNode; testId?: string }) {
  const { t } = useT();
  return (
    <Card
      size="small"
      type="inner"
      title={title}
      style={{ marginBottom: 12 }}
      data-testid={testId}
      extra={
        onRemove ? (
          <Button type="text" size="small" danger icon={<DeleteOutlined />} onClick={onRemove}>
            {t('evaluation.form.remove')}
          </Button>
        ) : null
      }
    >
      {children}
    </Card>
  );
}

/** Code and the two names every entry of a method has. */
function Names({ field, span = 8 }: { field: FormListFieldData; span?: number }) {
  const { t } = useT();
  return (
    <>
      <Col xs={24} md={span}>
        <Form.Item name={[field.name, 'key']} label={t('evaluation.form.key')} required tooltip={t('evaluation.form.keyHint')}>
          <Input maxLength={40} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
      </Col>
      <Col xs={24} md={span}>
        <Form.Item name={[field.name, 'nameZh']} label={t('evaluation.form.nameZh')} required>
          <Input maxLength={100} />
        </Form.Item>
      </Col>
      <Col xs={24} md={span}>
        <Form.Item name={[field.name, 'nameEn']} label={t('evaluation.form.nameEn')} required>
          <Input maxLength={100} />
        </Form.Item>
      </Col>
    </>
  );
}

function Indicators({ groupField }: { groupField: FormListFieldData }) {
  const { t, locale } = useT();
  const form = Form.useFormInstance();
  const fieldOptions = FORMULA_FIELDS.map((f) => ({ value: f, label: fieldWithUnit(f, locale) }));
  return (
    <Form.List name={[groupField.name, 'indicators']}>
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, index) => {
            const path: Path = ['config', 'groups', groupField.name, 'indicators', field.name];
            return (
              <Entry
                key={field.key}
                title={t('evaluation.form.indicatorN', { n: index + 1 })}
                onRemove={fields.length > 1 ? () => remove(field.name) : undefined}
                testId={`method-indicator-${groupField.name}-${index}`}
              >
                <Row gutter={12}>
                  <Names field={field} />
                  <Col xs={24} md={8}>
                    <Form.Item name={[field.name, 'numerator']} label={t('evaluation.form.numerator')} required>
                      <Select options={fieldOptions} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={8}>
                    <Form.Item name={[field.name, 'denominator']} label={t('evaluation.form.denominator')}>
                      <Select allowClear placeholder={t('evaluation.form.noDenominator')} options={fieldOptions} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={4}>
                    <Form.Item name={[field.name, 'direction']} label={t('evaluation.method.direction')} required>
                      <Select options={(['higher', 'lower'] as const).map((d) => ({ value: d, label: t(`evaluation.direction.${d}`) }))} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={4}>
                    <Form.Item name={[field.name, 'weight']} label={t('evaluation.weight')} required>
                      <InputNumber min={0} max={1000} style={{ width: '100%' }} data-testid={`method-weight-${groupField.name}-${index}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={8}>
                    <Form.Item name={[field.name, 'benchmark', 'kind']} label={t('evaluation.form.benchmarkKind')} required>
                      <Select
                        options={(['fixed', 'previousAverage', 'currentAverage', 'percentile'] as const).map((kind) => ({
                          value: kind,
                          label: t(`evaluation.form.benchmarkKind.${kind}`),
                        }))}
                      />
                    </Form.Item>
                  </Col>
                  <Form.Item noStyle dependencies={[[...path, 'benchmark', 'kind']]}>
                    {() => {
                      const kind = form.getFieldValue([...path, 'benchmark', 'kind']) as string | undefined;
                      return (
                        <>
                          {kind === 'fixed' ? (
                            <Col xs={12} md={4}>
                              <Form.Item name={[field.name, 'benchmark', 'value']} label={t('evaluation.form.value')} required>
                                <InputNumber min={0} style={{ width: '100%' }} />
                              </Form.Item>
                            </Col>
                          ) : null}
                          {kind === 'previousAverage' || kind === 'currentAverage' ? (
                            <>
                              <Col xs={12} md={4}>
                                <Form.Item name={[field.name, 'benchmark', 'factor']} label={t('evaluation.form.factor')} required>
                                  <InputNumber min={0} step={0.1} style={{ width: '100%' }} />
                                </Form.Item>
                              </Col>
                              <Col xs={12} md={4}>
                                <Form.Item name={[field.name, 'benchmark', 'average']} label={t('evaluation.form.average')}>
                                  <Select
                                    placeholder={t('evaluation.average.pooled')}
                                    options={(['pooled', 'mean'] as const).map((a) => ({ value: a, label: t(`evaluation.average.${a}`) }))}
                                  />
                                </Form.Item>
                              </Col>
                            </>
                          ) : null}
                          {kind === 'percentile' ? (
                            <Col xs={12} md={4}>
                              <Form.Item name={[field.name, 'benchmark', 'percentile']} label={t('evaluation.form.percentile')} required>
                                <InputNumber min={1} max={100} style={{ width: '100%' }} />
                              </Form.Item>
                            </Col>
                          ) : null}
                          {kind && kind !== 'fixed' ? (
                            <Col xs={12} md={4}>
                              <Form.Item name={[field.name, 'benchmark', 'scope']} label={t('evaluation.form.scope')}>
                                <Select
                                  placeholder={t('evaluation.scope.city')}
                                  options={(['city', 'county'] as const).map((s) => ({ value: s, label: t(`evaluation.scope.${s}`) }))}
                                />
                              </Form.Item>
                            </Col>
                          ) : null}
                        </>
                      );
                    }}
                  </Form.Item>
                  <Col xs={12} md={4}>
                    <Form.Item name={[field.name, 'cap']} label={t('evaluation.method.cap')} tooltip={t('evaluation.form.capHint')}>
                      <InputNumber min={0} max={100} step={0.1} placeholder={t('evaluation.method.noCap')} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={8}>
                    <Form.Item name={[field.name, 'missing']} label={t('evaluation.method.missing')}>
                      <Select options={MISSING_RULES.map((m) => ({ value: m, label: t(`evaluation.missingRule.${m}`) }))} />
                    </Form.Item>
                  </Col>
                </Row>
              </Entry>
            );
          })}
          <Button
            icon={<PlusOutlined />}
            onClick={() => add(newIndicator(fields.length + 1))}
            data-testid={`method-add-indicator-${groupField.name}`}
          >
            {t('evaluation.form.addIndicator')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

function Groups() {
  const { t } = useT();
  const yesNo = [
    { value: true, label: t('evaluation.form.hasLand.yes') },
    { value: false, label: t('evaluation.form.hasLand.no') },
  ];
  return (
    <Form.List name={['config', 'groups']}>
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, index) => (
            <Card
              key={field.key}
              size="small"
              title={t('evaluation.form.groupN', { n: index + 1 })}
              style={{ marginBottom: 16 }}
              extra={
                fields.length > 1 ? (
                  <Button type="text" size="small" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)}>
                    {t('evaluation.form.removeGroup')}
                  </Button>
                ) : null
              }
            >
              <Row gutter={12}>
                <Names field={field} />
                <Col xs={12} md={6}>
                  <Form.Item name={[field.name, 'when', 'scale']} label={t('evaluation.scale')}>
                    <Select
                      allowClear
                      placeholder={t('evaluation.form.any')}
                      options={SCALES.map((s) => ({ value: s, label: t(`evaluation.scale.${s}`) }))}
                    />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name={[field.name, 'when', 'hasLand']} label={t('evaluation.form.hasLand')}>
                    <Select allowClear placeholder={t('evaluation.form.any')} options={yesNo} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name={[field.name, 'when', 'landMuAtLeast']} label={t('evaluation.form.landMuAtLeast')}>
                    <InputNumber min={0} placeholder={t('evaluation.form.any')} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name={[field.name, 'when', 'landMuBelow']} label={t('evaluation.form.landMuBelow')}>
                    <InputNumber min={0} placeholder={t('evaluation.form.any')} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              </Row>
              <Indicators groupField={field} />
            </Card>
          ))}
          <Button
            icon={<PlusOutlined />}
            onClick={() => add({ key: `group${fields.length + 1}`, nameZh: '', nameEn: '', when: {}, indicators: [newIndicator(1)] })}
          >
            {t('evaluation.form.addGroup')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

function Adjustments() {
  const { t } = useT();
  return (
    <Form.List name={['config', 'adjustments']}>
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, index) => (
            <Entry key={field.key} title={t('evaluation.form.itemN', { n: index + 1 })} onRemove={() => remove(field.name)}>
              <Row gutter={12}>
                <Names field={field} span={6} />
                <Col xs={8} md={2}>
                  <Form.Item name={[field.name, 'kind']} label={t('evaluation.form.kind')} required>
                    <Select
                      options={(['bonus', 'penalty'] as const).map((k) => ({ value: k, label: t(`evaluation.adjustmentKind.${k}`) }))}
                    />
                  </Form.Item>
                </Col>
                <Col xs={8} md={2}>
                  <Form.Item name={[field.name, 'points']} label={t('evaluation.form.points')} required>
                    <InputNumber min={0} max={100} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={8} md={2}>
                  <Form.Item name={[field.name, 'maxPoints']} label={t('evaluation.form.maxPoints')} required>
                    <InputNumber min={0} max={100} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              </Row>
            </Entry>
          ))}
          <Button
            icon={<PlusOutlined />}
            onClick={() => add({ key: `item${fields.length + 1}`, nameZh: '', nameEn: '', kind: 'bonus', points: 1, maxPoints: 3 })}
          >
            {t('evaluation.form.addItem')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

function Exemptions() {
  const { t } = useT();
  const form = Form.useFormInstance();
  return (
    <Form.List name={['config', 'exemptions']}>
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, index) => (
            <Entry key={field.key} title={t('evaluation.form.exemptionN', { n: index + 1 })} onRemove={() => remove(field.name)}>
              <Row gutter={12}>
                <Names field={field} span={6} />
                <Col xs={12} md={3}>
                  <Form.Item name={[field.name, 'kind']} label={t('evaluation.form.kind')} required>
                    <Select
                      options={(['flag', 'startup', 'industry'] as const).map((k) => ({
                        value: k,
                        label: t(`evaluation.form.exemptionKind.${k}`),
                      }))}
                    />
                  </Form.Item>
                </Col>
                <Form.Item noStyle dependencies={[['config', 'exemptions', field.name, 'kind']]}>
                  {() => {
                    const kind = form.getFieldValue(['config', 'exemptions', field.name, 'kind']) as string | undefined;
                    if (kind === 'flag')
                      return (
                        <Col xs={12} md={3}>
                          <Form.Item name={[field.name, 'flag']} label={t('evaluation.form.flag')} required>
                            <Select options={EXEMPTION_FLAGS.map((f) => ({ value: f, label: t(`evaluation.flag.${f}`) }))} />
                          </Form.Item>
                        </Col>
                      );
                    if (kind === 'startup')
                      return (
                        <Col xs={12} md={3}>
                          <Form.Item name={[field.name, 'years']} label={t('evaluation.form.years')} required>
                            <InputNumber min={1} max={10} precision={0} style={{ width: '100%' }} />
                          </Form.Item>
                        </Col>
                      );
                    if (kind === 'industry')
                      return (
                        <Col xs={24} md={6}>
                          <Form.Item
                            name={[field.name, 'codes']}
                            label={t('evaluation.form.codes')}
                            required
                            tooltip={t('evaluation.form.codesHint')}
                          >
                            <Select mode="tags" open={false} tokenSeparators={[...TAG_SEPARATORS, ' ']} />
                          </Form.Item>
                        </Col>
                      );
                    return null;
                  }}
                </Form.Item>
              </Row>
            </Entry>
          ))}
          <Button
            icon={<PlusOutlined />}
            onClick={() => add({ key: `exempt${fields.length + 1}`, nameZh: '', nameEn: '', kind: 'startup', years: 2 })}
          >
            {t('evaluation.form.addExemption')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

function Classing() {
  const { t } = useT();
  const form = Form.useFormInstance<Values>();
  const mode = Form.useWatch(['config', 'classing', 'mode'], form);
  const classes = (Form.useWatch(['config', 'classes'], form) ?? []) as { code?: string }[];
  const codeOptions = classes.filter((c) => c?.code).map((c) => ({ value: c.code!, label: c.code! }));
  return (
    <>
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Form.Item name={['config', 'classing', 'mode']} label={t('evaluation.form.mode')} required>
            <Radio.Group
              optionType="button"
              options={(['percentile', 'threshold'] as const).map((m) => ({ value: m, label: t(`evaluation.classingMode.${m}`) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name={['config', 'classing', 'scope']} label={t('evaluation.form.classingScope')} required>
            <Radio.Group
              optionType="button"
              options={(['city', 'county'] as const).map((s) => ({ value: s, label: t(`evaluation.scope.${s}`) }))}
            />
          </Form.Item>
        </Col>
        {mode === 'percentile' ? (
          <Col xs={12} md={8}>
            <Form.Item name={['config', 'classing', 'rounding']} label={t('evaluation.form.rounding')}>
              <Radio.Group
                optionType="button"
                options={(['floor', 'nearest'] as const).map((r) => ({ value: r, label: t(`evaluation.form.rounding.${r}`) }))}
              />
            </Form.Item>
          </Col>
        ) : null}
      </Row>
      <Divider titlePlacement="start">{t('evaluation.form.bands')}</Divider>
      <Form.List name={['config', 'classing', 'bands']}>
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, index) => (
              <Flex key={field.key} gap={12} align="baseline" wrap>
                <Form.Item name={[field.name, 'code']} label={t('evaluation.class')} required>
                  <Select style={{ width: 100 }} options={codeOptions} />
                </Form.Item>
                {mode === 'percentile' ? (
                  <Form.Item name={[field.name, 'upToPercent']} label={t('evaluation.form.upToPercent')} required>
                    <InputNumber min={0} max={100} style={{ width: 120 }} />
                  </Form.Item>
                ) : index < fields.length - 1 ? (
                  <Form.Item name={[field.name, 'minScore']} label={t('evaluation.form.minScore')} required>
                    <InputNumber style={{ width: 120 }} />
                  </Form.Item>
                ) : (
                  <span>{t('evaluation.form.restBand')}</span>
                )}
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  onClick={() => remove(field.name)}
                  aria-label={t('evaluation.form.remove')}
                />
              </Flex>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({ code: undefined })}>
              {t('evaluation.form.addBand')}
            </Button>
          </>
        )}
      </Form.List>
      <Divider titlePlacement="start">{t('evaluation.method.classes')}</Divider>
      <Form.List name={['config', 'classes']}>
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Entry key={field.key} title={classes[field.name]?.code ?? ''} onRemove={() => remove(field.name)}>
                <Row gutter={12}>
                  <Col xs={8} md={4}>
                    <Form.Item name={[field.name, 'code']} label={t('evaluation.class')} required>
                      <Input maxLength={2} style={{ width: 80 }} />
                    </Form.Item>
                  </Col>
                  <Col xs={16} md={10}>
                    <Form.Item name={[field.name, 'nameZh']} label={t('evaluation.form.nameZh')} required>
                      <Input maxLength={100} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={10}>
                    <Form.Item name={[field.name, 'nameEn']} label={t('evaluation.form.nameEn')} required>
                      <Input maxLength={100} />
                    </Form.Item>
                  </Col>
                </Row>
                <Form.List name={[field.name, 'policies']}>
                  {(policies, ops) => (
                    <>
                      {policies.map((policy) => (
                        <Row key={policy.key} gutter={12} align="top">
                          <Col xs={24} md={4}>
                            <Form.Item name={[policy.name, 'kind']} label={t('evaluation.form.policyKind')} required>
                              <Select options={POLICY_KINDS.map((k) => ({ value: k, label: t(`evaluation.policyKind.${k}`) }))} />
                            </Form.Item>
                          </Col>
                          <Col xs={24} md={9}>
                            <Form.Item name={[policy.name, 'textZh']} label={t('evaluation.form.policyText')} required>
                              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} />
                            </Form.Item>
                          </Col>
                          <Col xs={24} md={6}>
                            <Form.Item
                              name={[policy.name, 'parameters']}
                              label={t('evaluation.form.parameters')}
                              tooltip={t('evaluation.form.parametersHint')}
                            >
                              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} style={{ fontFamily: 'monospace' }} />
                            </Form.Item>
                          </Col>
                          <Col xs={20} md={4}>
                            <Form.Item name={[policy.name, 'textEn']} label={t('evaluation.form.policyTextEn')}>
                              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} />
                            </Form.Item>
                          </Col>
                          <Col xs={4} md={1}>
                            <Button
                              type="text"
                              danger
                              icon={<DeleteOutlined />}
                              style={{ marginTop: 30 }}
                              onClick={() => ops.remove(policy.name)}
                              aria-label={t('evaluation.form.remove')}
                            />
                          </Col>
                        </Row>
                      ))}
                      <Button
                        size="small"
                        icon={<PlusOutlined />}
                        onClick={() => ops.add({ kind: 'other', textZh: '', textEn: '', parameters: '' })}
                      >
                        {t('evaluation.form.addPolicy')}
                      </Button>
                    </>
                  )}
                </Form.List>
              </Entry>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({ code: '', nameZh: '', nameEn: '', policies: [] })}>
              {t('evaluation.form.addClass')}
            </Button>
          </>
        )}
      </Form.List>
      <Divider titlePlacement="start">{t('evaluation.method.exempt')}</Divider>
      <Row gutter={12}>
        <Col xs={8} md={4}>
          <Form.Item name={['config', 'exempt', 'code']} label={t('evaluation.class')} required>
            <Input maxLength={2} style={{ width: 80 }} />
          </Form.Item>
        </Col>
        <Col xs={16} md={7}>
          <Form.Item name={['config', 'exempt', 'nameZh']} label={t('evaluation.form.nameZh')} required>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={24} md={7}>
          <Form.Item name={['config', 'exempt', 'nameEn']} label={t('evaluation.form.nameEn')} required>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name={['config', 'exempt', 'managedAs']} label={t('evaluation.form.managedAs')}>
            <Select allowClear placeholder={t('evaluation.form.noPolicy')} options={codeOptions} />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

/**
 * 编辑评价办法: the configuration as a form in five tabs (basics, groups and indicators, bonus
 * and penalty items, exemptions, classing with classes and policies), checked with the
 * contract schema before it is sent; each problem is shown on its field, its tab opened, and
 * listed above. The server's refusals land on the same fields.
 */
export function MethodFormModal({ method, onClose, onJson }: { method: Method; onClose: () => void; onJson: () => void }) {
  const { t, locale } = useT();
  const feedback = useFeedback();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [tab, setTab] = useState<MethodTab>('basic');
  const [problems, setProblems] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);

  const show = (list: { path: string; message: string }[]) => {
    clearAllErrors(form);
    const fields = list.map((p) => ({
      name: ['config', ...p.path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part))] as Path,
      errors: [p.message],
    }));
    form.setFields(fields as Parameters<typeof form.setFields>[0]);
    setProblems(list.map((p) => `${pathLabel(p.path, t)}: ${p.message}`));
    if (list[0]) setTab(tabOfPath(list[0].path));
  };

  const save = async () => {
    const values = form.getFieldsValue(true) as Values;
    const checked = checkMethodForm(values.config, locale);
    if (!checked.ok) {
      show(checked.problems);
      return;
    }
    setProblems([]);
    setSaving(true);
    try {
      await evaluationApi.updateMethod(method.id, {
        version: method.version,
        name: values.name?.trim() || method.name,
        config: checked.config,
      });
      message.success(t('common.saved'));
      await queryClient.invalidateQueries({ queryKey: ['evaluation', 'methods'] });
      onClose();
    } catch (error) {
      const fields = isApiError(error) ? (error.fields ?? []) : [];
      const inConfig = fields.filter((f) => f.path.startsWith('config.'));
      if (inConfig.length) show(inConfig.map((f) => ({ path: f.path.slice('config.'.length), message: f.message })));
      else feedback(error, { form, onMessage: (m) => setProblems([m]) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      width={1100}
      title={t('evaluation.methods.editTitle', { name: method.name })}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Flex justify="space-between">
          <Button onClick={onJson} data-testid="method-edit-json">
            {t('evaluation.form.editJson')}
          </Button>
          <Flex gap={8}>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" loading={saving} onClick={() => void save()} data-testid="method-save">
              {t('common.save')}
            </Button>
          </Flex>
        </Flex>
      }
    >
      {problems.length ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="method-problems"
          title={t('evaluation.methods.invalid')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18, maxHeight: 120, overflow: 'auto' }}>
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          }
        />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        size="small"
        initialValues={{ name: method.name, config: formValuesOf(method.config) }}
        onValuesChange={clearErrorsOnChange(form)}
        data-testid="method-form"
      >
        <Tabs
          activeKey={tab}
          onChange={(key) => setTab(key as MethodTab)}
          items={[
            {
              key: 'basic',
              label: t('evaluation.form.tab.basic'),
              forceRender: true,
              children: (
                <>
                  <Form.Item name="name" label={t('evaluation.methods.name')} required>
                    <Input maxLength={100} />
                  </Form.Item>
                  <Form.Item name={['config', 'landBasis']} label={t('evaluation.method.landBasis')} required>
                    <Radio.Group
                      options={(['owned', 'ownedPlusLeased'] as const).map((b) => ({ value: b, label: t(`evaluation.landBasis.${b}`) }))}
                    />
                  </Form.Item>
                  <Alert type="info" showIcon title={t('evaluation.form.hint')} />
                </>
              ),
            },
            { key: 'groups', label: t('evaluation.form.tab.groups'), forceRender: true, children: <Groups /> },
            { key: 'adjustments', label: t('evaluation.form.tab.adjustments'), forceRender: true, children: <Adjustments /> },
            { key: 'exemptions', label: t('evaluation.form.tab.exemptions'), forceRender: true, children: <Exemptions /> },
            { key: 'classing', label: t('evaluation.form.tab.classing'), forceRender: true, children: <Classing /> },
          ].map((item) => ({ ...item, label: <span data-testid={`method-tab-${item.key}`}>{item.label}</span> }))}
        />
      </Form>
    </Modal>
  );
}
