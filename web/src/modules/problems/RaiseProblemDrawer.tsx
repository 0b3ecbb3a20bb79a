import { useMutation } from '@tanstack/react-query';
import { App, Button, Col, Drawer, Form, Input, Radio, Row, Select, Space, TreeSelect } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { PROBLEM_LIMITS, type Problem, RaiseProblemSchema, shanghaiDate } from '../../../../src/contracts/index.js';
import { api } from '../../api/endpoints';
import { useCan, useSession } from '../../app/session';
import { useT } from '../../i18n';
import { blankToNull, blankToUndefined, parseForm } from '../../lib/zod-form';
import { buildUnitTree } from '../org/unit-tree';
import { useUnitTree } from '../projects/shared/hooks';
import { IsoDatePicker } from '../projects/shared/inputs';
import { useFormFeedback } from '../projects/shared/use-form-feedback';
import { ProjectPicker } from '../reports/ProjectPicker';
import { useIsPhone, useProblemSettings } from './labels';
import { measuresFromText } from './problems';

interface RaiseValues {
  subject: 'project' | 'unit';
  unitId?: number;
  projectId?: number | null;
  category?: string;
  title?: string;
  description?: string;
  /** One measure per line. */
  measures?: string;
  responsibility?: {
    leadUnitId?: number;
    leadPerson?: string;
    cooperatingUnitIds?: number[];
    deadline?: string | null;
  };
}

/**
 * 提出问题: the problem (问题清单) about a project or a unit, its first measures (措施清单) and,
 * for the city, the responsibility split (责任清单) at once. Checked with the contract schema.
 */
