import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Drawer, Empty, Flex, Form, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { AGENDA_REASONS, DISPATCH_LIMITS, type Meeting, shanghaiDate } from '../../../../src/contracts/index.js';
import { api } from '../../api/endpoints';
import { useT } from '../../i18n';
import { TAG_SEPARATORS } from '../../i18n/separators';
import { useFormFeedback } from '../projects/shared/use-form-feedback';
import {
  addFreeItem,
  countByReason,
  type DraftAgendaItem,
  draftFromProposal,
  isRemovable,
  moveItem,
  removeByReason,
  removeItem,
} from './agenda-edit';
import { KindText, REASON_COLORS, ReasonTag } from './labels';
import { parseMeeting, parseMeetingUpdate } from './meeting-form';

/** Long proposals (hundreds of red projects early in a year) are paged to keep the editor quick. */
const PAGE_SIZE = 50;

interface Values {
  heldOn?: Dayjs | null;
  title?: string;
  chair?: string;
  attendees?: string[];
}

/**
 * 新建调度会: the date loads the agenda the system proposes for it (carried-over tasks, red and
 * yellow projects, overdue problems, each with its reason); the operator removes, reorders and
 * adds items, then saves the meeting with that agenda.
 * 编辑会议 (`meeting` given): the chair, attendees, title and the agenda as recorded, saved
 * against the version opened (a newer one is refused with the server's message); the date stays.
 */
