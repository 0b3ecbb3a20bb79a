import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Drawer,
  Flex,
  Form,
  type FormListFieldData,
  Input,
  InputNumber,
  Select,
  Space,
  Tooltip,
  Typography,
  theme,
} from 'antd';
import { useRef, useState } from 'react';
import {
  BOARD_METRICS,
  COMPETITION_LIMITS,
  COMPETITION_MISSING,
  COMPETITION_SOURCES,
  type CompetitionScheme,
  HONOUR_LISTS,
  LETTER_KINDS,
  shanghaiDate,
} from '../../../../src/contracts/index.js';
import { useT } from '../../i18n';
import { clearErrorsOnChange } from '../../lib/form-errors';
import { useFormFeedback } from '../projects/shared/use-form-feedback';
import { useIsPhone } from '../problems/labels';
import { competitionApi } from './competition-api';
import { formatNumber, isPercentSource } from './competition';
import {
  type GroupRow,
  type IndicatorRow,
  newGroupRow,
  newIndicatorRow,
  newSchemeValues,
  nextKey,
  parseScheme,
  parseSchemeUpdate,
  RULE_KINDS,
  type SchemeFormValues,
  groupPoints,
  toForm,
  totalPoints,
} from './scheme-form';

/**
 * 新建方案 / 编辑方案 (a draft): the year (new schemes only), the title, how many units are
 * commended and warned, and the indicator system: groups (一级指标) of indicators (二级指标), each
 * with its points, where its value comes from and the rule that turns the value into points.
 * The total is shown as it is typed; the contract's schema checks it before it is sent, and the
 * server's field errors land on the same fields.
 */
export function SchemeDrawer({
  scheme,
  onClose,
  onSaved,
}: {
  scheme?: CompetitionScheme;
  onClose: () => void;
  onSaved: (scheme: CompetitionScheme) => void;
}) {
  const { t, locale } = useT();
  const { message } = App.useApp();
  const formFeedback = useFormFeedback();
  const isPhone = useIsPhone();
  const [form] = Form.useForm<SchemeFormValues>();
  const groups = Form.useWatch('groups', form) as GroupRow[] | undefined;
  const total = totalPoints(groups);

  const defaultTitle = (year: number) => t('competition.defaultTitle', { year });
  const thisYear = Number(shanghaiDate(new Date()).slice(0, 4));
  const [initial] = useState<SchemeFormValues>(() => (scheme ? toForm(scheme) : newSchemeValues(thisYear, defaultTitle(thisYear))));
  /** The year the title was last defaulted for: a title left as it was follows the year. */
  const titleYear = useRef<number | null>(scheme ? null : thisYear);

  const save = useMutation({
    mutationFn: async (values: SchemeFormValues) => {
      if (scheme) return await competitionApi.update(scheme.id, parseSchemeUpdate(values, scheme.version, locale));
      return await competitionApi.create(parseScheme(values, locale));
    },
    onSuccess: (saved) => {
      message.success(t(scheme ? 'competition.updated' : 'competition.created'));
      onSaved(saved);
    },
    onError: (error) => formFeedback(error, form),
  });

  const onValuesChange = (changed: Partial<SchemeFormValues>) => {
    clearErrorsOnChange(form)(changed);
    if (scheme || typeof changed.year !== 'number' || titleYear.current === null) return;
    if (form.getFieldValue('title') === defaultTitle(titleYear.current)) {
      form.setFieldValue('title', defaultTitle(changed.year));
      titleYear.current = changed.year;
    }
  };

  return (
    <Drawer
      open
      size={isPhone ? '100%' : 1080}
      title={scheme ? t('competition.edit') : t('competition.create')}
      onClose={onClose}
      destroyOnHidden
      data-testid="scheme-drawer"
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="scheme-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<SchemeFormValues>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(values) => save.mutate(values)}
        onValuesChange={onValuesChange}
      >
        <Flex gap={16} wrap>
          <Form.Item name="year" label={t('competition.year')} required extra={scheme ? undefined : t('competition.yearHint')}>
            <InputNumber min={2000} max={2100} precision={0} disabled={Boolean(scheme)} style={{ width: 120 }} data-testid="scheme-year" />
          </Form.Item>
          <Form.Item name="title" label={t('competition.schemeTitle')} required style={{ flex: '1 1 320px' }}>
            <Input maxLength={100} data-testid="scheme-title" />
          </Form.Item>
        </Flex>
        <Flex gap={16} wrap>
          <Form.Item name="rewardCount" label={t('competition.rewardCount')} required tooltip={t('competition.rewardCountHelp')}>
            <InputNumber min={0} max={COMPETITION_LIMITS.bandMax} precision={0} style={{ width: 120 }} data-testid="scheme-reward-count" />
          </Form.Item>
          <Form.Item name="warningCount" label={t('competition.warningCount')} required tooltip={t('competition.warningCountHelp')}>
            <InputNumber min={0} max={COMPETITION_LIMITS.bandMax} precision={0} style={{ width: 120 }} data-testid="scheme-warning-count" />
          </Form.Item>
        </Flex>

        <Form.Item
          label={
            <Space size={8}>
              <span>{t('competition.indicators')}</span>
              <Typography.Text type="secondary" data-testid="scheme-points-total">
                {t('competition.pointsTotal', { total: formatNumber(total, 2) })}
              </Typography.Text>
            </Space>
          }
          required
          extra={t('competition.indicatorsHint')}
        >
          <Form.List name="groups">
            {(fields, { add, remove }, { errors }) => (
              <Flex vertical gap={12}>
                {fields.map((field, index) => (
                  <GroupCard
                    key={field.key}
                    field={field}
                    index={index}
                    group={groups?.[field.name]}
                    canRemove={fields.length > 1}
                    onRemove={() => remove(field.name)}
                    newIndicator={() => newIndicatorRow(nextKey('i', form.getFieldValue('groups')))}
                  />
                ))}
                <Form.ErrorList errors={errors} />
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  disabled={fields.length >= COMPETITION_LIMITS.groupsMax}
                  onClick={() => add(newGroupRow(form.getFieldValue('groups')))}
                  data-testid="group-add"
                >
                  {t('competition.addGroup')}
                </Button>
              </Flex>
            )}
          </Form.List>
        </Form.Item>
      </Form>
    </Drawer>
  );
}

