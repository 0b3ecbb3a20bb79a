import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  type FormListFieldData,
  Input,
  InputNumber,
  Row,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  CALENDAR_HOLIDAY_NAMES,
  type CalendarResponse,
  type CalendarYear,
  CalendarYearSchema,
  type ProblemSettings,
  UpdateProblemSettingsSchema,
} from '../../../../src/contracts/index.js';
import { api } from '../../api/endpoints';
import { FullPageSpin } from '../../components/FullPageSpin';
import { LoadError } from '../../components/LoadError';
import { PageContainer } from '../../components/PageContainer';
import { useT } from '../../i18n';
import { clearErrorsOnChange } from '../../lib/form-errors';
import { parseForm } from '../../lib/zod-form';
import { currentYear } from '../monitoring/use-monitoring';
import { useFormFeedback } from '../projects/shared/use-form-feedback';
import { ListEditor } from './ListEditor';
import { useSettingsForm } from './use-settings-form';

const SETTINGS_KEY = ['problems', 'settings'] as const;
const calendarKey = (year: number) => ['problems', 'calendar', year] as const;

/** ISO dates in the form values, date pickers on screen. */
const dateProps = {
  getValueProps: (value: unknown) => ({ value: typeof value === 'string' && value ? dayjs(value) : null }),
  // A cleared date is missing (undefined), so the schema says it is required.
  normalize: (value: Dayjs | null) => (value ? value.format('YYYY-MM-DD') : undefined),
};

/**
 * 问题清单配置 (city operator): problem and appeal categories with their time limits, the
 * escalation ladder, reminders and the supervision notice, and the working-day calendar
 * (China's holidays and 调休 working days) the deadlines are counted on.
 */
export default function ProblemSettingsPage() {
  const { t } = useT();
  return (
    <PageContainer title={t('problemSettings.title')}>
      <Tabs
        items={[
          { key: 'rules', label: t('problemSettings.tabRules'), children: <RulesForm /> },
          { key: 'calendar', label: t('problemSettings.tabCalendar'), children: <CalendarEditor /> },
        ]}
        data-testid="problem-settings-tabs"
      />
    </PageContainer>
  );
}

function RulesForm() {
  const { t } = useT();
  const { form, settings, save, formVersion } = useSettingsForm<ProblemSettings>({
    queryKey: SETTINGS_KEY,
    load: api.problems.settings,
    schema: UpdateProblemSettingsSchema,
    save: api.problems.saveSettings,
    // The ladder's order is a rule of the three steps together: shown on the first.
    remap: (path) => (path === 'escalation' ? 'escalation.unitAfter' : path),
  });

  if (settings.error && !settings.data) return <LoadError error={settings.error} onRetry={() => void settings.refetch()} />;
  if (!settings.data) return <FullPageSpin />;
  const { version, ...initial } = settings.data;
  const days = (name: (string | number)[], label: string, max: number, testId?: string, extra?: string) => (
    <Form.Item name={name} label={label} extra={extra}>
      <InputNumber
        min={1}
        max={max}
        precision={0}
        suffix={t('problemSettings.workingDays')}
        style={{ width: '100%' }}
        data-testid={testId}
      />
    </Form.Item>
  );

  return (
    <Form<ProblemSettings>
      key={formVersion}
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={(values) => save.mutate(values)}
      onValuesChange={clearErrorsOnChange(form)}
      data-testid="problem-settings-form"
    >
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {version === 0 ? <Alert type="info" showIcon title={t('settings.defaults')} /> : null}
        <Card
          title={t('problemSettings.problemCategories')}
          extra={<Typography.Text type="secondary">{t('settings.keyHint')}</Typography.Text>}
        >
          <ListEditor
            name="problemCategories"
            savedCount={initial.problemCategories.length}
            testId="problem-categories"
            newEntry={{ limitDays: 15 }}
            extraColumns={[
              {
                title: t('problemSettings.limitDays'),
                key: 'limitDays',
                width: 170,
                render: (_, field) => (
                  <Form.Item name={[field.name, 'limitDays']} style={{ margin: 0 }}>
                    <InputNumber
                      min={1}
                      max={365}
                      precision={0}
                      suffix={t('problemSettings.workingDays')}
                      // A width of its own: the name columns would squeeze it until the number is hidden.
                      style={{ width: 160 }}
                      data-testid="problem-category-limit"
                    />
                  </Form.Item>
                ),
              },
            ]}
          />
        </Card>
        <Card title={t('problemSettings.appealCategories')}>
          <ListEditor name="appealCategories" savedCount={initial.appealCategories.length} testId="appeal-categories" />
        </Card>
        <Card title={t('problemSettings.limits')}>
          <Row gutter={24}>
            <Col xs={24} md={6}>
              {days(['appealLimits', 'acceptDays'], t('problemSettings.acceptDays'), 30)}
            </Col>
            <Col xs={24} md={6}>
              {days(['appealLimits', 'replyDays'], t('problemSettings.replyDays'), 60)}
            </Col>
            <Col xs={24} md={6}>
              {days(['appealLimits', 'resolveDays'], t('problemSettings.resolveDays'), 365)}
            </Col>
            <Col xs={24} md={6}>
              {days(['appealLimits', 'complexResolveDays'], t('problemSettings.complexResolveDays'), 365)}
            </Col>
            <Col xs={24} md={6}>
              {days(
                ['escalation', 'unitAfter'],
                t('problemSettings.unitAfter'),
                60,
                'escalation-unit',
                t('problemSettings.escalationHint'),
              )}
            </Col>
            <Col xs={24} md={6}>
              {days(['escalation', 'departmentAfter'], t('problemSettings.departmentAfter'), 120, 'escalation-department')}
            </Col>
            <Col xs={24} md={6}>
              {days(['escalation', 'leaderAfter'], t('problemSettings.leaderAfter'), 240, 'escalation-leader')}
            </Col>
            <Col xs={24} md={6}>
              {days(['reminderDays'], t('problemSettings.reminderDays'), 10)}
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="noticeIssuer" label={t('problemSettings.noticeIssuer')}>
                <Input maxLength={60} />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="noticePrefix" label={t('problemSettings.noticePrefix')} extra={t('problemSettings.noticePrefixHint')}>
                <Input maxLength={10} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="problem-settings-save">
          {t('common.save')}
        </Button>
      </Space>
    </Form>
  );
}

