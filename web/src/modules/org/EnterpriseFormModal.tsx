import { useMutation } from '@tanstack/react-query';
import { App, Form, Input, Modal, TreeSelect } from 'antd';
import { useState } from 'react';
import {
  CreateEnterpriseSchema,
  type Enterprise,
  type UnitTreeNode,
  UpdateEnterpriseSchema,
  UsccSchema,
} from '../../../../src/contracts/index.js';
import { api } from '../../api/endpoints';
import { useFeedback } from '../../api/feedback-provider';
import { useT } from '../../i18n';
import { clearErrorsOnChange } from '../../lib/form-errors';
import { blankToUndefined, parseForm, schemaRule } from '../../lib/zod-form';
import { useUnitLabel } from '../projects/shared/hooks';
import { buildUnitTree } from './unit-tree';

interface EnterpriseFormValues {
  uscc?: string;
  name?: string;
  unitId?: number;
}

function valuesOf(enterprise: Enterprise | null): EnterpriseFormValues {
  return enterprise ? { uscc: enterprise.uscc, name: enterprise.name, unitId: enterprise.unitId } : {};
}

export function EnterpriseFormModal({
  enterprise: initial,
  unitTree,
  onClose,
  onSaved,
}: {
  enterprise: Enterprise | null;
  /** The unit tree when the user may read units; without it the owning unit cannot be changed. */
  unitTree: readonly UnitTreeNode[] | null;
  onClose: () => void;
  onSaved: (enterprise: Enterprise) => void;
}) {
  const { t, locale } = useT();
  const { message } = App.useApp();
  const feedback = useFeedback();
  const [form] = Form.useForm<EnterpriseFormValues>();
  const [enterprise, setEnterprise] = useState(initial);
  const isCreate = enterprise === null;
  const treeData = buildUnitTree(unitTree ?? [], { locale, isSelectable: (unit) => unit.isActive });
  const unitOf = useUnitLabel();

  const save = useMutation({
    mutationFn: async (values: EnterpriseFormValues) => {
      if (!enterprise) {
        const payload = { uscc: values.uscc ?? '', name: values.name ?? '', unitId: blankToUndefined(values.unitId) };
        return await api.enterprises.create(parseForm(CreateEnterpriseSchema, payload, locale));
      }
      const changes: Record<string, unknown> = { version: enterprise.version };
      if (values.name !== enterprise.name) changes.name = values.name ?? '';
      if (values.unitId !== undefined && values.unitId !== enterprise.unitId) changes.unitId = values.unitId;
      if (Object.keys(changes).length === 1) return enterprise;
      return await api.enterprises.update(enterprise.id, parseForm(UpdateEnterpriseSchema, changes, locale));
    },
    onSuccess: (saved) => {
      message.success(isCreate ? t('enterprises.created') : t('common.saved'));
      onSaved(saved);
    },
    onError: (error) =>
      feedback(error, {
        form,
        onConflict: () => {
          if (!enterprise) return;
          void api.enterprises.get(enterprise.id).then((fresh) => {
            setEnterprise(fresh);
            form.setFieldsValue(valuesOf(fresh));
          }, feedback);
        },
      }),
  });

  return (
    <Modal
      open
      title={isCreate ? t('enterprises.create') : t('enterprises.edit')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      <Form<EnterpriseFormValues>
        form={form}
        layout="vertical"
        initialValues={valuesOf(enterprise)}
        onFinish={(values) => save.mutate(values)}
        onValuesChange={clearErrorsOnChange(form)}
        data-testid="enterprise-form"
      >
        <Form.Item
          name="uscc"
          label={t('enterprises.uscc')}
          required={isCreate}
          extra={isCreate ? t('enterprises.usccHint') : undefined}
          rules={isCreate ? [schemaRule(UsccSchema, locale)] : []}
          validateTrigger="onBlur"
        >
          <Input maxLength={18} disabled={!isCreate} style={{ fontFamily: 'monospace' }} data-testid="enterprise-uscc" />
        </Form.Item>
        <Form.Item name="name" label={t('enterprises.name')} required>
          <Input maxLength={100} data-testid="enterprise-name" />
        </Form.Item>
        <Form.Item name="unitId" label={t('enterprises.unit')} required>
          {unitTree ? (
            <TreeSelect
              showSearch={{ treeNodeFilterProp: 'title' }}
              treeData={treeData}
              treeDefaultExpandAll
              listHeight={360}
              data-testid="enterprise-unit"
            />
          ) : (
            <Input disabled value={enterprise ? unitOf(enterprise.unitId, enterprise.unitName) : ''} />
          )}
        </Form.Item>
      </Form>
    </Modal>
  );
}
