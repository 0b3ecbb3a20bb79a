import { useMutation } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select, TreeSelect } from 'antd';
import { useState } from 'react';
import {
  ALLOWED_PARENT_KINDS,
  CreateUnitSchema,
  DivisionCodeSchema,
  PARK_LEVELS,
  type ParkLevel,
  UNIT_KINDS,
  type Unit,
  type UnitKind,
  type UnitTreeNode,
  UpdateUnitSchema,
} from '../../../../src/contracts/index.js';
import { api } from '../../api/endpoints';
import { useFeedback } from '../../api/feedback-provider';
import { useT } from '../../i18n';
import { clearErrorsOnChange } from '../../lib/form-errors';
import { blankToNull, blankToUndefined, parseForm, schemaRule } from '../../lib/zod-form';
import { buildUnitTree } from './unit-tree';

interface UnitFormValues {
  kind?: UnitKind;
  parentId?: number;
  code?: string;
  nameZh?: string;
  nameEn?: string;
  parkLevel?: ParkLevel;
}

function valuesOf(unit: Unit | null, defaultParentId?: number): UnitFormValues {
  if (!unit) return { parentId: defaultParentId };
  return {
    kind: unit.kind,
    parentId: unit.parentId ?? undefined,
    code: unit.code ?? undefined,
    nameZh: unit.nameZh,
    nameEn: unit.nameEn ?? undefined,
    parkLevel: unit.parkLevel ?? undefined,
  };
}

/** Only what changed goes to the server (the audit trail then shows a real before/after). */
function changesOf(original: Unit, values: UnitFormValues): Record<string, unknown> {
  const next = {
    parentId: original.kind === 'city' ? undefined : blankToUndefined(values.parentId),
    code: blankToNull(values.code?.trim()),
    nameZh: values.nameZh,
    nameEn: blankToNull(values.nameEn?.trim()),
    parkLevel: original.kind === 'park' ? blankToNull(values.parkLevel) : undefined,
  };
  const changes: Record<string, unknown> = { version: original.version };
  if (next.parentId !== original.parentId && original.kind !== 'city') changes.parentId = next.parentId;
  if (next.code !== original.code) changes.code = next.code;
  if (next.nameZh !== original.nameZh) changes.nameZh = next.nameZh;
  if (next.nameEn !== original.nameEn) changes.nameEn = next.nameEn;
  if (original.kind === 'park' && next.parkLevel !== original.parkLevel) changes.parkLevel = next.parkLevel;
  return changes;
}

export function UnitFormModal({
  unit: initial,
  treeItems,
  defaultParentId,
  onClose,
  onSaved,
}: {
  unit: Unit | null;
  treeItems: readonly UnitTreeNode[];
  defaultParentId?: number;
  onClose: () => void;
  onSaved: (unit: Unit) => void;
}) {
  const { t, locale } = useT();
  const { message } = App.useApp();
  const feedback = useFeedback();
  const [form] = Form.useForm<UnitFormValues>();
  const [unit, setUnit] = useState(initial);
  const kind = Form.useWatch('kind', form) ?? unit?.kind;
  const isCreate = unit === null;
  const isRoot = unit?.kind === 'city';

  const parentKinds: readonly UnitKind[] = kind ? ALLOWED_PARENT_KINDS[kind] : [];
  const parentTree = buildUnitTree(treeItems, {
    locale,
    isSelectable: (candidate) => candidate.isActive && parentKinds.includes(candidate.kind),
    ...(unit ? { excludeSubtreeOf: unit.id } : {}),
  });

  const save = useMutation({
    mutationFn: async (values: UnitFormValues) => {
      if (!unit) {
        const payload = {
          parentId: blankToUndefined(values.parentId),
          kind: values.kind,
          code: blankToNull(values.code?.trim()),
          nameZh: values.nameZh ?? '',
          nameEn: blankToNull(values.nameEn?.trim()),
          parkLevel: values.kind === 'park' ? blankToNull(values.parkLevel) : null,
        };
        return await api.units.create(parseForm(CreateUnitSchema, payload, locale));
      }
      const changes = changesOf(unit, values);
      if (Object.keys(changes).length === 1) return unit; // only the version: nothing to save
      return await api.units.update(unit.id, parseForm(UpdateUnitSchema, changes, locale));
    },
    onSuccess: (saved) => {
      message.success(isCreate ? t('units.created') : t('common.saved'));
      onSaved(saved);
    },
    onError: (error) =>
      feedback(error, {
        form,
        onConflict: () => {
          if (!unit) return;
          void api.units.get(unit.id).then((fresh) => {
            setUnit(fresh);
            form.setFieldsValue(valuesOf(fresh));
          }, feedback);
        },
      }),
  });

  const onKindChange = (next: UnitKind) => {
    const parentId = form.getFieldValue('parentId') as number | undefined;
    const parent = treeItems.find((item) => item.id === parentId);
    if (parent && !ALLOWED_PARENT_KINDS[next].includes(parent.kind)) form.setFieldValue('parentId', undefined);
  };

  return (
    <Modal
      open
      title={isCreate ? t('units.create') : t('units.edit')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      <Form<UnitFormValues>
        form={form}
        layout="vertical"
        initialValues={valuesOf(unit, defaultParentId)}
        onFinish={(values) => save.mutate(values)}
        onValuesChange={clearErrorsOnChange(form)}
        data-testid="unit-form"
      >
        <Form.Item name="kind" label={t('units.kind')} required>
          <Select<UnitKind>
            disabled={!isCreate}
            onChange={onKindChange}
            options={UNIT_KINDS.filter((k) => k !== 'city' || !isCreate).map((value) => ({ value, label: t(`unitKind.${value}`) }))}
          />
        </Form.Item>
        {isRoot ? null : (
          <Form.Item name="parentId" label={t('units.parent')} required extra={kind ? undefined : t('units.kindFirst')}>
            <TreeSelect
              showSearch={{ treeNodeFilterProp: 'title' }}
              disabled={!kind}
              treeData={parentTree}
              treeDefaultExpandAll
              listHeight={360}
            />
          </Form.Item>
        )}
        <Form.Item name="code" label={t('units.code')} extra={t('units.codeHint')} rules={[schemaRule(DivisionCodeSchema, locale)]}>
          <Input maxLength={6} inputMode="numeric" />
        </Form.Item>
        <Form.Item name="nameZh" label={t('units.nameZh')} required>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="nameEn" label={t('units.nameEn')}>
          <Input maxLength={100} />
        </Form.Item>
        {kind === 'park' ? (
          <Form.Item name="parkLevel" label={t('units.parkLevel')}>
            <Select<ParkLevel> allowClear options={PARK_LEVELS.map((value) => ({ value, label: t(`parkLevel.${value}`) }))} />
          </Form.Item>
        ) : null}
        {isRoot ? <div style={{ color: 'rgba(0,0,0,0.45)' }}>{t('units.rootHint')}</div> : null}
      </Form>
    </Modal>
  );
}