/** A year of the working-day calendar, entered or corrected from the State Council's notice. */
function CalendarEditor() {
  const { t } = useT();
  const thisYear = currentYear();
  const [year, setYear] = useState(thisYear);
  const calendar = useQuery({ queryKey: calendarKey(year), queryFn: () => api.problems.calendar(year) });
  const next = thisYear + 1;
  const nextMissing = calendar.data && !calendar.data.coveredYears.includes(next) && year !== next;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {nextMissing ? (
        <Alert
          type="warning"
          showIcon
          title={t('calendar.nextMissing', { year: next })}
          action={
            <Button size="small" onClick={() => setYear(next)} data-testid="calendar-enter-next">
              {t('calendar.enterYear', { year: next })}
            </Button>
          }
          data-testid="calendar-next-missing"
        />
      ) : null}
      <Space wrap>
        <Typography.Text>{t('calendar.year')}</Typography.Text>
        <DatePicker
          picker="year"
          allowClear={false}
          value={dayjs(`${year}-01-01`)}
          onChange={(date) => {
            if (date) setYear(date.year());
          }}
          data-testid="calendar-year"
        />
        {calendar.data ? (
          <Typography.Text type="secondary">
            {t('calendar.covered', { years: calendar.data.coveredYears.join(t('common.listSeparator')) })}
          </Typography.Text>
        ) : null}
      </Space>
      {calendar.error && !calendar.data ? <LoadError error={calendar.error} onRetry={() => void calendar.refetch()} /> : null}
      {/* One form per year, filled from that year's entry. */}
      {calendar.data ? <CalendarForm key={year} year={year} entry={calendar.data} /> : calendar.error ? null : <FullPageSpin />}
    </Space>
  );
}

