import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Drawer, Form, Input, Radio, Space, Switch, TreeSelect } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import {
  AcceptAppealSchema,
  APPEAL_RATINGS,
  AssignProblemSchema,
  ConfirmProblemSchema,
  PROBLEM_LIMITS,
  type Problem,
  RateAppealSchema,
  ReopenProblemSchema,
  ReplyAppealSchema,
  ResolveProblemSchema,
  RouteAppealSchema,
  StartProblemSchema,
} from '../../../../src/contracts/index.js';
import { api } from '../../api/endpoints';
import { useT } from '../../i18n';
import { blankToNull, blankToUndefined, parseForm } from '../../lib/zod-form';
import { buildUnitTree } from '../org/unit-tree';
import { useUnitTree } from '../projects/shared/hooks';
import { IsoDatePicker } from '../projects/shared/inputs';
import { useFormFeedback } from '../projects/shared/use-form-feedback';
import { useIsPhone } from './labels';
import { measuresFromText, type UiCommand } from './problems';

interface CommandValues {
  leadUnitId?: number;
  leadPerson?: string;
  cooperatingUnitIds?: number[];
  deadline?: string | null;
  measures?: string;
  reason?: string;
  note?: string;
  isComplex?: boolean;
  text?: string;
  evidence?: string;
  measuresDone?: number[];
  rating?: (typeof APPEAL_RATINGS)[number];
  comment?: string;
}

/** Checks the form with the command's contract schema and sends it with the version the user saw. */
async function send(item: Problem, command: UiCommand, values: CommandValues, locale: 'zh-CN' | 'en-US'): Promise<Problem> {
  const version = item.version;
  const id = item.id;
  const items = item.kind === 'problem' ? api.problems : api.appeals;
  const trimmed = (value: string | undefined) => blankToUndefined(value?.trim());
  switch (command) {
    case 'assign': {
      const measures = measuresFromText(values.measures);
      return await api.problems.assign(
        id,
        parseForm(
          AssignProblemSchema,
          {
            version,
            leadUnitId: values.leadUnitId,
            leadPerson: blankToNull(values.leadPerson?.trim()),
            cooperatingUnitIds: values.cooperatingUnitIds ?? [],
            deadline: blankToNull(values.deadline),
            ...(measures.length ? { measures } : {}),
            reason: blankToNull(values.reason?.trim()),
          },
          locale,
        ),
      );
    }
    case 'route':
      return await api.appeals.route(
        id,
        parseForm(
          RouteAppealSchema,
          {
            version,
            leadUnitId: values.leadUnitId,
            leadPerson: blankToNull(values.leadPerson?.trim()),
            isComplex: values.isComplex ?? false,
            reason: blankToNull(values.reason?.trim()),
          },
          locale,
        ),
      );
    case 'start': {
      const measures = measuresFromText(values.measures);
      return await items.start(
        id,
        parseForm(
          StartProblemSchema,
          { version, ...(measures.length ? { measures } : {}), note: blankToNull(values.note?.trim()) },
          locale,
        ),
      );
    }
    case 'accept':
      return await items.start(id, parseForm(AcceptAppealSchema, { version, note: blankToNull(values.note?.trim()) }, locale));
    case 'reply':
      return await api.appeals.reply(id, parseForm(ReplyAppealSchema, { version, text: trimmed(values.text) }, locale));
    case 'resolve':
      return await items.resolve(
        id,
        parseForm(ResolveProblemSchema, { version, evidence: trimmed(values.evidence), measuresDone: values.measuresDone ?? [] }, locale),
      );
    case 'confirm':
      return await items.confirm(id, parseForm(ConfirmProblemSchema, { version, note: blankToNull(values.note?.trim()) }, locale));
    case 'rate':
      return await api.appeals.rate(
        id,
        parseForm(RateAppealSchema, { version, rating: values.rating, comment: blankToNull(values.comment?.trim()) }, locale),
      );
    case 'reopen':
      return await items.reopen(id, parseForm(ReopenProblemSchema, { version, reason: trimmed(values.reason) }, locale));
  }
}

/**
 * One step of the workflow as a drawer with its form (assign or route, start or accept, reply,
 * resolve with evidence, confirm, rate, reopen with a reason). Full width on a phone.
 */