export function MeetingDrawer({
  meeting,
  onClose,
  onSaved,
}: {
  meeting?: Meeting;
  onClose: () => void;
  onSaved: (meeting: Meeting) => void;
}) {
  const { t, locale } = useT();
  const { message } = App.useApp();
  const formFeedback = useFormFeedback();
  const [form] = Form.useForm<Values>();
  const [heldOn, setHeldOn] = useState(() => meeting?.heldOn ?? shanghaiDate(new Date()));
  const [draft, setDraft] = useState<DraftAgendaItem[]>(() => (meeting ? draftFromProposal(meeting.agenda) : []));
  const [freeTitle, setFreeTitle] = useState('');

  const proposal = useQuery({
    queryKey: ['dispatch', 'proposal', heldOn],
    queryFn: () => api.dispatch.proposal(heldOn),
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
    enabled: !meeting,
  });
  // A new date (or a reload) replaces the rows with its proposal; a recorded meeting keeps its own
  // agenda (a proposal for its date may still be in the cache from when it was created).
  useEffect(() => {
    if (proposal.data && !meeting) setDraft(draftFromProposal(proposal.data.items));
  }, [proposal.data, meeting]);

  const save = useMutation({
    mutationFn: async (values: Values) => {
      const own = { title: values.title, chair: values.chair, attendees: values.attendees };
      if (meeting) return await api.dispatch.update(meeting.id, parseMeetingUpdate(own, draft, meeting.version, locale));
      return await api.dispatch.create(parseMeeting({ ...own, heldOn: values.heldOn?.format('YYYY-MM-DD') }, draft, locale));
    },
    onSuccess: (saved) => {
      message.success(t(meeting ? 'dispatch.updated' : 'dispatch.created'));
      onSaved(saved);
    },
    onError: (error) => formFeedback(error, form),
  });

  const counts = countByReason(draft);
  const tooMany = draft.length > DISPATCH_LIMITS.agendaMax;
  const addFree = () => {
    setDraft((rows) => addFreeItem(rows, freeTitle));
    setFreeTitle('');
  };

  return (
    <Drawer
      open
      size={1000}
      title={meeting ? t('dispatch.edit') : t('dispatch.create')}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            disabled={(!meeting && !proposal.data) || tooMany}
            onClick={() => form.submit()}
            data-testid="meeting-save"
          >
            {meeting ? t('common.save') : t('dispatch.createOk')}
          </Button>
        </Space>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          heldOn: dayjs(heldOn),
          title: meeting?.title ?? undefined,
          chair: meeting?.chair,
          attendees: meeting?.attendees ?? [],
        }}
        onFinish={(values) => save.mutate(values)}
        onValuesChange={(changed: Values) => {
          form.setFields(Object.keys(changed).map((name) => ({ name: name as keyof Values, errors: [] })));
          if ('heldOn' in changed && changed.heldOn) setHeldOn(changed.heldOn.format('YYYY-MM-DD'));
        }}
      >
        <Flex gap={16} wrap>
          <Form.Item name="heldOn" label={t('dispatch.heldOn')} required>
            <DatePicker allowClear={false} disabled={Boolean(meeting)} data-testid="meeting-held-on" />
          </Form.Item>
          <Form.Item name="chair" label={t('dispatch.chair')} required style={{ width: 200 }}>
            <Input maxLength={50} placeholder={t('dispatch.chairPlaceholder')} data-testid="meeting-chair" />
          </Form.Item>
          <Form.Item name="title" label={t('dispatch.meetingTitle')} style={{ flex: 1, minWidth: 240 }}>
            <Input maxLength={100} placeholder={t('dispatch.defaultTitle', { date: heldOn })} data-testid="meeting-title" />
          </Form.Item>
        </Flex>
        <Form.Item name="attendees" label={t('dispatch.attendees')}>
          <Select
            mode="tags"
            open={false}
            tokenSeparators={TAG_SEPARATORS}
            placeholder={t('dispatch.attendeesPlaceholder')}
            data-testid="meeting-attendees"
          />
        </Form.Item>
      </Form>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
        <Space wrap size={4}>
          <Typography.Text strong data-testid="agenda-summary">
            {t('dispatch.agendaFor', { date: heldOn, count: draft.length })}
          </Typography.Text>
          {AGENDA_REASONS.map((reason) =>
            counts[reason] > 0 ? (
              <Tooltip key={reason} title={reason === 'carried' ? t('dispatch.carriedLocked') : t('dispatch.removeAllOf')}>
                <Tag
                  color={REASON_COLORS[reason]}
                  closable={reason !== 'carried'}
                  onClose={(event) => {
                    event.preventDefault();
                    setDraft((rows) => removeByReason(rows, reason));
                  }}
                  data-testid={`agenda-count-${reason}`}
                >
                  {t(`dispatch.reason.${reason}`)} {counts[reason]}
                </Tag>
              </Tooltip>
            ) : null,
          )}
        </Space>
        {meeting ? null : (
          <Button
            icon={<ReloadOutlined />}
            loading={proposal.isFetching}
            onClick={() => void proposal.refetch()}
            data-testid="agenda-reload"
          >
            {t('dispatch.reloadProposal')}
          </Button>
        )}
      </Flex>
      <Typography.Paragraph type="secondary">
        {meeting ? t(meeting.decisions.length ? 'dispatch.editAgendaHint' : 'dispatch.editHint') : t('dispatch.proposalHint')}
      </Typography.Paragraph>
      {proposal.error ? <Alert type="error" showIcon style={{ marginBottom: 8 }} title={proposal.error.message} /> : null}
      {!meeting && proposal.data?.omittedProjects ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 8 }}
          title={t('dispatch.omittedProjects', { count: proposal.data.omittedProjects })}
          data-testid="agenda-omitted"
        />
      ) : null}
      {tooMany ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          title={t('dispatch.tooMany', { max: DISPATCH_LIMITS.agendaMax, count: draft.length })}
          data-testid="agenda-too-many"
        />
      ) : null}
      <Table<DraftAgendaItem>
        data-testid="agenda-table"
        rowKey="key"
        size="small"
        loading={proposal.isFetching}
        dataSource={draft}
        pagination={draft.length > PAGE_SIZE ? { pageSize: PAGE_SIZE, showSizeChanger: false, size: 'small' } : false}
        locale={{ emptyText: <Empty description={t('dispatch.noAgenda')} /> }}
        columns={[
          { title: '#', key: 'n', width: 48, render: (_, row) => draft.indexOf(row) + 1 },
          { title: t('dispatch.reasonCol'), dataIndex: 'reason', width: 96, render: (_, row) => <ReasonTag reason={row.reason} /> },
          { title: t('dispatch.kindCol'), dataIndex: 'kind', width: 90, render: (_, row) => <KindText kind={row.kind} /> },
          {
            title: t('dispatch.item'),
            key: 'title',
            render: (_, row) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text>{row.title}</Typography.Text>
                {row.detail ? <Typography.Text type="secondary">{row.detail}</Typography.Text> : null}
              </Space>
            ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 130,
            render: (_, row) => {
              const index = draft.indexOf(row);
              return (
                <Space size={0}>
                  <Tooltip title={t('dispatch.moveUp')}>
                    <Button
                      type="text"
                      size="small"
                      icon={<ArrowUpOutlined />}
                      disabled={index === 0}
                      onClick={() => setDraft((rows) => moveItem(rows, row.key, -1))}
                      aria-label={t('dispatch.moveUp')}
                      data-testid={`agenda-up-${row.key}`}
                    />
                  </Tooltip>
                  <Tooltip title={t('dispatch.moveDown')}>
                    <Button
                      type="text"
                      size="small"
                      icon={<ArrowDownOutlined />}
                      disabled={index === draft.length - 1}
                      onClick={() => setDraft((rows) => moveItem(rows, row.key, 1))}
                      aria-label={t('dispatch.moveDown')}
                      data-testid={`agenda-down-${row.key}`}
                    />
                  </Tooltip>
                  <Tooltip title={isRemovable(row) ? t('dispatch.remove') : t('dispatch.carriedLocked')}>
                    <Button
                      type="text"
                      size="small"
                      danger
                      icon={<DeleteOutlined />}
                      disabled={!isRemovable(row)}
                      onClick={() => setDraft((rows) => removeItem(rows, row.key))}
                      aria-label={t('dispatch.remove')}
                      data-testid={`agenda-remove-${row.key}`}
                    />
                  </Tooltip>
                </Space>
              );
            },
          },
        ]}
      />
      <Space.Compact style={{ width: '100%', marginTop: 12 }}>
        <Input
          value={freeTitle}
          maxLength={200}
          onChange={(event) => setFreeTitle(event.target.value)}
          onPressEnter={addFree}
          placeholder={t('dispatch.freeItemPlaceholder')}
          data-testid="agenda-free-title"
        />
        <Button icon={<PlusOutlined />} disabled={!freeTitle.trim()} onClick={addFree} data-testid="agenda-add">
          {t('dispatch.addItem')}
        </Button>
      </Space.Compact>
    </Drawer>
  );
}
