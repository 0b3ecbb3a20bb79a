import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select, TreeSelect, Typography } from 'antd';
import { useState } from 'react';
import { z } from 'zod';
import { CreateUserSchema, ROLES, type Role, type User, UpdateUserSchema, UsernameSchema } from '../../../../src/contracts/index.js';
import { api } from '../../api/endpoints';
import { useFeedback } from '../../api/feedback-provider';
import { useMeta } from '../../app/session';
import { useT } from '../../i18n';
import { clearErrorsOnChange } from '../../lib/form-errors';
import { blankToNull, blankToUndefined, parseForm, schemaRule } from '../../lib/zod-form';
import { buildUnitTree } from '../org/unit-tree';
import { EnterprisePicker } from './EnterprisePicker';
import { scopePayload, scopeRuleFor } from './scope';

interface UserFormValues {
  username?: string;
  displayName?: string;
  role?: Role;
  scopeUnitId?: number | null;
  scopeEnterpriseId?: number | null;
  email?: string;
  phone?: string;
  password?: string;
}

/** The scope the role needs, asked for before the server is (a UI refinement of the contract schemas). */
function refineScope(
  value: { role?: Role | undefined; scopeUnitId?: number | null | undefined; scopeEnterpriseId?: number | null | undefined },
  ctx: z.RefinementCtx,
) {
  const rule = scopeRuleFor(value.role);
  if (rule?.kind === 'unit' && !value.scopeUnitId) ctx.addIssue({ code: 'custom', path: ['scopeUnitId'], message: 'user.scopeRequired' });
  if (rule?.kind === 'enterprise' && !value.scopeEnterpriseId) {
    ctx.addIssue({ code: 'custom', path: ['scopeEnterpriseId'], message: 'user.enterpriseScopeRequired' });
  }
}

const CreateUserFormSchema = CreateUserSchema.superRefine(refineScope);
/** An edit sends the scope only when it changes; then it must fit the (new) role. */
const ScopeChangeSchema = z
  .object({ role: z.enum(ROLES), scopeUnitId: z.number().nullable().optional(), scopeEnterpriseId: z.number().nullable().optional() })
  .superRefine(refineScope);

function valuesOf(user: User | null): UserFormValues {
  if (!user) return {};
  return {
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    scopeUnitId: user.scopeUnitId,
    scopeEnterpriseId: user.scopeEnterpriseId,
    email: user.email ?? undefined,
    phone: user.phone ?? undefined,
  };
}

function changesOf(user: User, values: UserFormValues): Record<string, unknown> {
  const changes: Record<string, unknown> = { version: user.version };
  if (values.displayName !== user.displayName) changes.displayName = values.displayName ?? '';
  if (values.role && values.role !== user.role) changes.role = values.role;
  const scope = scopePayload(values.role, values);
  const rule = scopeRuleFor(values.role);
  const isScopeChange =
    changes.role !== undefined ||
    (rule?.kind === 'unit' && scope.scopeUnitId !== user.scopeUnitId) ||
    (rule?.kind === 'enterprise' && scope.scopeEnterpriseId !== user.scopeEnterpriseId);
  if (isScopeChange) Object.assign(changes, scope);
  const email = blankToNull(values.email?.trim());
  const phone = blankToNull(values.phone?.trim());
  if (email !== user.email) changes.email = email;
  if (phone !== user.phone) changes.phone = phone;
  return changes;
}