/** One group (一级指标): its key and names, its indicators, the points they add up to. */
function GroupCard({
  field,
  index,
  group,
  canRemove,
  onRemove,
  newIndicator,
}: {
  field: FormListFieldData;
  index: number;
  group: GroupRow | undefined;
  canRemove: boolean;
  onRemove: () => void;
  newIndicator: () => IndicatorRow;
}) {
  const { t } = useT();
  return (
    <Card
      size="small"
      data-testid={`group-${index}`}
      title={
        <Space size={8}>
          <span>{t('competition.groupN', { n: index + 1 })}</span>
          <Typography.Text type="secondary" data-testid={`group-points-${index}`}>
            {t('competition.groupPoints', { points: formatNumber(groupPoints(group), 2) })}
          </Typography.Text>
        </Space>
      }
      extra={
        <Tooltip title={t('competition.removeGroup')}>
          <Button
            type="text"
            danger
            icon={<DeleteOutlined />}
            disabled={!canRemove}
            onClick={onRemove}
            aria-label={t('competition.removeGroup')}
            data-testid={`group-remove-${index}`}
          />
        </Tooltip>
      }
    >
      <Flex gap={8} wrap align="start">
        <Form.Item
          name={[field.name, 'key']}
          label={t('competition.key')}
          style={{ width: 130, marginBottom: 8 }}
          tooltip={t('competition.keyHelp')}
        >
          <Input maxLength={30} data-testid={`group-key-${index}`} />
        </Form.Item>
        <Form.Item name={[field.name, 'nameZh']} label={t('competition.nameZh')} style={{ flex: '1 1 180px', marginBottom: 8 }}>
          <Input maxLength={40} data-testid={`group-zh-${index}`} />
        </Form.Item>
        <Form.Item name={[field.name, 'nameEn']} label={t('competition.nameEn')} style={{ flex: '1 1 220px', marginBottom: 8 }}>
          <Input maxLength={80} data-testid={`group-en-${index}`} />
        </Form.Item>
      </Flex>
      <Form.List name={[field.name, 'indicators']}>
        {(indicators, { add, remove }, { errors }) => (
          <Flex vertical gap={8}>
            {indicators.map((indicator, i) => (
              <IndicatorBox
                key={indicator.key}
                field={indicator}
                testId={`indicator-${index}-${i}`}
                row={group?.indicators?.[indicator.name]}
                canRemove={indicators.length > 1}
                onRemove={() => remove(indicator.name)}
              />
            ))}
            <Form.ErrorList errors={errors} />
            <Button
              type="dashed"
              size="small"
              icon={<PlusOutlined />}
              onClick={() => add(newIndicator())}
              style={{ alignSelf: 'flex-start' }}
              data-testid={`indicator-add-${index}`}
            >
              {t('competition.addIndicator')}
            </Button>
          </Flex>
        )}
      </Form.List>
    </Card>
  );
}

