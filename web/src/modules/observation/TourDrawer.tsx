import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, DatePicker, Drawer, Flex, Form, Input, InputNumber, Select, Space, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  DEFAULT_OBSERVATION_CRITERIA,
  type JudgeCandidate,
  OBSERVATION_LIMITS,
  shanghaiDate,
  type Tour,
} from '../../../../src/contracts/index.js';
import { api } from '../../api/endpoints';
import { useT } from '../../i18n';
import { clearErrorsOnChange } from '../../lib/form-errors';
import { useUnitLabel } from '../projects/shared/hooks';
import { useFormFeedback } from '../projects/shared/use-form-feedback';
import { useIsPhone } from '../problems/labels';
import { ProjectsSelect } from './ProjectsSelect';
import { type CriterionRow, formValuesOf, nextCriterionKey, parseTour, parseTourUpdate, weightTotal } from './tour-form';

interface Values {
  title?: string;
  year?: number | null;
  quarter?: number | null;
  heldOn?: Dayjs | null;
  criteria?: CriterionRow[];
  projectIds?: number[];
  judgeUserIds?: number[];
}

const QUARTERS = [1, 2, 3, 4] as const;

/** The quarter a date falls in. */
function quarterOf(date: string): number {
  return Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1;
}

/**
 * 新建观摩 / 编辑观摩 (a draft): title, year and quarter, the day, the weighted criteria (the
 * defaults of PRODUCT §2.6 to start with), the sites in the order of the route and the judges.
 * Checked with the contract's schema before it is sent; the server's field errors land on the
 * same fields.
 */
