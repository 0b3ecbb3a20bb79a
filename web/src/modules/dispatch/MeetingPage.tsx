import { ArrowLeftOutlined, EditOutlined, FileWordOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Descriptions, Empty, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { AgendaItem, Decision, Meeting } from '../../../../src/contracts/index.js';
import { api } from '../../api/endpoints';
import { useFeedback } from '../../api/feedback-provider';
import { useCan } from '../../app/session';
import { NotFoundPage } from '../../components/ErrorResult';
import { FullPageSpin } from '../../components/FullPageSpin';
import { LoadError } from '../../components/LoadError';
import { PageContainer } from '../../components/PageContainer';
import { useT } from '../../i18n';
import { formatDateTime } from '../../lib/time';
import { useUnitLabel } from '../projects/shared/hooks';
import { DecisionModal } from './DecisionModal';
import { KindText, ReasonTag, TaskStatusTag } from './labels';
import { MeetingDrawer } from './MeetingDrawer';
import { MinutesCard } from './MinutesCard';
import { agendaLabel, meetingTasks, type TaskRow } from './meeting-tasks';

/**
 * 调度会: date, chair and attendees, the agenda with why each item is on it (chair, attendees,
 * title and agenda edited in the meeting drawer), the minutes (edited against their version), the decisions and the tasks they handed out (problem-list
 * items, with their state), and the minutes and task list as Word.
 */
export default function MeetingPage() {
  const { id } = useParams();
  const meetingId = Number(id);
  const valid = Number.isInteger(meetingId) && meetingId > 0;
  const { t } = useT();
  const unitOf = useUnitLabel();
  const can = useCan();
  const canManage = can('dispatch.manage');
  const navigate = useNavigate();
  const feedback = useFeedback();
  const queryClient = useQueryClient();
  const [deciding, setDeciding] = useState(false);
  const [editing, setEditing] = useState(false);

  const key = ['dispatch', 'detail', meetingId];
  const meeting = useQuery({ queryKey: key, queryFn: () => api.dispatch.get(meetingId), enabled: valid });
  const saved = (next: Meeting) => {
    queryClient.setQueryData(key, next);
    void queryClient.invalidateQueries({ queryKey: ['dispatch', 'list'] });
  };
  const download = useMutation({
    mutationFn: (which: 'minutes' | 'tasks') =>
      api.dispatch.document(
        meetingId,
        which,
        t(which === 'minutes' ? 'dispatch.minutesName' : 'dispatch.tasksName', { date: meeting.data?.heldOn ?? '' }),
      ),
    onError: (error) => feedback(error),
  });

  if (!valid) return <NotFoundPage />;
  if (meeting.error && !meeting.data) return <LoadError error={meeting.error} onRetry={() => void meeting.refetch()} />;
  if (!meeting.data) return <FullPageSpin />;
  const m = meeting.data;
  const tasks = meetingTasks(m);
  const title = m.title ?? t('dispatch.defaultTitle', { date: m.heldOn });

  return (
    <PageContainer
      title={title}
      extra={
        <Space wrap>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/dispatch')}>
            {t('dispatch.back')}
          </Button>
          <Button
            icon={<FileWordOutlined />}
            loading={download.isPending && download.variables === 'minutes'}
            onClick={() => download.mutate('minutes')}
            data-testid="download-minutes"
          >
            {t('dispatch.downloadMinutes')}
          </Button>
          <Button
            icon={<FileWordOutlined />}
            loading={download.isPending && download.variables === 'tasks'}
            onClick={() => download.mutate('tasks')}
            data-testid="download-tasks"
          >
            {t('dispatch.downloadTasks')}
          </Button>
          {canManage ? (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="meeting-edit">
              {t('dispatch.edit')}
            </Button>
          ) : null}
          {canManage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDeciding(true)} data-testid="decision-add">
              {t('dispatch.addDecision')}
            </Button>
          ) : null}
        </Space>
      }
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          data-testid="meeting-overview"
          items={[
            { key: 'heldOn', label: t('dispatch.heldOn'), children: <span data-testid="meeting-date">{m.heldOn}</span> },
            { key: 'chair', label: t('dispatch.chair'), children: m.chair },
            {
              key: 'previous',
              label: t('dispatch.previous'),
              children: m.previousMeetingId ? (
                <Link to={`/dispatch/${m.previousMeetingId}`}>{t('dispatch.view')}</Link>
              ) : (
                <Typography.Text type="secondary">{t('dispatch.noPrevious')}</Typography.Text>
              ),
            },
            {
              key: 'attendees',
              label: t('dispatch.attendees'),
              span: 3,
              children: m.attendees.length ? (
                <Space size={4} wrap>
                  {m.attendees.map((name) => (
                    <Tag key={name}>{name}</Tag>
                  ))}
                </Space>
              ) : (
                '—'
              ),
            },
            { key: 'updatedAt', label: t('common.updatedAt'), children: formatDateTime(m.updatedAt) },
          ]}
        />
      </Card>
      <Card size="small" title={t('dispatch.agendaTitle', { count: m.agenda.length })} style={{ marginBottom: 16 }}>
        <Table<AgendaItem>
          data-testid="meeting-agenda"
          rowKey="position"
          size="small"
          dataSource={m.agenda}
          pagination={m.agenda.length > 50 ? { pageSize: 50 } : false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={t('dispatch.noAgenda')} /> }}
          columns={[
            { title: '#', dataIndex: 'position', width: 48, render: (position: number) => position + 1 },
            { title: t('dispatch.reasonCol'), dataIndex: 'reason', width: 96, render: (_, item) => <ReasonTag reason={item.reason} /> },
            { title: t('dispatch.kindCol'), dataIndex: 'kind', width: 90, render: (_, item) => <KindText kind={item.kind} /> },
            {
              title: t('dispatch.item'),
              key: 'title',
              render: (_, item) => (
                <Space orientation="vertical" size={0}>
                  {item.problemId ? (
                    <Link to={`/problems/${item.problemId}`}>{item.title}</Link>
                  ) : item.projectId ? (
                    <Link to={`/projects/${item.projectId}`}>{item.title}</Link>
                  ) : (
                    <Typography.Text>{item.title}</Typography.Text>
                  )}
                  {item.problemId && item.projectId ? (
                    <Link to={`/projects/${item.projectId}`}>
                      <Typography.Text type="secondary">{item.projectName ?? t('dispatch.project')}</Typography.Text>
                    </Link>
                  ) : null}
                  {item.detail ? <Typography.Text type="secondary">{item.detail}</Typography.Text> : null}
                </Space>
              ),
            },
            {
              title: t('dispatch.problemStatus'),
              dataIndex: 'problemStatus',
              width: 110,
              render: (_, item) => (item.problemStatus ? <TaskStatusTag status={item.problemStatus} /> : null),
            },
          ]}
        />
      </Card>
      <MinutesCard
        meeting={m}
        canEdit={canManage}
        onSaved={saved}
        onReload={async () => {
          const result = await meeting.refetch();
          return result.data;
        }}
      />
      <Card size="small" title={t('dispatch.decisions', { count: m.decisions.length })} style={{ marginBottom: 16 }}>
        <Table<Decision>
          data-testid="decision-table"
          rowKey="id"
          size="small"
          dataSource={m.decisions}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={t('dispatch.noDecisions')} /> }}
          columns={[
            { title: '#', dataIndex: 'position', width: 48, render: (position: number) => position + 1 },
            {
              title: t('dispatch.decisionText'),
              dataIndex: 'text',
              render: (text: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{text}</span>,
            },
            {
              title: t('dispatch.decisionAgenda'),
              dataIndex: 'agendaPosition',
              width: 220,
              render: (position: number | null) => {
                const label = agendaLabel(m, position);
                return label ? t('dispatch.agendaOption', label) : '—';
              },
            },
            {
              title: t('dispatch.taskCol'),
              dataIndex: 'task',
              width: 260,
              render: (task: Decision['task']) =>
                task ? (
                  <Space size={4} wrap>
                    <TaskStatusTag status={task.status} />
                    <span>{unitOf(task.leadUnitId, task.leadUnitName)}</span>
                    <Typography.Text type="secondary">{t('dispatch.dueBy', { date: task.deadline ?? '—' })}</Typography.Text>
                  </Space>
                ) : (
                  <Typography.Text type="secondary">{t('dispatch.noTask')}</Typography.Text>
                ),
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('dispatch.tasks', { count: tasks.length })}>
        <Table<TaskRow>
          data-testid="task-table"
          rowKey="key"
          size="small"
          dataSource={tasks}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={t('dispatch.noTasks')} /> }}
          columns={[
            {
              title: t('dispatch.task'),
              dataIndex: 'title',
              render: (text: string, row) => (
                <Space size={4} wrap>
                  {row.carriedFromMeetingId ? (
                    <Tooltip title={t('dispatch.carriedHint')}>
                      <Link to={`/dispatch/${row.carriedFromMeetingId}`}>
                        <Tag color="purple" data-testid="task-carried">
                          {t('dispatch.reason.carried')}
                        </Tag>
                      </Link>
                    </Tooltip>
                  ) : null}
                  <span>{text}</span>
                </Space>
              ),
            },
            { title: t('dispatch.leadUnit'), key: 'leadUnit', render: (_, row) => unitOf(row.leadUnitId, row.leadUnitName) },
            { title: t('dispatch.leadPerson'), dataIndex: 'leadPerson', render: (name: string | null) => name ?? '—' },
            { title: t('dispatch.deadline'), dataIndex: 'deadline', width: 110, render: (date: string | null) => date ?? '—' },
            {
              title: t('dispatch.problemStatus'),
              dataIndex: 'status',
              width: 110,
              render: (_, row) => (row.status ? <TaskStatusTag status={row.status} /> : '—'),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 100,
              render: (_, row) => (
                <Link to={`/problems/${row.problemId}`} data-testid={`task-link-${row.problemId}`}>
                  {t('dispatch.openProblem')}
                </Link>
              ),
            },
          ]}
        />
      </Card>
      {deciding ? (
        <DecisionModal
          meeting={m}
          onClose={() => setDeciding(false)}
          onSaved={(next) => {
            setDeciding(false);
            saved(next);
          }}
        />
      ) : null}
      {editing ? (
        <MeetingDrawer
          meeting={m}
          onClose={() => setEditing(false)}
          onSaved={(next) => {
            setEditing(false);
            saved(next);
          }}
        />
      ) : null}
    </PageContainer>
  );
}