export function UserFormModal({
  user: initial,
  onClose,
  onSaved,
}: {
  user: User | null;
  onClose: () => void;
  onSaved: (user: User) => void;
}) {
  const { t, locale } = useT();
  const { message } = App.useApp();
  const feedback = useFeedback();
  const meta = useMeta();
  const [form] = Form.useForm<UserFormValues>();
  const [user, setUser] = useState(initial);
  const isCreate = user === null;
  const role = Form.useWatch('role', form) ?? user?.role;
  const rule = scopeRuleFor(role);
  const tree = useQuery({ queryKey: ['units', 'tree'], queryFn: api.units.tree, enabled: rule?.kind === 'unit' });
  const unitKinds = rule?.kind === 'unit' ? rule.unitKinds : [];
  const treeData = buildUnitTree(tree.data?.items ?? [], {
    locale,
    isSelectable: (unit) => unit.isActive && unitKinds.includes(unit.kind),
  });
  const policy = meta.data?.passwordPolicy;

  const save = useMutation({
    mutationFn: async (values: UserFormValues) => {
      if (!user) {
        const payload = {
          username: values.username ?? '',
          displayName: values.displayName ?? '',
          role: blankToUndefined(values.role),
          ...scopePayload(values.role, values),
          email: blankToNull(values.email?.trim()),
          phone: blankToNull(values.phone?.trim()),
          password: values.password ?? '',
        };
        return await api.users.create(parseForm(CreateUserFormSchema, payload, locale));
      }
      const changes = changesOf(user, values);
      if (Object.keys(changes).length === 1) return user;
      if ('scopeUnitId' in changes)
        parseForm(ScopeChangeSchema, { role: values.role ?? user.role, ...scopePayload(values.role, values) }, locale);
      return await api.users.update(user.id, parseForm(UpdateUserSchema, changes, locale));
    },
    onSuccess: (saved) => {
      message.success(isCreate ? t('users.created') : t('common.saved'));
      onSaved(saved);
    },
    onError: (error) =>
      feedback(error, {
        form,
        onConflict: () => {
          if (!user) return;
          void api.users.get(user.id).then((fresh) => {
            setUser(fresh);
            form.setFieldsValue(valuesOf(fresh));
          }, feedback);
        },
      }),
  });

  return (
    <Modal
      open
      title={isCreate ? t('users.create') : t('users.edit')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={600}
    >
      <Form<UserFormValues>
        form={form}
        layout="vertical"
        initialValues={valuesOf(user)}
        onFinish={(values) => save.mutate(values)}
        onValuesChange={(changed: UserFormValues) => {
          clearErrorsOnChange(form)(changed);
          // Another role points at another kind of scope: start the choice again.
          if ('role' in changed)
            form.setFields((['scopeUnitId', 'scopeEnterpriseId'] as const).map((name) => ({ name, value: null, errors: [] })));
        }}
        data-testid="user-form"
      >
        <Form.Item
          name="username"
          label={t('users.username')}
          required={isCreate}
          rules={isCreate ? [schemaRule(UsernameSchema, locale)] : []}
        >
          <Input disabled={!isCreate} autoComplete="off" data-testid="user-username" />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')} required>
          <Input maxLength={100} data-testid="user-display-name" />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')} required>
          <Select<Role> options={ROLES.map((value) => ({ value, label: t(`role.${value}`) }))} data-testid="user-role" />
        </Form.Item>
        {rule?.kind === 'city' ? (
          <Form.Item label={t('users.scope')}>
            <Typography.Text type="secondary">{t('users.cityScope')}</Typography.Text>
          </Form.Item>
        ) : null}
        {rule?.kind === 'unit' ? (
          <Form.Item
            name="scopeUnitId"
            label={t('users.scopeUnit')}
            required
            extra={t('users.scopeKindsHint', { kinds: unitKinds.map((kind) => t(`unitKind.${kind}`)).join(t('common.listSeparator')) })}
          >
            <TreeSelect
              showSearch={{ treeNodeFilterProp: 'title' }}
              treeData={treeData}
              treeDefaultExpandAll
              listHeight={360}
              loading={tree.isPending}
              data-testid="user-scope-unit"
            />
          </Form.Item>
        ) : null}
        {rule?.kind === 'enterprise' ? (
          <Form.Item name="scopeEnterpriseId" label={t('users.scopeEnterprise')} required>
            <EnterprisePicker
              current={
                user?.scopeEnterpriseId && user.scopeEnterpriseName ? { id: user.scopeEnterpriseId, name: user.scopeEnterpriseName } : null
              }
            />
          </Form.Item>
        ) : null}
        <Form.Item name="email" label={t('users.email')}>
          <Input type="email" autoComplete="off" />
        </Form.Item>
        <Form.Item name="phone" label={t('users.phone')}>
          <Input autoComplete="off" />
        </Form.Item>
        {isCreate ? (
          <Form.Item
            name="password"
            label={t('users.password')}
            required
            extra={policy ? t('users.passwordHint', { minLength: policy.minLength, minClasses: policy.minClasses }) : undefined}
          >
            <Input.Password autoComplete="new-password" data-testid="user-password" />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