export function TourDrawer({ tour, onClose, onSaved }: { tour?: Tour; onClose: () => void; onSaved: (tour: Tour) => void }) {
  const { t, locale } = useT();
  const { message } = App.useApp();
  const formFeedback = useFormFeedback();
  const isPhone = useIsPhone();
  const unitOf = useUnitLabel();
  const [form] = Form.useForm<Values>();
  const criteria = Form.useWatch('criteria', form);
  const total = weightTotal(criteria);

  const candidates = useQuery({
    queryKey: ['observation', 'judge-candidates'],
    queryFn: api.observation.judgeCandidates,
    staleTime: 5 * 60_000,
  });
  const judgeLabel = (judge: Pick<JudgeCandidate, 'displayName' | 'role' | 'scopeUnitId' | 'scopeUnitName'>) =>
    t('observation.judgeOption', {
      name: judge.displayName,
      role: t(`role.${judge.role}`),
      unit: judge.scopeUnitId ? unitOf(judge.scopeUnitId, judge.scopeUnitName) : t('observation.cityWide'),
    });
  const judgeOptions = (candidates.data?.items ?? []).map((judge) => ({ value: judge.userId, label: judgeLabel(judge) }));
  // Judges of the tour edited who are no longer candidates keep their names.
  for (const judge of tour?.judges ?? []) {
    if (!judgeOptions.some((option) => option.value === judge.userId)) judgeOptions.push({ value: judge.userId, label: judgeLabel(judge) });
  }

  const save = useMutation({
    mutationFn: async (values: Values) => {
      const own = { ...values, heldOn: values.heldOn?.format('YYYY-MM-DD') };
      if (tour) return await api.observation.update(tour.id, parseTourUpdate(own, tour.version, locale));
      return await api.observation.create(parseTour(own, locale));
    },
    onSuccess: (saved) => {
      message.success(t(tour ? 'observation.updated' : 'observation.created'));
      onSaved(saved);
    },
    onError: (error) => formFeedback(error, form),
  });

  const today = shanghaiDate(new Date());
  const initial = tour
    ? { ...formValuesOf(tour), heldOn: dayjs(tour.heldOn) }
    : {
        year: Number(today.slice(0, 4)),
        quarter: quarterOf(today),
        heldOn: dayjs(today),
        criteria: DEFAULT_OBSERVATION_CRITERIA.map((c) => ({ ...c })),
        projectIds: [],
        judgeUserIds: [],
      };

  return (
    <Drawer
      open
      size={isPhone ? '100%' : 880}
      title={tour ? t('observation.edit') : t('observation.create')}
      onClose={onClose}
      destroyOnHidden
      data-testid="tour-drawer"
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="tour-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(values) => save.mutate(values)}
        onValuesChange={clearErrorsOnChange(form)}
      >
        <Form.Item name="title" label={t('observation.tourTitle')} required>
          <Input maxLength={100} placeholder={t('observation.titlePlaceholder')} data-testid="tour-title" />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item name="year" label={t('observation.year')} required>
            <InputNumber min={2000} max={2100} precision={0} style={{ width: 120 }} data-testid="tour-year" />
          </Form.Item>
          <Form.Item name="quarter" label={t('observation.quarter')} tooltip={t('observation.quarterHelp')}>
            <Select
              allowClear
              style={{ width: 140 }}
              placeholder={t('observation.noQuarter')}
              options={QUARTERS.map((quarter) => ({ value: quarter, label: t('observation.quarterN', { quarter }) }))}
              data-testid="tour-quarter"
            />
          </Form.Item>
          <Form.Item name="heldOn" label={t('observation.heldOn')} required>
            <DatePicker allowClear={false} data-testid="tour-held-on" />
          </Form.Item>
        </Flex>

        <Form.Item
          label={
            <Space size={8}>
              <span>{t('observation.criteria')}</span>
              <Typography.Text type="secondary" data-testid="tour-weight-total">
                {t('observation.weightTotal', { total })}
              </Typography.Text>
            </Space>
          }
          required
        >
          <Form.List name="criteria">
            {(fields, { add, remove }, { errors }) => (
              <>
                {isPhone ? null : (
                  <Flex gap={8} style={{ marginBottom: 4 }}>
                    <Typography.Text type="secondary" style={{ flex: '1 1 140px' }}>
                      {t('observation.criterionNameZh')}
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ flex: '1 1 180px' }}>
                      {t('observation.criterionNameEn')}
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ width: 110 }}>
                      {t('observation.weight')}
                    </Typography.Text>
                    <span style={{ width: 32 }} />
                  </Flex>
                )}
                {fields.map((field, index) => (
                  <Flex key={field.key} gap={8} wrap align="start" data-testid={`criterion-row-${index}`}>
                    <Form.Item name={[field.name, 'key']} hidden>
                      <Input />
                    </Form.Item>
                    <Form.Item name={[field.name, 'nameZh']} style={{ flex: '1 1 140px', marginBottom: 8 }}>
                      <Input maxLength={30} placeholder={t('observation.criterionNameZh')} data-testid={`criterion-zh-${index}`} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'nameEn']} style={{ flex: '1 1 180px', marginBottom: 8 }}>
                      <Input maxLength={60} placeholder={t('observation.criterionNameEn')} data-testid={`criterion-en-${index}`} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'weight']} style={{ width: 110, marginBottom: 8 }}>
                      <InputNumber
                        min={1}
                        max={OBSERVATION_LIMITS.weightMax}
                        precision={0}
                        placeholder={t('observation.weight')}
                        style={{ width: '100%' }}
                        data-testid={`criterion-weight-${index}`}
                      />
                    </Form.Item>
                    <Tooltip title={t('observation.removeCriterion')}>
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        disabled={fields.length <= 1}
                        onClick={() => remove(field.name)}
                        aria-label={t('observation.removeCriterion')}
                        data-testid={`criterion-remove-${index}`}
                      />
                    </Tooltip>
                  </Flex>
                ))}
                <Form.ErrorList errors={errors} />
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  disabled={fields.length >= OBSERVATION_LIMITS.criteriaMax}
                  onClick={() => add({ key: nextCriterionKey(form.getFieldValue('criteria') ?? []) })}
                  data-testid="criterion-add"
                >
                  {t('observation.addCriterion')}
                </Button>
              </>
            )}
          </Form.List>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {t('observation.criteriaHint')}
          </Typography.Paragraph>
        </Form.Item>

        <Form.Item name="projectIds" label={t('observation.sites')} required extra={t('observation.sitesHint')}>
          <ProjectsSelect sites={tour?.sites} />
        </Form.Item>
        <Form.Item name="judgeUserIds" label={t('observation.judges')} required extra={t('observation.judgesHint')}>
          <Select<number[]>
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            loading={candidates.isLoading}
            options={judgeOptions}
            placeholder={t('observation.judgesPlaceholder')}
            data-testid="tour-judges"
          />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
