import { useMutation } from '@tanstack/react-query';
import { App, Descriptions, Form, Input, Modal, Select, TreeSelect } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import type { z } from 'zod';
import {
  CorrectFundWonSchema,
  CreateFundWonSchema,
  FUND_SOURCES,
  type FundWonSchema,
  shanghaiDate,
} from '../../../../src/contracts/index.js';
import { api } from '../../api/endpoints';
import { useSession } from '../../app/session';
import { useT } from '../../i18n';
import { blankToNull, blankToUndefined, parseForm } from '../../lib/zod-form';
import { buildUnitTree } from '../org/unit-tree';
import { FILING_UNIT_KINDS } from '../deals/options';
import { useUnitLabel, useUnitTree } from '../projects/shared/hooks';
import { IsoDatePicker, MoneyInput } from '../projects/shared/inputs';
import { formatMoney } from '../projects/shared/money';
import { useFormFeedback } from '../projects/shared/use-form-feedback';
import { ProjectPicker } from '../reports/ProjectPicker';

type Fund = z.infer<typeof FundWonSchema>;

interface FundValues {
  unitId?: number;
  projectId?: number | null;
  source?: string;
  amount?: string | null;
  wonOn?: string | null;
  note?: string;
  reason?: string;
}

/**
 * 登记争资 (a new record) or 更正 (a new record superseding `correcting`, with the reason): the
 * old record stays, the list shows the one that replaced it.
 */
export function FundFormModal({ correcting, onClose, onSaved }: { correcting: Fund | null; onClose: () => void; onSaved: () => void }) {
  const { t, locale } = useT();
  const session = useSession();
  const { message } = App.useApp();
  const formFeedback = useFormFeedback();
  const [form] = Form.useForm<FundValues>();
  const units = useUnitTree();
  const unitOf = useUnitLabel();
  const unitTree = useMemo(
    () => buildUnitTree(units.items, { locale, isSelectable: (unit) => unit.isActive && FILING_UNIT_KINDS.includes(unit.kind) }),
    [units.items, locale],
  );
  const unitId = Form.useWatch('unitId', form);
  const today = shanghaiDate(new Date());
  const isCorrection = correcting !== null;

  const save = useMutation({
    mutationFn: async (values: FundValues) => {
      const common = {
        source: values.source,
        amount: blankToUndefined(values.amount),
        wonOn: blankToUndefined(values.wonOn),
        note: blankToNull(values.note?.trim()),
      };
      if (correcting)
        return await api.funds.correct(
          correcting.id,
          parseForm(CorrectFundWonSchema, { ...common, reason: blankToUndefined(values.reason?.trim()) }, locale),
        );
      return await api.funds.record(
        parseForm(CreateFundWonSchema, { ...common, unitId: values.unitId, projectId: values.projectId ?? null }, locale),
      );
    },
    onSuccess: () => {
      message.success(isCorrection ? t('funds.corrected') : t('funds.recorded'));
      onSaved();
    },
    onError: (error) => formFeedback(error, form),
  });

  const initial: FundValues = correcting
    ? { source: correcting.source, amount: correcting.amount, wonOn: correcting.wonOn, note: correcting.note ?? '' }
    : { unitId: session.user.scopeUnitId ?? undefined, wonOn: today };

  return (
    <Modal
      open
      title={isCorrection ? t('funds.correctTitle') : t('funds.recordTitle')}
      okText={t('common.save')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={620}
      destroyOnHidden
    >
      {correcting ? (
        <Descriptions
          size="small"
          column={1}
          bordered
          style={{ marginBottom: 16 }}
          items={[
            { key: 'unit', label: t('funds.unit'), children: unitOf(correcting.unitId, correcting.unitName) },
            { key: 'project', label: t('funds.project'), children: correcting.projectName ?? '—' },
            {
              key: 'was',
              label: t('funds.was'),
              children: t('funds.wasValue', {
                source: t(`fundSource.${correcting.source}`),
                amount: formatMoney(correcting.amount, locale, 'wan'),
                date: correcting.wonOn,
              }),
            },
          ]}
        />
      ) : null}
      <Form<FundValues>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(values) => save.mutate(values)}
        onValuesChange={(changed: FundValues) => {
          form.setFields(Object.keys(changed).map((name) => ({ name: name as keyof FundValues, errors: [] })));
          if ('unitId' in changed) form.setFieldValue('projectId', null);
        }}
      >
        {isCorrection ? null : (
          <>
            <Form.Item name="unitId" label={t('funds.unit')} required>
              <TreeSelect
                showSearch={{ treeNodeFilterProp: 'title' }}
                treeData={unitTree}
                treeDefaultExpandAll
                listHeight={320}
                data-testid="fund-unit"
              />
            </Form.Item>
            <Form.Item name="projectId" label={t('funds.project')} extra={t('funds.projectHint')}>
              <ProjectPicker unitId={unitId} allowClear testId="fund-project" />
            </Form.Item>
          </>
        )}
        <Form.Item name="source" label={t('funds.source')} required>
          <Select options={FUND_SOURCES.map((value) => ({ value, label: t(`fundSource.${value}`) }))} data-testid="fund-source" />
        </Form.Item>
        <Form.Item name="amount" label={t('funds.amount')} required>
          <MoneyInput data-testid="fund-amount" />
        </Form.Item>
        <Form.Item name="wonOn" label={t('funds.wonOn')} required>
          <IsoDatePicker disabledDate={(date) => date.isAfter(dayjs(today), 'day')} data-testid="fund-won-on" />
        </Form.Item>
        <Form.Item name="note" label={t('funds.note')}>
          <Input.TextArea rows={2} maxLength={500} showCount />
        </Form.Item>
        {isCorrection ? (
          <Form.Item name="reason" label={t('funds.reason')} required>
            <Input.TextArea rows={2} maxLength={500} showCount data-testid="fund-reason" />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
