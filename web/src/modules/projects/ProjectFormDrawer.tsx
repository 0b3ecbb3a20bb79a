import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Col, Divider, Drawer, Form, Input, InputNumber, Row, Select, Space, Table, TreeSelect, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import {
  CODE_LABELS,
  CreateProjectSchema,
  type Locale,
  type MilestoneKind,
  PROJECT_CATEGORIES,
  PROJECT_KINDS,
  PROJECT_LEVELS,
  type Project,
  ProjectCodeSchema,
  shanghaiDate,
  type UnitTreeNode,
  UpdateProjectSchema,
  UsccSchema,
} from '../../../../src/contracts/index.js';
import { api } from '../../api/endpoints';
import { useCan, useSession } from '../../app/session';
import { LoadError } from '../../components/LoadError';
import { useT } from '../../i18n';
import { clearErrorsOnChange } from '../../lib/form-errors';
import { parseForm, schemaRule } from '../../lib/zod-form';
import { buildUnitTree } from '../org/unit-tree';
import { MonthlyInput } from './MonthlyInput';
import { changesOf, EMPTY_MONTHS, formValuesOf, type ProjectFormValues, payloadOf } from './project-form';
import { remapIndex } from './shared/form-paths';
import { useLeaders, useRegistrySettings, useUnitLabel, useUnitTree } from './shared/hooks';
import { IndustrySelect } from './shared/IndustrySelect';
import { IsoDatePicker, MoneyInput } from './shared/inputs';
import { useFormFeedback } from './shared/use-form-feedback';

function codeOptions(set: 'projectCategory' | 'projectLevel' | 'projectKind', codes: readonly string[], locale: Locale) {
  return codes.map((value) => ({ value, label: (CODE_LABELS[set] as Record<string, Record<Locale, string>>)[value]?.[locale] ?? value }));
}

/** The units under (and including) `rootId` in a flat tree. */
function subtreeIds(items: readonly UnitTreeNode[], rootId: number): Set<number> {
  const ids = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const unit of items) {
      if (unit.parentId !== null && ids.has(unit.parentId) && !ids.has(unit.id)) {
        ids.add(unit.id);
        grew = true;
      }
    }
  }
  return ids;
}

/**
 * 项目表单 in a drawer: every field of the project, checked with the contract schema before it
 * goes, server field errors on their fields (list rows included). An edit sends only what changed.
 */
export function ProjectFormDrawer({
  projectId,
  onClose,
  onSaved,
}: {
  projectId: number | null;
  onClose: () => void;
  onSaved: (project: Project) => void;
}) {
  const isCreate = projectId === null;
  const loaded = useQuery({
    queryKey: ['projects', 'detail', projectId],
    queryFn: () => api.projects.get(projectId as number),
    enabled: !isCreate,
  });
  const { t } = useT();
  return (
    <Drawer
      open
      size={980}
      title={isCreate ? t('projects.create') : t('projects.edit')}
      onClose={onClose}
      destroyOnHidden
      loading={!isCreate && loaded.isPending}
      data-testid="project-form-drawer"
    >
      {isCreate ? <ProjectForm project={null} onClose={onClose} onSaved={onSaved} /> : null}
      {!isCreate && loaded.error ? <LoadError error={loaded.error} onRetry={() => void loaded.refetch()} /> : null}
      {!isCreate && loaded.data ? <ProjectForm project={loaded.data} onClose={onClose} onSaved={onSaved} /> : null}
    </Drawer>
  );
}