function CalendarForm({ year, entry }: { year: number; entry: CalendarResponse }) {
  const { t, locale } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const formFeedback = useFormFeedback();
  const [form] = Form.useForm<CalendarYear>();
  // A year not entered yet starts with the holidays every notice names, their dates to fill in.
  const initial =
    entry.origin === 'none'
      ? { source: '', holidays: CALENDAR_HOLIDAY_NAMES.map((name) => ({ name })), workdays: [] }
      : { source: entry.source, holidays: entry.holidays, workdays: entry.workdays };

  const save = useMutation({
    mutationFn: (values: CalendarYear) => api.problems.saveCalendar(year, parseForm(CalendarYearSchema, values, locale)),
    onSuccess: (saved) => {
      message.success(t('common.saved'));
      queryClient.setQueryData(calendarKey(year), saved);
      for (const other of saved.coveredYears) if (other !== year) void queryClient.invalidateQueries({ queryKey: calendarKey(other) });
    },
    onError: (error) => formFeedback(error, form),
  });

  const origin = {
    file: <Tag color="blue">{t('calendar.origin.file')}</Tag>,
    upload: <Tag color="green">{t('calendar.origin.upload')}</Tag>,
    none: <Tag color="orange">{t('calendar.origin.none')}</Tag>,
  }[entry.origin];

  return (
    <Form<CalendarYear>
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={(values) => save.mutate(values)}
      onValuesChange={clearErrorsOnChange(form)}
      data-testid="calendar-form"
    >
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {entry.origin === 'none' ? <Alert type="warning" showIcon title={t('calendar.noneHint', { year })} /> : null}
        <Card
          title={
            <Space>
              {t('calendar.title', { year })}
              <span data-testid="calendar-origin" data-origin={entry.origin}>
                {origin}
              </span>
            </Space>
          }
          extra={<Typography.Text type="secondary">{t('calendar.saveHint')}</Typography.Text>}
        >
          <Form.Item name="source" label={t('calendar.source')} extra={t('calendar.sourceHint')}>
            <Input maxLength={300} data-testid="calendar-source" />
          </Form.Item>
          <Row gutter={24}>
            <Col xs={24} lg={14}>
              <Typography.Title level={5}>{t('calendar.holidays')}</Typography.Title>
              <DatedRows
                name="holidays"
                testId="calendar-holidays"
                dates={[
                  { key: 'from', title: t('calendar.from'), testId: 'calendar-holiday-from' },
                  { key: 'to', title: t('calendar.to'), testId: 'calendar-holiday-to' },
                ]}
                addLabel={t('calendar.addHoliday')}
              />
            </Col>
            <Col xs={24} lg={10}>
              <Typography.Title level={5}>{t('calendar.workdays')}</Typography.Title>
              <DatedRows
                name="workdays"
                testId="calendar-workdays"
                dates={[{ key: 'date', title: t('calendar.date'), testId: 'calendar-workday-date' }]}
                addLabel={t('calendar.addWorkday')}
                addTestId="calendar-add-workday"
              />
            </Col>
          </Row>
        </Card>
        <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="calendar-save">
          {t('common.save')}
        </Button>
      </Space>
    </Form>
  );
}

/** The rows of one list of the calendar (holidays, adjusted working days): a name, its dates, a delete button. */
function DatedRows(props: {
  name: 'holidays' | 'workdays';
  testId: string;
  dates: { key: string; title: string; testId: string }[];
  addLabel: string;
  addTestId?: string;
}) {
  const { t } = useT();
  return (
    <Form.List name={props.name}>
      {(fields, { add, remove }) => (
        <>
          <Table
            size="small"
            pagination={false}
            rowKey="key"
            dataSource={fields}
            data-testid={props.testId}
            columns={[
              {
                title: t('calendar.name'),
                key: 'name',
                render: (_, field) => (
                  <Form.Item name={[field.name, 'name']} style={{ margin: 0 }}>
                    <Input maxLength={40} />
                  </Form.Item>
                ),
              },
              ...props.dates.map((date) => ({
                title: date.title,
                key: date.key,
                render: (_: unknown, field: FormListFieldData) => (
                  <Form.Item name={[field.name, date.key]} style={{ margin: 0 }} {...dateProps}>
                    <DatePicker data-testid={date.testId} />
                  </Form.Item>
                ),
              })),
              {
                title: t('common.actions'),
                key: 'actions',
                width: 70,
                render: (_, field) => (
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t('projectForm.remove')}
                    onClick={() => remove(field.name)}
                  />
                ),
              },
            ]}
          />
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            block
            style={{ marginTop: 8 }}
            onClick={() => add({ name: '' })}
            data-testid={props.addTestId}
          >
            {props.addLabel}
          </Button>
        </>
      )}
    </Form.List>
  );
}
