import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Drawer, Form, Input, Select, Space } from 'antd';
import { PROBLEM_LIMITS, type Problem, RaiseAppealSchema } from '../../../../src/contracts/index.js';
import { api } from '../../api/endpoints';
import { useCan } from '../../app/session';
import { useT } from '../../i18n';
import { blankToUndefined, parseForm } from '../../lib/zod-form';
import { useFormFeedback } from '../projects/shared/use-form-feedback';
import { useCategoryOptions, useIsPhone } from '../problems/labels';

interface AppealValues {
  category?: string;
  title?: string;
  description?: string;
  projectId?: number | null;
}

/** 提出诉求: an enterprise tells the city what blocks it, optionally about one of its projects. */
export function RaiseAppealDrawer({ onClose, onRaised }: { onClose: () => void; onRaised: (appeal: Problem) => void }) {
  const { t, locale } = useT();
  const can = useCan();
  const { message } = App.useApp();
  const formFeedback = useFormFeedback();
  const isPhone = useIsPhone();
  const [form] = Form.useForm<AppealValues>();
  const categories = useCategoryOptions('appeal', true);
  const projects = useQuery({
    queryKey: ['projects', 'list', 'own-appeal'],
    queryFn: () => api.projects.list({ page: 1, pageSize: 100, sort: 'name' }),
    enabled: can('project.read'),
  });

  const raise = useMutation({
    mutationFn: async (values: AppealValues) =>
      await api.appeals.raise(
        parseForm(
          RaiseAppealSchema,
          {
            category: blankToUndefined(values.category),
            title: blankToUndefined(values.title?.trim()),
            description: blankToUndefined(values.description?.trim()),
            projectId: values.projectId ?? null,
          },
          locale,
        ),
      ),
    onSuccess: (appeal) => {
      message.success(t('appeals.raised'));
      onRaised(appeal);
    },
    onError: (error) => formFeedback(error, form),
  });

  return (
    <Drawer
      open
      size={isPhone ? '100%' : 640}
      title={t('appeals.raiseTitle')}
      onClose={onClose}
      destroyOnHidden
      data-testid="appeal-raise-drawer"
      footer={
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={raise.isPending} onClick={() => form.submit()} data-testid="appeal-raise-submit">
            {t('appeals.raiseSubmit')}
          </Button>
        </Space>
      }
    >
      <Form<AppealValues>
        form={form}
        layout="vertical"
        onFinish={(values) => raise.mutate(values)}
        onValuesChange={(changed: AppealValues) =>
          form.setFields(Object.keys(changed).map((name) => ({ name: name as keyof AppealValues, errors: [] })))
        }
      >
        <Form.Item name="category" label={t('problems.category')} required>
          <Select options={categories.options} loading={categories.isLoading} data-testid="appeal-category" />
        </Form.Item>
        <Form.Item name="title" label={t('problems.titleField')} required>
          <Input maxLength={PROBLEM_LIMITS.titleMax} data-testid="appeal-title" />
        </Form.Item>
        <Form.Item name="description" label={t('appeals.description')} required>
          <Input.TextArea rows={5} maxLength={PROBLEM_LIMITS.textMax} showCount data-testid="appeal-description" />
        </Form.Item>
        {can('project.read') ? (
          <Form.Item name="projectId" label={t('appeals.project')} extra={t('appeals.projectHint')}>
            <Select
              allowClear
              loading={projects.isPending}
              options={(projects.data?.items ?? []).map((project) => ({ value: project.id, label: project.name }))}
            />
          </Form.Item>
        ) : null}
      </Form>
    </Drawer>
  );
}