export function CommandDrawer({
  item,
  command,
  onClose,
  onDone,
  onConflict,
}: {
  item: Problem;
  command: UiCommand;
  onClose: () => void;
  onDone: (next: Problem) => void;
  onConflict: () => void;
}) {
  const { t, locale } = useT();
  const { message } = App.useApp();
  const formFeedback = useFormFeedback();
  const isPhone = useIsPhone();
  const [form] = Form.useForm<CommandValues>();
  const units = useUnitTree();
  const unitTree = useMemo(() => buildUnitTree(units.items, { locale, isSelectable: (unit) => unit.isActive }), [units.items, locale]);
  const measuresText = item.measures.map((m) => m.text).join('\n');

  const run = useMutation({
    mutationFn: (values: CommandValues) => send(item, command, values, locale),
    onSuccess: (next) => {
      message.success(t(`problemCommand.${command}.done`));
      onDone(next);
    },
    onError: (error) => formFeedback(error, form, { onConflict }),
  });

  const initial: CommandValues = {
    leadUnitId: item.leadUnitId ?? undefined,
    leadPerson: item.leadPerson ?? '',
    cooperatingUnitIds: item.cooperatingUnits.map((unit) => unit.id),
    deadline: item.deadline,
    measures: measuresText,
    isComplex: item.isComplex,
    measuresDone: item.measures.flatMap((m, i) => (m.isDone ? [i] : [])),
    rating: 'satisfied',
  };
  const reassigning = item.leadUnitId !== null;

  return (
    <Drawer
      open
      size={isPhone ? '100%' : 560}
      title={t(`problemCommand.${command}.title`)}
      onClose={onClose}
      destroyOnHidden
      data-testid={`command-drawer-${command}`}
      footer={
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={run.isPending} onClick={() => form.submit()} data-testid="command-submit">
            {t(`problemCommand.${command}.submit`)}
          </Button>
        </Space>
      }
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t(`problemCommand.${command}.hint`)} />
      <Form<CommandValues>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(values) => run.mutate(values)}
        onValuesChange={(changed: CommandValues) =>
          form.setFields(Object.keys(changed).map((name) => ({ name: name as keyof CommandValues, errors: [] })))
        }
      >
        {command === 'assign' || command === 'route' ? (
          <>
            <Form.Item name="leadUnitId" label={t('problems.leadUnit')} required>
              <TreeSelect
                showSearch={{ treeNodeFilterProp: 'title' }}
                treeData={unitTree}
                listHeight={320}
                data-testid="command-lead-unit"
              />
            </Form.Item>
            <Form.Item name="leadPerson" label={t('problems.leadPerson')}>
              <Input maxLength={50} data-testid="command-lead-person" />
            </Form.Item>
          </>
        ) : null}
        {command === 'assign' ? (
          <>
            <Form.Item name="cooperatingUnitIds" label={t('problems.cooperatingUnits')}>
              <TreeSelect multiple allowClear showSearch={{ treeNodeFilterProp: 'title' }} treeData={unitTree} listHeight={320} />
            </Form.Item>
            <Form.Item name="deadline" label={t('problems.deadline')} extra={t('problems.deadlineHint')}>
              <IsoDatePicker disabledDate={(date) => date.isBefore(dayjs(item.raisedOn), 'day')} data-testid="command-deadline" />
            </Form.Item>
            <Form.Item name="measures" label={t('problems.measures')} extra={t('problems.measuresHint')}>
              <Input.TextArea rows={3} />
            </Form.Item>
          </>
        ) : null}
        {command === 'route' ? (
          <Form.Item name="isComplex" label={t('appeals.isComplex')} valuePropName="checked" extra={t('appeals.isComplexHint')}>
            <Switch />
          </Form.Item>
        ) : null}
        {(command === 'assign' || command === 'route') && reassigning ? (
          <Form.Item name="reason" label={t('problems.reassignReason')}>
            <Input.TextArea rows={2} maxLength={500} showCount />
          </Form.Item>
        ) : null}
        {command === 'start' ? (
          <Form.Item
            name="measures"
            label={t('problems.measures')}
            extra={t('problems.measuresHint')}
            required={item.measures.length === 0}
          >
            <Input.TextArea rows={4} data-testid="command-measures" />
          </Form.Item>
        ) : null}
        {command === 'start' || command === 'accept' || command === 'confirm' ? (
          <Form.Item name="note" label={t('problems.note')}>
            <Input.TextArea rows={2} maxLength={1000} showCount data-testid="command-note" />
          </Form.Item>
        ) : null}
        {command === 'reply' ? (
          <Form.Item name="text" label={t('appeals.replyText')} required>
            <Input.TextArea rows={4} maxLength={PROBLEM_LIMITS.textMax} showCount data-testid="command-text" />
          </Form.Item>
        ) : null}
        {command === 'resolve' ? (
          <>
            <Form.Item name="evidence" label={t('problems.evidence')} required extra={t('problems.evidenceHint')}>
              <Input.TextArea rows={4} maxLength={PROBLEM_LIMITS.textMax} showCount data-testid="command-evidence" />
            </Form.Item>
            {item.measures.length > 0 ? (
              <Form.Item name="measuresDone" label={t('problems.measuresDone')}>
                <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
                  {item.measures.map((measure, i) => (
                    <Checkbox key={measure.text} value={i}>
                      {measure.text}
                    </Checkbox>
                  ))}
                </Checkbox.Group>
              </Form.Item>
            ) : null}
          </>
        ) : null}
        {command === 'rate' ? (
          <>
            <Form.Item name="rating" label={t('appeals.rating')} required>
              <Radio.Group
                style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
                options={APPEAL_RATINGS.map((value) => ({ value, label: t(`appealRating.${value}`) }))}
                data-testid="command-rating"
              />
            </Form.Item>
            <Form.Item name="comment" label={t('appeals.ratingComment')}>
              <Input.TextArea rows={3} maxLength={1000} showCount data-testid="command-comment" />
            </Form.Item>
          </>
        ) : null}
        {command === 'reopen' ? (
          <Form.Item name="reason" label={t('problems.reopenReason')} required>
            <Input.TextArea rows={3} maxLength={1000} showCount data-testid="command-reason" />
          </Form.Item>
        ) : null}
      </Form>
    </Drawer>
  );
}