export function RaiseProblemDrawer({ onClose, onRaised }: { onClose: () => void; onRaised: (problem: Problem) => void }) {
  const { t, locale } = useT();
  const session = useSession();
  const can = useCan();
  const canAssign = can('problem.assign');
  const { message } = App.useApp();
  const formFeedback = useFormFeedback();
  const isPhone = useIsPhone();
  const [form] = Form.useForm<RaiseValues>();
  const settings = useProblemSettings();
  const units = useUnitTree();
  const unitTree = useMemo(() => buildUnitTree(units.items, { locale, isSelectable: (unit) => unit.isActive }), [units.items, locale]);
  const subject = Form.useWatch('subject', form);
  const unitId = Form.useWatch('unitId', form);
  const category = Form.useWatch('category', form);
  const leadUnitId = Form.useWatch(['responsibility', 'leadUnitId'], form);
  const today = shanghaiDate(new Date());
  const categories = (settings.data?.problemCategories ?? []).filter((entry) => entry.isActive);
  const limitDays = categories.find((entry) => entry.key === category)?.limitDays;

  const raise = useMutation({
    mutationFn: async (values: RaiseValues) => {
      const measures = measuresFromText(values.measures);
      const responsibility =
        canAssign && values.responsibility?.leadUnitId !== undefined
          ? {
              leadUnitId: values.responsibility.leadUnitId,
              leadPerson: blankToNull(values.responsibility.leadPerson?.trim()),
              cooperatingUnitIds: values.responsibility.cooperatingUnitIds ?? [],
              deadline: blankToNull(values.responsibility.deadline),
            }
          : undefined;
      const body = parseForm(
        RaiseProblemSchema,
        {
          ...(values.subject === 'project' ? { projectId: values.projectId ?? undefined } : { unitId: values.unitId }),
          category: blankToUndefined(values.category),
          title: blankToUndefined(values.title?.trim()),
          description: blankToUndefined(values.description?.trim()),
          ...(measures.length ? { measures } : {}),
          ...(responsibility ? { responsibility } : {}),
        },
        locale,
      );
      return await api.problems.raise(body);
    },
    onSuccess: (problem) => {
      message.success(t('problems.raised'));
      onRaised(problem);
    },
    onError: (error) => formFeedback(error, form),
  });

  return (
    <Drawer
      open
      size={isPhone ? '100%' : 720}
      title={t('problems.raiseTitle')}
      onClose={onClose}
      destroyOnHidden
      data-testid="problem-raise-drawer"
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={raise.isPending} onClick={() => form.submit()} data-testid="problem-raise-submit">
            {t('problems.raiseSubmit')}
          </Button>
        </Space>
      }
    >
      <Form<RaiseValues>
        form={form}
        layout="vertical"
        initialValues={{ subject: 'project', unitId: session.user.scopeUnitId ?? undefined }}
        onFinish={(values) => raise.mutate(values)}
        onValuesChange={(changed: Partial<RaiseValues>) => {
          form.setFields(Object.keys(changed).map((name) => ({ name: name as keyof RaiseValues, errors: [] })));
          if ('unitId' in changed) form.setFieldValue('projectId', null);
        }}
      >
        <Form.Item name="subject" label={t('problems.subjectKind')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'project', label: t('problems.subjectProject') },
              { value: 'unit', label: t('problems.subjectUnit') },
            ]}
            data-testid="problem-subject"
          />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="unitId" label={t('problems.unit')} required={subject === 'unit'}>
              <TreeSelect
                showSearch={{ treeNodeFilterProp: 'title' }}
                treeData={unitTree}
                listHeight={320}
                placeholder={t('problems.unitPlaceholder')}
                data-testid="problem-unit"
              />
            </Form.Item>
          </Col>
          {subject === 'project' ? (
            <Col xs={24} md={12}>
              <Form.Item name="projectId" label={t('problems.project')} required>
                <ProjectPicker unitId={unitId} allowClear testId="problem-project" />
              </Form.Item>
            </Col>
          ) : null}
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="category"
              label={t('problems.category')}
              required
              extra={limitDays ? t('problems.limitHint', { days: limitDays }) : undefined}
            >
              <Select
                loading={settings.isPending}
                options={categories.map((entry) => ({ value: entry.key, label: locale === 'en-US' ? entry.nameEn : entry.nameZh }))}
                data-testid="problem-category"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="title" label={t('problems.titleField')} required>
              <Input maxLength={PROBLEM_LIMITS.titleMax} data-testid="problem-title" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="description" label={t('problems.description')} required>
          <Input.TextArea rows={4} maxLength={PROBLEM_LIMITS.textMax} showCount data-testid="problem-description" />
        </Form.Item>
        <Form.Item name="measures" label={t('problems.measures')} extra={t('problems.measuresHint')}>
          <Input.TextArea rows={3} data-testid="problem-measures" />
        </Form.Item>
        {canAssign ? (
          <>
            <Form.Item label={t('problems.responsibility')} extra={t('problems.responsibilityHint')} style={{ marginBottom: 8 }} />
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item name={['responsibility', 'leadUnitId']} label={t('problems.leadUnit')}>
                  <TreeSelect
                    allowClear
                    showSearch={{ treeNodeFilterProp: 'title' }}
                    treeData={unitTree}
                    listHeight={320}
                    data-testid="problem-lead-unit"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name={['responsibility', 'leadPerson']} label={t('problems.leadPerson')}>
                  <Input maxLength={50} disabled={leadUnitId === undefined} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name={['responsibility', 'cooperatingUnitIds']} label={t('problems.cooperatingUnits')}>
                  <TreeSelect
                    multiple
                    allowClear
                    showSearch={{ treeNodeFilterProp: 'title' }}
                    treeData={unitTree}
                    listHeight={320}
                    disabled={leadUnitId === undefined}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name={['responsibility', 'deadline']} label={t('problems.deadline')} extra={t('problems.deadlineHint')}>
                  <IsoDatePicker
                    disabled={leadUnitId === undefined}
                    disabledDate={(date) => date.isBefore(dayjs(today), 'day')}
                    data-testid="problem-deadline"
                  />
                </Form.Item>
              </Col>
            </Row>
          </>
        ) : null}
      </Form>
    </Drawer>
  );
}