/** One indicator (二级指标): names and points; its source; its rule with the rule's own fields. */
function IndicatorBox({
  field,
  testId,
  row,
  canRemove,
  onRemove,
}: {
  field: FormListFieldData;
  testId: string;
  row: IndicatorRow | undefined;
  canRemove: boolean;
  onRemove: () => void;
}) {
  const { t } = useT();
  const sourceKind = row?.source?.kind;
  const ruleKind = row?.rule?.kind;
  const percent = isPercentSource(sourceKind);
  const valueSuffix = percent ? '%' : undefined;
  const { token } = theme.useToken();
  const item = { marginBottom: 8 };
  return (
    <div
      data-testid={testId}
      style={{
        border: `1px solid ${token.colorBorderSecondary}`,
        borderRadius: token.borderRadiusLG,
        padding: '8px 12px 0',
        background: token.colorFillQuaternary,
      }}
    >
      <Flex gap={8} wrap align="start">
        <Form.Item name={[field.name, 'key']} label={t('competition.key')} style={{ ...item, width: 180 }}>
          <Input maxLength={30} data-testid={`${testId}-key`} />
        </Form.Item>
        <Form.Item name={[field.name, 'nameZh']} label={t('competition.nameZh')} style={{ ...item, flex: '1 1 160px' }}>
          <Input maxLength={40} data-testid={`${testId}-zh`} />
        </Form.Item>
        <Form.Item name={[field.name, 'nameEn']} label={t('competition.nameEn')} style={{ ...item, flex: '1 1 200px' }}>
          <Input maxLength={80} data-testid={`${testId}-en`} />
        </Form.Item>
        <Form.Item name={[field.name, 'points']} label={t('competition.points')} style={{ ...item, width: 110 }}>
          <InputNumber min={0} max={COMPETITION_LIMITS.pointsMax} style={{ width: '100%' }} data-testid={`${testId}-points`} />
        </Form.Item>
        <Form.Item label=" " style={item}>
          <Tooltip title={t('competition.removeIndicator')}>
            <Button
              type="text"
              danger
              icon={<DeleteOutlined />}
              disabled={!canRemove}
              onClick={onRemove}
              aria-label={t('competition.removeIndicator')}
              data-testid={`${testId}-remove`}
            />
          </Tooltip>
        </Form.Item>
      </Flex>
      <Flex gap={8} wrap align="start">
        <Form.Item name={[field.name, 'source', 'kind']} label={t('competition.source')} style={{ ...item, width: 200 }}>
          <Select
            options={COMPETITION_SOURCES.map((kind) => ({ value: kind, label: t(`competition.sourceKind.${kind}`) }))}
            data-testid={`${testId}-source`}
          />
        </Form.Item>
        {sourceKind === 'fulfilment' ? (
          <Form.Item name={[field.name, 'source', 'letterKind']} label={t('competition.letterKind')} style={{ ...item, width: 170 }}>
            <Select
              options={LETTER_KINDS.map((kind) => ({ value: kind, label: t(`letterKind.${kind}`) }))}
              data-testid={`${testId}-letter-kind`}
            />
          </Form.Item>
        ) : null}
        {sourceKind === 'honours' ? (
          <Form.Item name={[field.name, 'source', 'list']} label={t('competition.honourList')} style={{ ...item, width: 130 }}>
            <Select
              options={HONOUR_LISTS.map((list) => ({ value: list, label: t(`lights.honour-${list}`) }))}
              data-testid={`${testId}-list`}
            />
          </Form.Item>
        ) : null}
        {sourceKind === 'board' ? (
          <Form.Item name={[field.name, 'source', 'metric']} label={t('competition.metric')} style={{ ...item, width: 170 }}>
            <Select
              options={BOARD_METRICS.map((metric) => ({ value: metric, label: t(`boardMetric.${metric}`) }))}
              data-testid={`${testId}-metric`}
            />
          </Form.Item>
        ) : null}
        <Form.Item name={[field.name, 'rule', 'kind']} label={t('competition.rule')} style={{ ...item, width: 150 }}>
          <Select
            options={RULE_KINDS.map((kind) => ({ value: kind, label: t(`competition.ruleKind.${kind}`) }))}
            data-testid={`${testId}-rule`}
          />
        </Form.Item>
        {ruleKind === 'ratio' ? (
          <>
            <Form.Item
              name={[field.name, 'rule', 'target']}
              label={t('competition.target')}
              tooltip={t(percent ? 'competition.targetPercentHelp' : 'competition.targetHelp')}
              style={{ ...item, width: 150 }}
            >
              <InputNumber min={0} suffix={valueSuffix} style={{ width: '100%' }} data-testid={`${testId}-target`} />
            </Form.Item>
            <Form.Item
              name={[field.name, 'rule', 'cap']}
              label={t('competition.cap')}
              tooltip={t('competition.capHelp')}
              style={{ ...item, width: 110 }}
            >
              <InputNumber min={0.1} max={2} step={0.1} suffix="×" style={{ width: '100%' }} data-testid={`${testId}-cap`} />
            </Form.Item>
          </>
        ) : null}
        {ruleKind === 'rank' ? (
          <>
            <Form.Item name={[field.name, 'rule', 'order']} label={t('competition.order')} style={{ ...item, width: 170 }}>
              <Select
                options={(['desc', 'asc'] as const).map((order) => ({ value: order, label: t(`competition.orderKind.${order}`) }))}
                data-testid={`${testId}-order`}
              />
            </Form.Item>
            <Form.Item
              name={[field.name, 'rule', 'lowest']}
              label={t('competition.lowest')}
              tooltip={t('competition.lowestHelp')}
              style={{ ...item, width: 130 }}
            >
              <InputNumber min={0} max={100} suffix="%" style={{ width: '100%' }} data-testid={`${testId}-lowest`} />
            </Form.Item>
          </>
        ) : null}
        <Form.Item
          name={[field.name, 'missing']}
          label={t('competition.missing')}
          tooltip={t('competition.missingHelp')}
          style={{ ...item, width: 220 }}
        >
          <Select
            options={COMPETITION_MISSING.map((kind) => ({ value: kind, label: t(`competition.missingKind.${kind}`) }))}
            data-testid={`${testId}-missing`}
          />
        </Form.Item>
      </Flex>
      {ruleKind === 'thresholds' ? (
        <Form.Item label={t('competition.steps')} tooltip={t('competition.stepsHelp')} style={item}>
          <Form.List name={[field.name, 'rule', 'steps']}>
            {(steps, { add, remove }, { errors }) => (
              <Flex vertical gap={4}>
                {steps.map((step, s) => (
                  <Flex key={step.key} gap={8} align="start" wrap data-testid={`${testId}-step-${s}`}>
                    <Form.Item name={[step.name, 'min']} style={{ marginBottom: 4, width: 170 }}>
                      <InputNumber
                        prefix="≥"
                        suffix={valueSuffix}
                        placeholder={t('competition.stepMin')}
                        style={{ width: '100%' }}
                        data-testid={`${testId}-step-${s}-min`}
                      />
                    </Form.Item>
                    <Form.Item name={[step.name, 'share']} style={{ marginBottom: 4, width: 150 }}>
                      <InputNumber
                        min={0}
                        max={100}
                        prefix={t('competition.stepSharePrefix')}
                        suffix="%"
                        style={{ width: '100%' }}
                        data-testid={`${testId}-step-${s}-share`}
                      />
                    </Form.Item>
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      disabled={steps.length <= 1}
                      onClick={() => remove(step.name)}
                      aria-label={t('competition.removeStep')}
                      data-testid={`${testId}-step-${s}-remove`}
                    />
                  </Flex>
                ))}
                <Form.ErrorList errors={errors} />
                <Button
                  type="link"
                  size="small"
                  icon={<PlusOutlined />}
                  disabled={steps.length >= 10}
                  onClick={() => add({ share: 0 })}
                  style={{ alignSelf: 'flex-start', paddingInline: 0 }}
                  data-testid={`${testId}-step-add`}
                >
                  {t('competition.addStep')}
                </Button>
              </Flex>
            )}
          </Form.List>
        </Form.Item>
      ) : null}
    </div>
  );
}
