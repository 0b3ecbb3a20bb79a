import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Descriptions, Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { codeLabel, type Deal, type DealStage, DealTransitionSchema, shanghaiDate, translate } from '../../../../src/contracts/index.js';
import { api } from '../../api/endpoints';
import { useT } from '../../i18n';
import { clearErrorsOnChange } from '../../lib/form-errors';
import { parseForm } from '../../lib/zod-form';
import { DealStageTag } from '../projects/labels';
import { IsoDatePicker } from '../projects/shared/inputs';
import { useFormFeedback } from '../projects/shared/use-form-feedback';
import { transitionRules } from './transition';

interface TransitionValues {
  toStage?: DealStage;
  occurredOn?: string | null;
  reason?: string | null;
  evidence?: string | null;
  projectId?: number | null;
}

/** Registry projects of the deal's unit, searched as the user types (landing links one, or none to create it). */
function ProjectPicker({ unitId, value, onChange }: { unitId: number; value?: number | null; onChange?: (id: number | null) => void }) {
  const { t } = useT();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), 300);
    return () => clearTimeout(timer);
  }, [text]);
  const found = useQuery({
    queryKey: ['projects', 'list', 'picker', unitId, q],
    queryFn: () => api.projects.list({ unitId, q, page: 1, pageSize: 20 }),
  });
  return (
    <Select<number>
      showSearch={{ filterOption: false, onSearch: setText }}
      allowClear
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null)}
      placeholder={t('transition.projectSearch')}
      loading={found.isFetching}
      options={(found.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name}${p.code ? ` · ${p.code}` : ''}` }))}
      data-testid="transition-project"
    />
  );
}

/** 变更阶段: target stage, date, reason and evidence; landing may link an existing registry project. */
export function TransitionModal({
  deal,
  history,
  onClose,
  onDone,
  onConflict,
}: {
  deal: Deal;
  history: readonly { toStage: DealStage; occurredOn: string }[];
  onClose: () => void;
  onDone: (deal: Deal) => void;
  onConflict: () => void;
}) {
  const { t, locale } = useT();
  const { message } = App.useApp();
  const formFeedback = useFormFeedback();
  const [form] = Form.useForm<TransitionValues>();
  const today = shanghaiDate(new Date());
  const rules = transitionRules(deal, history, today);
  const toStage = Form.useWatch('toStage', form);
  const reasonRequired = rules.reasonRequired(toStage);

  const save = useMutation({
    mutationFn: (values: TransitionValues) =>
      api.deals.transition(
        deal.id,
        parseForm(
          DealTransitionSchema,
          {
            version: deal.version,
            toStage: values.toStage,
            occurredOn: values.occurredOn ?? undefined,
            reason: values.reason?.trim() || null,
            evidence: values.evidence?.trim() || null,
            ...(rules.asksForProject(values.toStage) ? { projectId: values.projectId ?? null } : {}),
          },
          locale,
        ),
      ),
    onSuccess: (saved) => {
      message.success(t('transition.done'));
      onDone(saved);
    },
    onError: (error) => formFeedback(error, form, { onConflict }),
  });

  return (
    <Modal
      open
      title={t('transition.title', { name: deal.projectName })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: rules.closed, 'data-testid': 'transition-submit' }}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={600}
    >
      {rules.closed ? <Alert type="warning" showIcon title={t('transition.terminated')} style={{ marginBottom: 16 }} /> : null}
      <Descriptions
        size="small"
        column={1}
        style={{ marginBottom: 12 }}
        items={[{ key: 'current', label: t('transition.current'), children: <DealStageTag stage={deal.stage} /> }]}
      />
      <Form<TransitionValues>
        form={form}
        layout="vertical"
        initialValues={{ occurredOn: today }}
        onFinish={(values) => save.mutate(values)}
        onValuesChange={clearErrorsOnChange(form)}
        disabled={rules.closed}
        data-testid="transition-form"
      >
        <Form.Item name="toStage" label={t('transition.toStage')} required>
          <Select<DealStage>
            options={rules.targets.map((stage) => ({ value: stage, label: codeLabel('dealStage', stage, locale) }))}
            data-testid="transition-stage"
          />
        </Form.Item>
        <Form.Item name="occurredOn" label={t('transition.occurredOn')} required>
          <IsoDatePicker
            disabledDate={(date) => {
              const day = date.format('YYYY-MM-DD');
              return day < rules.earliest || day > rules.latest;
            }}
            data-testid="transition-date"
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('transition.reason')}
          required={reasonRequired}
          extra={t('transition.reasonHint')}
          rules={reasonRequired ? [{ required: true, whitespace: true, message: translate(locale, 'validation.required') }] : []}
        >
          <Input.TextArea rows={2} maxLength={500} showCount data-testid="transition-reason" />
        </Form.Item>
        <Form.Item name="evidence" label={t('transition.evidence')} extra={t('transition.evidenceHint')}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="transition-evidence" />
        </Form.Item>
        {rules.asksForProject(toStage) ? (
          <Form.Item name="projectId" label={t('transition.project')} extra={t('transition.projectHint')}>
            <ProjectPicker unitId={deal.unitId} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
