import { useMutation, useQuery } from '@tanstack/react-query';
import { App, type ButtonProps, DatePicker, Form, Input, Modal, Select, Switch, TreeSelect } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import type { Meeting } from '../../../../src/contracts/index.js';
import { api } from '../../api/endpoints';
import { useT } from '../../i18n';
import { buildUnitTree } from '../org/unit-tree';
import { entryName, useUnitTree } from '../projects/shared/hooks';
import { useFormFeedback } from '../projects/shared/use-form-feedback';
import { parseDecision } from './meeting-form';

interface Values {
  text?: string;
  agendaPosition?: number | null;
  withTask?: boolean;
  task?: { category?: string; leadUnitId?: number; leadPerson?: string; deadline?: Dayjs | null };
}

/**
 * 添加决定: what the meeting decided, optionally about one agenda item; with a task (交办事项)
 * it becomes a problem-list item assigned to the lead unit with a deadline. Checked with the
 * contract's schema before it is sent, and the server's field errors land on the same fields.
 */
export function DecisionModal({
  meeting,
  onClose,
  onSaved,
}: {
  meeting: Meeting;
  onClose: () => void;
  onSaved: (meeting: Meeting, withTask: boolean) => void;
}) {
  const { t, locale } = useT();
  const { message } = App.useApp();
  const formFeedback = useFormFeedback();
  const [form] = Form.useForm<Values>();
  const withTask = Form.useWatch('withTask', form) ?? false;
  const units = useUnitTree();
  const unitTree = useMemo(() => buildUnitTree(units.items, { locale, isSelectable: (unit) => unit.isActive }), [units.items, locale]);
  const settings = useQuery({ queryKey: ['problems', 'settings'], queryFn: api.problems.settings, staleTime: 5 * 60_000 });
  const categories = (settings.data?.problemCategories ?? []).filter((c) => c.isActive);

  const save = useMutation({
    mutationFn: async (values: Values) =>
      await api.dispatch.addDecision(
        meeting.id,
        parseDecision(
          {
            text: values.text,
            agendaPosition: values.agendaPosition,
            withTask: values.withTask,
            task: { ...values.task, deadline: values.task?.deadline?.format('YYYY-MM-DD') },
          },
          locale,
        ),
      ),
    onSuccess: (next, values) => {
      message.success(values.withTask ? t('dispatch.taskAdded') : t('dispatch.decisionAdded'));
      onSaved(next, Boolean(values.withTask));
    },
    onError: (error) => formFeedback(error, form),
  });

  return (
    <Modal
      open
      width={640}
      title={t('dispatch.addDecision')}
      okText={t('common.save')}
      okButtonProps={{ 'data-testid': 'decision-save' } as ButtonProps}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ withTask: false, task: { category: 'other', deadline: dayjs(meeting.heldOn).add(14, 'day') } }}
        onFinish={(values) => save.mutate(values)}
        onValuesChange={(changed: Values) => {
          const names = Object.entries(changed).flatMap(([key, value]) =>
            key === 'task' && value ? Object.keys(value).map((sub) => ['task', sub]) : [[key]],
          );
          // biome-ignore lint/suspicious/noExplicitAny: nested field names
          form.setFields(names.map((name) => ({ name: name as any, errors: [] })));
        }}
      >
        <Form.Item name="text" label={t('dispatch.decisionText')} required>
          <Input.TextArea rows={3} maxLength={2000} showCount placeholder={t('dispatch.decisionPlaceholder')} data-testid="decision-text" />
        </Form.Item>
        <Form.Item name="agendaPosition" label={t('dispatch.decisionAgenda')}>
          <Select
            allowClear
            placeholder={t('dispatch.decisionAgendaNone')}
            options={meeting.agenda.map((item) => ({
              value: item.position,
              label: t('dispatch.agendaOption', { n: item.position + 1, title: item.title }),
            }))}
            data-testid="decision-agenda"
          />
        </Form.Item>
        <Form.Item name="withTask" label={t('dispatch.withTask')} tooltip={t('dispatch.withTaskHelp')} valuePropName="checked">
          <Switch data-testid="decision-with-task" />
        </Form.Item>
        {withTask ? (
          <>
            <Form.Item name={['task', 'leadUnitId']} label={t('dispatch.leadUnit')} required>
              <TreeSelect
                showSearch={{ treeNodeFilterProp: 'title' }}
                treeData={unitTree}
                treeDefaultExpandAll
                listHeight={320}
                placeholder={t('dispatch.leadUnitPlaceholder')}
                data-testid="decision-lead-unit"
              />
            </Form.Item>
            <Form.Item name={['task', 'leadPerson']} label={t('dispatch.leadPerson')}>
              <Input maxLength={50} data-testid="decision-lead-person" />
            </Form.Item>
            <Form.Item name={['task', 'deadline']} label={t('dispatch.deadline')} required>
              <DatePicker data-testid="decision-deadline" />
            </Form.Item>
            <Form.Item name={['task', 'category']} label={t('dispatch.taskCategory')}>
              <Select
                loading={settings.isLoading}
                options={categories.map((c) => ({ value: c.key, label: entryName(categories, c.key, locale) }))}
                data-testid="decision-category"
              />
            </Form.Item>
          </>
        ) : null}
      </Form>
    </Modal>
  );
}