function ProjectForm({
  project: initial,
  onClose,
  onSaved,
}: {
  project: Project | null;
  onClose: () => void;
  onSaved: (project: Project) => void;
}) {
  const { t, locale } = useT();
  const session = useSession();
  const can = useCan();
  const { message } = App.useApp();
  const formFeedback = useFormFeedback();
  const [form] = Form.useForm<ProjectFormValues>();
  const [project, setProject] = useState(initial);
  const isCreate = project === null;

  const units = useUnitTree();
  const unitOf = useUnitLabel();
  const settings = useRegistrySettings();
  const leaders = useLeaders();
  const manageable = useMemo(() => buildUnitTree(units.items, { locale, isSelectable: (unit) => unit.isActive }), [units.items, locale]);
  const unitId = Form.useWatch('unitId', form);
  const parks = useMemo(() => {
    const under = unitId ? subtreeIds(units.items, unitId) : null;
    return units.items.filter((unit) => unit.kind === 'park' && unit.isActive && (!under || under.has(unit.id)));
  }, [units.items, unitId]);

  const ownerUscc = Form.useWatch('ownerUscc', form);
  const usccValid = typeof ownerUscc === 'string' && UsccSchema.safeParse(ownerUscc).success;
  const owner = useQuery({
    queryKey: ['enterprises', 'lookup', ownerUscc],
    queryFn: () => api.enterprises.lookup(ownerUscc as string),
    enabled: usccValid && can('org.enterprise.lookup') && ownerUscc !== project?.ownerUscc,
  });
  const knownOwner = owner.data?.items.find((item) => item.uscc === ownerUscc?.toUpperCase());
  useEffect(() => {
    if (knownOwner) form.setFieldValue('ownerName', knownOwner.name);
  }, [knownOwner, form]);

  const today = shanghaiDate(new Date());
  const defaultUnit = session.user.role === 'reporting_unit' ? (session.user.scopeUnitId ?? undefined) : undefined;

  const save = useMutation({
    mutationFn: async (values: ProjectFormValues) => {
      const { payload, milestoneRows } = payloadOf(values);
      const remap = remapIndex('milestones', milestoneRows);
      try {
        if (!project) return await api.projects.create(parseForm(CreateProjectSchema, payload, locale));
        const changes = changesOf(project, payload);
        if (Object.keys(changes).length === 0) return null;
        return await api.projects.update(project.id, parseForm(UpdateProjectSchema, { version: project.version, ...changes }, locale));
      } catch (error) {
        throw Object.assign(new Error('save failed'), { cause: error, remap });
      }
    },
    onSuccess: (saved) => {
      if (saved === null) {
        message.info(t('projectForm.noChanges'));
        onClose();
        return;
      }
      message.success(isCreate ? t('projects.created') : t('common.saved'));
      onSaved(saved);
    },
    onError: (wrapped: Error & { cause?: unknown; remap?: (path: string) => string }) =>
      formFeedback(wrapped.cause ?? wrapped, form, {
        remap: wrapped.remap,
        onConflict: () => {
          if (!project) return;
          void api.projects.get(project.id).then(
            (fresh) => {
              setProject(fresh);
              form.setFieldsValue(formValuesOf(fresh));
            },
            (error: unknown) => formFeedback(error, form),
          );
        },
      }),
  });

  const section = (title: string) => (
    <Divider titlePlacement="start" style={{ marginTop: 8 }}>
      {title}
    </Divider>
  );

  return (
    <Form<ProjectFormValues>
      form={form}
      layout="vertical"
      initialValues={formValuesOf(project, { unitId: defaultUnit })}
      onFinish={(values) => save.mutate(values)}
      onValuesChange={clearErrorsOnChange(form)}
      data-testid="project-form"
      scrollToFirstError
    >
      {section(t('projectForm.basic'))}
      <Row gutter={16}>
        <Col xs={24} md={16}>
          <Form.Item name="name" label={t('projectField.name')} required>
            <Input maxLength={200} data-testid="project-name" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name="code"
            label={t('projectField.code')}
            tooltip={t('projectForm.codeHint')}
            rules={[schemaRule(ProjectCodeSchema, locale)]}
            validateTrigger="onBlur"
          >
            <Input maxLength={24} placeholder="2201-430400-04-01-123456" style={{ fontFamily: 'monospace' }} data-testid="project-code" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="category" label={t('projectField.category')} required>
            <Select options={codeOptions('projectCategory', PROJECT_CATEGORIES, locale)} data-testid="project-category" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="level" label={t('projectField.level')} required>
            <Select options={codeOptions('projectLevel', PROJECT_LEVELS, locale)} data-testid="project-level" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="kind" label={t('projectField.kind')} required>
            <Select options={codeOptions('projectKind', PROJECT_KINDS, locale)} data-testid="project-kind" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="industryCode" label={t('projectField.industryCode')} required>
            <IndustrySelect data-testid="project-industry" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="industryChain" label={t('projectField.industryChain')}>
            <Select
              allowClear
              options={(settings.data?.industryChains ?? [])
                .filter((chain) => chain.isActive || chain.key === project?.industryChain)
                .map((chain) => ({ value: chain.key, label: locale === 'en-US' ? chain.nameEn : chain.nameZh }))}
            />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="description" label={t('projectField.description')}>
            <Input.TextArea rows={3} maxLength={4000} showCount />
          </Form.Item>
        </Col>
      </Row>

      {section(t('projectForm.responsibility'))}
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="unitId" label={t('projectField.unitId')} required>
            {units.enabled ? (
              <TreeSelect
                showSearch={{ treeNodeFilterProp: 'title' }}
                treeData={manageable}
                treeDefaultExpandAll
                listHeight={360}
                data-testid="project-unit"
                onChange={() => form.setFieldValue('parkId', null)}
              />
            ) : (
              <Input disabled value={project ? unitOf(project.unitId, project.unitName) : ''} />
            )}
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="parkId" label={t('projectField.parkId')} tooltip={t('projectForm.parkHint')}>
            <Select<number>
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={parks.map((park) => ({ value: park.id, label: unitOf(park.id) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="responsibleUnitId" label={t('projectField.responsibleUnitId')}>
            <TreeSelect
              allowClear
              showSearch={{ treeNodeFilterProp: 'title' }}
              treeData={manageable}
              listHeight={360}
              placeholder={project?.responsibleUnitName ?? undefined}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="liaisonLeaderUserId" label={t('projectField.liaisonLeaderUserId')}>
            <Select<number>
              allowClear
              loading={leaders.isPending}
              options={(leaders.data?.items ?? []).map((leader) => ({ value: leader.id, label: leader.displayName }))}
              data-testid="project-leader"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="ownerUscc"
            label={t('projectField.ownerUscc')}
            tooltip={t('projectForm.ownerHint')}
            rules={[schemaRule(UsccSchema, locale)]}
            validateTrigger="onBlur"
            extra={
              usccValid && ownerUscc !== project?.ownerUscc && owner.isFetched
                ? knownOwner
                  ? t('projectForm.ownerKnown', { name: knownOwner.name })
                  : t('projectForm.ownerNew')
                : undefined
            }
          >
            <Input maxLength={18} style={{ fontFamily: 'monospace' }} data-testid="project-owner-uscc" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="ownerName" label={t('projectField.ownerName')}>
            <Input maxLength={100} disabled={Boolean(knownOwner) || !ownerUscc} data-testid="project-owner-name" />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Text strong>{t('projectField.taskForce')}</Typography.Text>
      <Form.List name="taskForce">
        {(fields, { add, remove }) => (
          <div style={{ marginTop: 8 }}>
            {fields.map((field) => (
              <Row key={field.key} gutter={8} align="top">
                <Col xs={24} sm={7}>
                  <Form.Item name={[field.name, 'name']} required aria-label={t('projectDetail.taskForceName')}>
                    <Input placeholder={t('projectDetail.taskForceName')} maxLength={50} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={7}>
                  <Form.Item name={[field.name, 'role']} required>
                    <Input placeholder={t('projectDetail.taskForceRole')} maxLength={50} />
                  </Form.Item>
                </Col>
                <Col xs={20} sm={8}>
                  <Form.Item name={[field.name, 'phone']}>
                    <Input placeholder={t('projectDetail.taskForcePhone')} maxLength={20} />
                  </Form.Item>
                </Col>
                <Col xs={4} sm={2}>
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
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', role: '', phone: '' })} block>
              {t('projectForm.addMember')}
            </Button>
          </div>
        )}
      </Form.List>

      {section(t('projectForm.investment'))}
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name="totalInvestment" label={t('projectField.totalInvestment')} required>
            <MoneyInput data-testid="project-total-investment" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="plannedStartOn" label={t('projectField.plannedStartOn')}>
            <IsoDatePicker data-testid="project-planned-start" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="plannedEndOn" label={t('projectField.plannedEndOn')}>
            <IsoDatePicker data-testid="project-planned-end" />
          </Form.Item>
        </Col>
      </Row>

      <Typography.Text strong>{t('projectField.milestones')}</Typography.Text>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('milestone.hint')}
      </Typography.Paragraph>
      <Form.List name="milestones">
        {(fields) => (
          <Table
            size="small"
            pagination={false}
            rowKey="key"
            dataSource={fields}
            data-testid="project-milestones-editor"
            columns={[
              {
                title: t('projectField.milestones'),
                key: 'kind',
                width: 140,
                render: (_, field) => (
                  // The kind is a field too, so it goes with the values and can carry an error.
                  <Form.Item name={[field.name, 'kind']} style={{ margin: 0 }}>
                    <MilestoneKindLabel />
                  </Form.Item>
                ),
              },
              {
                title: t('milestone.plannedOn'),
                key: 'plannedOn',
                render: (_, field) => (
                  <Form.Item name={[field.name, 'plannedOn']} style={{ margin: 0 }}>
                    <IsoDatePicker data-testid={`milestone-${field.name}-planned`} />
                  </Form.Item>
                ),
              },
              {
                title: t('milestone.actualOn'),
                key: 'actualOn',
                render: (_, field) => (
                  <Form.Item name={[field.name, 'actualOn']} style={{ margin: 0 }}>
                    <IsoDatePicker
                      disabledDate={(date) => date.format('YYYY-MM-DD') > today}
                      data-testid={`milestone-${field.name}-actual`}
                    />
                  </Form.Item>
                ),
              },
            ]}
          />
        )}
      </Form.List>

      <Typography.Text strong style={{ display: 'block', marginTop: 16 }}>
        {t('projectField.annualPlans')}
      </Typography.Text>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('projectForm.monthlyHint')}
      </Typography.Paragraph>
      <Form.List name="annualPlans">
        {(fields, { add, remove }) => (
          <Space orientation="vertical" style={{ width: '100%' }}>
            {fields.map((field) => (
              <AnnualPlanCard key={field.key} index={field.name} onRemove={() => remove(field.name)} />
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              block
              data-testid="project-add-plan"
              onClick={() => {
                const years = (form.getFieldValue('annualPlans') as ProjectFormValues['annualPlans']).map((p) => p.year ?? 0);
                const year = years.length ? Math.max(...years) + 1 : Number(today.slice(0, 4));
                add({ year, plannedInvestment: null, monthly: [...EMPTY_MONTHS] });
              }}
            >
              {t('projectForm.addPlan')}
            </Button>
          </Space>
        )}
      </Form.List>

      {section(t('projectForm.location'))}
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name="latitude" label={t('projectField.latitude')} extra={t('projectForm.coordinatesHint')}>
            <InputNumber min={-90} max={90} step={0.000001} precision={6} style={{ width: '100%' }} data-testid="project-latitude" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="longitude" label={t('projectField.longitude')}>
            <InputNumber min={-180} max={180} step={0.000001} precision={6} style={{ width: '100%' }} data-testid="project-longitude" />
          </Form.Item>
        </Col>
      </Row>

      <Divider />
      <Space>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="project-submit">
          {t('common.save')}
        </Button>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}

/** The milestone kind of a row, shown as text (the row's `kind` field). */
function MilestoneKindLabel({ value }: { value?: MilestoneKind }) {
  const { t } = useT();
  return <span>{value ? t(`milestone.${value}`) : null}</span>;
}

function AnnualPlanCard({ index, onRemove }: { index: number; onRemove: () => void }) {
  const { t } = useT();
  const planned = Form.useWatch(['annualPlans', index, 'plannedInvestment']) as string | null | undefined;
  return (
    <Card
      size="small"
      data-testid={`plan-${index}`}
      title={
        <Space wrap>
          <Form.Item name={[index, 'year']} label={t('projectDetail.year')} required style={{ margin: 0 }}>
            <InputNumber min={2000} max={2100} precision={0} style={{ width: 100 }} data-testid={`plan-${index}-year`} />
          </Form.Item>
          <Form.Item name={[index, 'plannedInvestment']} label={t('projectDetail.planned')} required style={{ margin: 0 }}>
            <MoneyInput style={{ width: 180 }} data-testid={`plan-${index}-planned`} />
          </Form.Item>
        </Space>
      }
      extra={
        <Button type="text" danger icon={<DeleteOutlined />} onClick={onRemove}>
          {t('projectForm.remove')}
        </Button>
      }
    >
      <Form.Item name={[index, 'monthly']} label={t('projectForm.monthly')} style={{ marginBottom: 0 }}>
        <MonthlyInput planned={planned} testIdPrefix={`plan-${index}-month`} />
      </Form.Item>
    </Card>
  );
}
