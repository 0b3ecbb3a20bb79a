import { useMutation } from '@tanstack/react-query';
import { App, Form, Input, InputNumber, Modal, Select, TreeSelect } from 'antd';
import { useMemo } from 'react';
import { CreateLetterSchema, LETTER_KINDS, type Letter, type LetterKind } from '../../../../src/contracts/index.js';
import { isApiError } from '../../api/client';
import { api } from '../../api/endpoints';
import { useSession } from '../../app/session';
import { useT } from '../../i18n';
import { blankToUndefined, parseForm } from '../../lib/zod-form';
import { FILING_UNIT_KINDS } from '../deals/options';
import { buildUnitTree, unitName } from '../org/unit-tree';
import { useUnitTree } from '../projects/shared/hooks';
import { useFormFeedback } from '../projects/shared/use-form-feedback';

interface Values {
  unitId?: number;
  year?: number;
  kind?: LetterKind;
  title?: string;
}

/** 新建承诺书: a draft letter for a unit and year; its items are added on the letter's page. */
export function CreateLetterModal({
  year,
  onClose,
  onCreated,
}: {
  year: number;
  onClose: () => void;
  onCreated: (letter: Letter) => void;
}) {
  const { t, locale } = useT();
  const session = useSession();
  const { message } = App.useApp();
  const formFeedback = useFormFeedback();
  const [form] = Form.useForm<Values>();
  const units = useUnitTree();
  const unitTree = useMemo(
    () => buildUnitTree(units.items, { locale, isSelectable: (unit) => unit.isActive && FILING_UNIT_KINDS.includes(unit.kind) }),
    [units.items, locale],
  );

  /** A title in the usual wording, until the user writes one. */
  const titleFor = (values: Values) => {
    const unit = units.items.find((u) => u.id === values.unitId);
    if (!unit || !values.year || !values.kind) return undefined;
    return t(`commitments.defaultTitle.${values.kind}`, { unit: unitName(unit, locale), year: values.year });
  };
  const suggest = (values: Values) => {
    const title = titleFor(values);
    if (title) form.setFieldValue('title', title);
  };
  const initial: Values = { unitId: session.user.scopeUnitId ?? undefined, year, kind: 'investment' };

  const create = useMutation({
    mutationFn: async (values: Values) =>
      await api.commitments.create(
        parseForm(
          CreateLetterSchema,
          { unitId: values.unitId, year: values.year, kind: values.kind, title: blankToUndefined(values.title?.trim()), items: [] },
          locale,
        ),
      ),
    onSuccess: (letter) => {
      message.success(t('commitments.created'));
      onCreated(letter);
    },
    onError: (error) => {
      // One letter per unit, year and kind: say so on the kind rather than as a stale-record conflict.
      if (isApiError(error) && error.code === 'CONFLICT' && error.fields.length === 0) {
        form.setFields([{ name: 'kind', errors: [error.message] }]);
        return;
      }
      formFeedback(error, form);
    },
  });

  return (
    <Modal
      open
      title={t('commitments.create')}
      okText={t('commitments.createOk')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ ...initial, title: titleFor(initial) }}
        onFinish={(values) => create.mutate(values)}
        onValuesChange={(changed: Values, all: Values) => {
          form.setFields(Object.keys(changed).map((name) => ({ name: name as keyof Values, errors: [] })));
          if (!('title' in changed) && !form.isFieldTouched('title')) suggest(all);
        }}
      >
        <Form.Item name="unitId" label={t('commitments.unit')} required>
          <TreeSelect
            showSearch={{ treeNodeFilterProp: 'title' }}
            treeData={unitTree}
            treeDefaultExpandAll
            listHeight={320}
            data-testid="letter-unit"
          />
        </Form.Item>
        <Form.Item name="year" label={t('commitments.year')} required>
          <InputNumber min={2000} max={2100} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="kind" label={t('commitments.kind')} required>
          <Select options={LETTER_KINDS.map((value) => ({ value, label: t(`letterKind.${value}`) }))} data-testid="letter-kind" />
        </Form.Item>
        <Form.Item name="title" label={t('commitments.letterTitle')} required>
          <Input maxLength={100} showCount data-testid="letter-title" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
