import {
  ArrowLeftOutlined,
  CheckCircleTwoTone,
  ClockCircleOutlined,
  FileWordOutlined,
  PaperClipOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Empty, List, Row, Space, Tag, Timeline, Typography } from 'antd';
import { useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { type Problem, type ProblemKind, shanghaiDate } from '../../../../src/contracts/index.js';
import { api } from '../../api/endpoints';
import { useFeedback } from '../../api/feedback-provider';
import { useCan } from '../../app/session';
import { NotFoundPage } from '../../components/ErrorResult';
import { FullPageSpin } from '../../components/FullPageSpin';
import { LoadError } from '../../components/LoadError';
import { PageContainer } from '../../components/PageContainer';
import { useT } from '../../i18n';
import { formatDateTime } from '../../lib/time';
import { DOCUMENT_ACCEPT } from '../../lib/documents';
import { useUnitLabel } from '../projects/shared/hooks';
import { CommandDrawer } from './CommandDrawer';
import { DeadlineText, EscalationTag, ProblemStatusTag, RatingTag, useCategoryOptions } from './labels';
import { eventNote, primaryCommand, type UiCommand, uiCommands, waitingFor } from './problems';

/**
 * One problem or appeal: its three lists (problem, measures, responsibility), the timeline of
 * its transitions, files, escalations with their 督办函, and the buttons the server allows now.
 */
export function ItemDetailPage({ kind }: { kind: ProblemKind }) {
  const unitOf = useUnitLabel();
  const { id } = useParams();
  const itemId = Number(id);
  const valid = Number.isInteger(itemId) && itemId > 0;
  const { t } = useT();
  const can = useCan();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const feedback = useFeedback();
  const queryClient = useQueryClient();
  const categories = useCategoryOptions(kind);
  const [command, setCommand] = useState<UiCommand | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const today = shanghaiDate(new Date());
  const items = kind === 'problem' ? api.problems : api.appeals;
  const listKey = kind === 'problem' ? 'problems' : 'appeals';
  const base = `/${listKey}`;

  const key = [listKey, 'detail', itemId];
  const item = useQuery({ queryKey: key, queryFn: () => items.get(itemId), enabled: valid });
  const saved = (next: Problem) => {
    queryClient.setQueryData(key, next);
    void queryClient.invalidateQueries({ queryKey: [listKey, 'list'] });
    void queryClient.invalidateQueries({ queryKey: ['notifications'] });
  };
  const upload = useMutation({
    mutationFn: (file: File) => items.addFile(itemId, file),
    onSuccess: (next) => {
      message.success(t('problems.fileAdded'));
      saved(next);
    },
    onError: (error) => feedback(error),
  });
  const download = useMutation({
    mutationFn: (what: { file: number; name: string } | { escalation: number; name: string }) =>
      'file' in what ? items.file(itemId, what.file, what.name) : items.notice(itemId, what.escalation, what.name),
    onError: (error) => feedback(error),
  });

  if (!valid) return <NotFoundPage />;
  if (item.error && !item.data) return <LoadError error={item.error} onRetry={() => void item.refetch()} />;
  if (!item.data) return <FullPageSpin />;
  const p = item.data;
  const commands = uiCommands(kind, p.allowed);
  const primary = primaryCommand(commands);
  const open = p.status !== 'confirmed';
  const canUpload =
    open && (kind === 'problem' ? can('problem.handle') && p.allowed.some((c) => c === 'resolve' || c === 'start') : can('appeal.raise'));
  const waiting = waitingFor(p.status);

  return (
    <PageContainer
      title={p.title}
      extra={
        <Space wrap>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(base)}>
            {t('problems.back')}
          </Button>
          {commands.map((c) => (
            <Button key={c} type={c === primary ? 'primary' : 'default'} onClick={() => setCommand(c)} data-testid={`command-${c}`}>
              {t(`problemCommand.${c}.button`)}
            </Button>
          ))}
          {canUpload ? (
            <Button
              icon={<UploadOutlined />}
              loading={upload.isPending}
              onClick={() => fileInput.current?.click()}
              data-testid="file-upload"
            >
              {kind === 'problem' ? t('problems.uploadEvidence') : t('appeals.uploadAttachment')}
            </Button>
          ) : null}
        </Space>
      }
    >
      <input
        ref={fileInput}
        type="file"
        accept={DOCUMENT_ACCEPT}
        hidden
        data-testid="file-input"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) upload.mutate(file);
        }}
      />
      {waiting !== 'none' ? (
        <Alert
          type={p.isOverdue ? 'error' : 'info'}
          showIcon
          style={{ marginBottom: 16 }}
          title={t(`problems.waiting.${waiting}`)}
          description={p.isOverdue ? t('problems.overdueDays', { days: p.overdueWorkingDays }) : undefined}
          data-testid="problem-waiting"
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card size="small" title={t('problems.problemList')} style={{ marginBottom: 16 }}>
            <Descriptions
              size="small"
              column={{ xs: 1, md: 2 }}
              data-testid="problem-overview"
              items={[
                { key: 'status', label: t('common.status'), children: <ProblemStatusTag kind={kind} status={p.status} /> },
                { key: 'category', label: t('problems.category'), children: categories.nameOf(p.category) },
                kind === 'appeal'
                  ? { key: 'enterprise', label: t('appeals.enterprise'), children: p.enterpriseName ?? '—' }
                  : { key: 'unit', label: t('problems.unit'), children: unitOf(p.unitId, p.unitName) },
                {
                  key: 'project',
                  label: t('problems.project'),
                  children: p.projectId ? <Link to={`/projects/${p.projectId}`}>{p.projectName}</Link> : '—',
                },
                {
                  key: 'raisedBy',
                  label: t('problems.raisedBy'),
                  children:
                    [p.raisedByName, p.raisedByUnitId ? unitOf(p.raisedByUnitId, p.raisedByUnitName) : null].filter(Boolean).join(' · ') ||
                    '—',
                },
                { key: 'raisedOn', label: t('problems.raisedOn'), children: p.raisedOn },
                { key: 'source', label: t('problems.source'), children: t(`problemSource.${p.source}`) },
                {
                  key: 'escalation',
                  label: t('problems.escalation'),
                  children: p.escalationLevel ? <EscalationTag level={p.escalationLevel} /> : '—',
                },
                ...(kind === 'appeal'
                  ? [
                      { key: 'acceptDue', label: t('appeals.acceptDue'), children: dueText(p.acceptDue, p.acceptedOn, t) },
                      { key: 'replyDue', label: t('appeals.replyDue'), children: dueText(p.replyDue, p.repliedOn, t) },
                      {
                        key: 'rating',
                        label: t('appeals.rating'),
                        children: p.rating ? (
                          <Space wrap>
                            <RatingTag rating={p.rating} />
                            {p.ratingComment ? <Typography.Text type="secondary">{p.ratingComment}</Typography.Text> : null}
                          </Space>
                        ) : (
                          '—'
                        ),
                      },
                    ]
                  : []),
                ...(p.reopenCount > 0 ? [{ key: 'reopen', label: t('problems.reopenCount'), children: p.reopenCount }] : []),
                ...(p.resolvedOn ? [{ key: 'resolvedOn', label: t('problems.resolvedOn'), children: p.resolvedOn }] : []),
                ...(p.closedOn ? [{ key: 'closedOn', label: t('problems.closedOn'), children: p.closedOn }] : []),
              ]}
            />
            <Typography.Paragraph style={{ marginTop: 12, whiteSpace: 'pre-wrap' }} data-testid="problem-description-text">
              {p.description}
            </Typography.Paragraph>
          </Card>
          <Card size="small" title={t('problems.responsibilityList')} style={{ marginBottom: 16 }}>
            <Descriptions
              size="small"
              column={{ xs: 1, md: 2 }}
              data-testid="problem-responsibility"
              items={[
                {
                  key: 'lead',
                  label: t('problems.leadUnit'),
                  children: p.leadUnitId ? unitOf(p.leadUnitId, p.leadUnitName) : t('problems.notAssigned'),
                },
                { key: 'person', label: t('problems.leadPerson'), children: p.leadPerson ?? '—' },
                {
                  key: 'cooperating',
                  label: t('problems.cooperatingUnits'),
                  children: p.cooperatingUnits.length ? p.cooperatingUnits.map((u) => <Tag key={u.id}>{unitOf(u.id, u.name)}</Tag>) : '—',
                },
                { key: 'deadline', label: t('problems.deadline'), children: <DeadlineText item={p} today={today} /> },
                ...(kind === 'appeal'
                  ? [{ key: 'complex', label: t('appeals.isComplex'), children: p.isComplex ? t('common.yes') : t('common.no') }]
                  : []),
              ]}
            />
          </Card>
          <Card size="small" title={t('problems.measureList')} style={{ marginBottom: 16 }}>
            {p.measures.length === 0 ? (
              <Empty description={t('problems.noMeasures')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
            ) : (
              <List
                size="small"
                data-testid="problem-measures-list"
                dataSource={p.measures}
                renderItem={(measure, i) => (
                  <List.Item>
                    <Space align="start">
                      {measure.isDone ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <ClockCircleOutlined />}
                      <span>
                        {i + 1}. {measure.text}
                      </span>
                      {measure.isDone ? <Tag color="success">{t('problems.measureDone')}</Tag> : null}
                    </Space>
                  </List.Item>
                )}
              />
            )}
          </Card>
          <Card size="small" title={t('problems.files', { count: p.files.length })} style={{ marginBottom: 16 }}>
            {p.files.length === 0 ? (
              <Empty description={t('problems.noFiles')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
            ) : (
              <List
                size="small"
                data-testid="problem-files"
                dataSource={p.files}
                renderItem={(file) => (
                  <List.Item>
                    <Space wrap>
                      <Button
                        type="link"
                        size="small"
                        style={{ padding: 0 }}
                        icon={<PaperClipOutlined />}
                        onClick={() => download.mutate({ file: file.id, name: file.filename })}
                        data-testid={`file-download-${file.id}`}
                      >
                        {file.filename}
                      </Button>
                      <Tag>{t(`problemFileKind.${file.kind}`)}</Tag>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {Math.max(1, Math.round(file.sizeBytes / 1024))} KB · {formatDateTime(file.addedAt)}
                      </Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
            )}
          </Card>
          <Card size="small" title={t('problems.escalations', { count: p.escalations.length })}>
            {p.escalations.length === 0 ? (
              <Empty description={t('problems.noEscalations')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
            ) : (
              <List
                size="small"
                data-testid="problem-escalations"
                dataSource={p.escalations}
                renderItem={(escalation) => (
                  <List.Item
                    actions={[
                      <Button
                        key="notice"
                        size="small"
                        icon={<FileWordOutlined />}
                        onClick={() => download.mutate({ escalation: escalation.id, name: `${escalation.noticeNo}.docx` })}
                        data-testid={`notice-${escalation.id}`}
                      >
                        {t('problems.notice')}
                      </Button>,
                    ]}
                  >
                    <Space orientation="vertical" size={0}>
                      <Space wrap>
                        <EscalationTag level={escalation.level} />
                        <Typography.Text strong>{escalation.noticeNo}</Typography.Text>
                      </Space>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('problems.escalationLine', {
                          on: escalation.escalatedOn,
                          days: escalation.overdueDays,
                          to: escalation.addressedTo,
                        })}
                      </Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('problems.timeline')}>
            <Timeline
              data-testid="problem-timeline"
              items={[...p.events].reverse().map((event) => ({
                key: event.id,
                color:
                  event.command === 'escalate'
                    ? 'red'
                    : event.command === 'reopen'
                      ? 'orange'
                      : event.toStatus === 'confirmed'
                        ? 'green'
                        : 'blue',
                content: <EventContent kind={kind} event={event} />,
              }))}
            />
          </Card>
        </Col>
      </Row>
      {command ? (
        <CommandDrawer
          item={p}
          command={command}
          onClose={() => setCommand(null)}
          onDone={(next) => {
            setCommand(null);
            saved(next);
          }}
          onConflict={() => {
            setCommand(null);
            void item.refetch();
          }}
        />
      ) : null}
    </PageContainer>
  );
}

/** One step of the history: what happened, when, by whom, and its note (a rating in words). */
function EventContent({ kind, event }: { kind: ProblemKind; event: Problem['events'][number] }) {
  const { t } = useT();
  const unitOf = useUnitLabel();
  const facts = event.facts;
  // A note the system wrote is said from its facts, in the reader's language.
  const note =
    facts?.kind === 'assigned'
      ? {
          text: t(facts.leadPerson ? 'problemEvent.assignedToPerson' : 'problemEvent.assignedTo', {
            unit: unitOf(facts.leadUnitId, facts.leadUnitName),
            person: facts.leadPerson ?? '',
            deadline: facts.deadline,
          }),
        }
      : facts?.kind === 'escalated'
        ? {
            text: t('problemEvent.escalatedTo', {
              level: t(`escalationLevel.${facts.level}`),
              noticeNo: facts.noticeNo,
              days: facts.overdueDays,
              dueOn: facts.dueOn,
            }),
          }
        : eventNote(kind, event.command, event.note);
  return (
    <Space orientation="vertical" size={0}>
      <Typography.Text strong>{t(`problemEvent.${kind}.${event.command}`)}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {event.occurredOn} · {event.actorName ?? t('problems.system')}
      </Typography.Text>
      {note.rating ? <RatingTag rating={note.rating} /> : null}
      {note.text ? <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{note.text}</Typography.Text> : null}
    </Space>
  );
}

/** A limit with what happened: done on a date, or still due. */
function dueText(due: string | null, doneOn: string | null, t: ReturnType<typeof useT>['t']): string {
  if (!due) return '—';
  return doneOn ? t('appeals.doneOn', { due, on: doneOn }) : t('appeals.dueOn', { due });
}
