import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  CheckCircleOutlined,
  FileExcelOutlined,
  FileWordOutlined,
  MinusOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Empty, List, Row, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { Board, BoardEntry, BoardMetric } from '../../../../src/contracts/index.js';
import { api } from '../../api/endpoints';
import { useFeedback } from '../../api/feedback-provider';
import { useCan } from '../../app/session';
import { LoadError } from '../../components/LoadError';
import { PageContainer } from '../../components/PageContainer';
import { useT } from '../../i18n';
import { formatDateTime } from '../../lib/time';
import { useUnitLabel } from '../projects/shared/hooks';
import { formatAmount, formatMoney, formatMoneyLong } from '../projects/shared/money';
import { MonthPicker } from '../reports/MonthPicker';
import { currentMonth, monthFromSearch } from '../reports/month';
import { isFlat, movementOf, tiedRanks } from './boards';
import { HonoursCard } from './HonoursCard';
import { SourcesDrawer, type SourcesTarget } from './SourcesDrawer';

/**
 * 规模榜单: the four year-to-date boards of a month. A published month is the frozen snapshot
 * (with notes of corrections to earlier publications); otherwise the figures as of now, marked
 * as a preview. Every figure opens to the rows and versions behind it.
 */
export default function BoardsPage() {
  const { t, locale } = useT();
  const unitOf = useUnitLabel();
  const can = useCan();
  const { modal, message } = App.useApp();
  const feedback = useFeedback();
  const queryClient = useQueryClient();
  const [search, setSearch] = useSearchParams();
  const month = monthFromSearch(search.get('month'));
  const [sources, setSources] = useState<SourcesTarget | null>(null);

  const boards = useQuery({ queryKey: ['boards', month], queryFn: () => api.boards.get(month) });
  const publish = useMutation({
    mutationFn: () => api.boards.publish(month),
    onSuccess: (published) => {
      queryClient.setQueryData(['boards', month], published);
      void queryClient.invalidateQueries({ queryKey: ['boards'] });
      message.success(t('boards.publishedDone', { month }));
    },
    onError: (error) => feedback(error),
  });
  const download = useMutation({
    mutationFn: (which: 'briefing' | 'workbook') =>
      which === 'briefing'
        ? api.boards.briefing(month, t('boards.briefingName', { month }))
        : api.boards.workbook(month, t('boards.workbookName', { month })),
    onError: (error) => feedback(error),
  });

  if (boards.error && !boards.data) return <LoadError error={boards.error} onRetry={() => void boards.refetch()} />;
  const data = boards.data;
  const isOver = month < currentMonth();

  const confirmPublish = () =>
    modal.confirm({
      title: t('boards.publishTitle', { month }),
      content: t('boards.publishBody'),
      okText: t('boards.publish'),
      onOk: () => publish.mutateAsync(),
    });

  return (
    <PageContainer
      title={t('boards.title')}
      extra={
        <Space wrap>
          <MonthPicker value={month} onChange={(next) => setSearch({ month: next })} testId="boards-month" />
          {data?.isPublished && data.hasBriefing ? (
            <>
              <Button
                icon={<FileWordOutlined />}
                loading={download.isPending && download.variables === 'briefing'}
                onClick={() => download.mutate('briefing')}
                data-testid="boards-briefing"
              >
                {t('boards.briefing')}
              </Button>
              <Button
                icon={<FileExcelOutlined />}
                loading={download.isPending && download.variables === 'workbook'}
                onClick={() => download.mutate('workbook')}
                data-testid="boards-workbook"
              >
                {t('boards.workbook')}
              </Button>
            </>
          ) : null}
          {can('board.publish') && data && !data.isPublished ? (
            <Button
              type="primary"
              icon={<SendOutlined />}
              disabled={!isOver}
              loading={publish.isPending}
              onClick={confirmPublish}
              data-testid="boards-publish"
              title={isOver ? undefined : t('boards.notOver')}
            >
              {t('boards.publish')}
            </Button>
          ) : null}
        </Space>
      }
    >
      {!data ? (
        <Spin />
      ) : (
        <>
          {data.isPublished ? (
            <Alert
              type="success"
              showIcon
              icon={<CheckCircleOutlined />}
              style={{ marginBottom: 16 }}
              data-testid="boards-published"
              title={t('boards.published', { time: formatDateTime(data.publishedAt), by: data.publishedBy ?? '—' })}
              description={t('boards.publishedHint')}
            />
          ) : (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              data-testid="boards-preview"
              title={t('boards.preview')}
              description={isOver ? t('boards.previewHint') : t('boards.previewCurrent')}
              action={
                data.latestPublished ? (
                  <Button size="small" onClick={() => setSearch({ month: data.latestPublished! })} data-testid="boards-latest">
                    {t('boards.openLatest', { month: data.latestPublished })}
                  </Button>
                ) : null
              }
            />
          )}
          {data.corrections.length > 0 ? (
            <Card size="small" title={t('boards.corrections')} style={{ marginBottom: 16 }} data-testid="boards-corrections">
              <List
                size="small"
                dataSource={data.corrections}
                renderItem={(note) => (
                  <List.Item>
                    {t('boards.correctionNote', {
                      month: note.month,
                      metric: t(`boardMetric.${note.metric}`),
                      unit: unitOf(note.unitId, note.unitName),
                      before: formatMoney(note.before, locale, 'wan'),
                      after: formatMoney(note.after, locale, 'wan'),
                    })}
                  </List.Item>
                )}
              />
            </Card>
          ) : null}
          <Row gutter={[16, 16]}>
            {data.boards.map((board) => (
              <Col xs={24} xl={12} key={board.metric}>
                <BoardCard
                  board={board}
                  annualTask={board.metric === 'completed' ? data.annualTask : null}
                  onOpen={(entry) =>
                    setSources({
                      month,
                      metric: board.metric,
                      unitId: entry.unitId,
                      unitName: unitOf(entry.unitId, entry.unitName),
                      value: entry.value,
                    })
                  }
                />
              </Col>
            ))}
          </Row>
          <HonoursCard data={data} />
        </>
      )}
      <SourcesDrawer target={sources} onClose={() => setSources(null)} />
    </PageContainer>
  );
}

function MovementMark({ entry }: { entry: BoardEntry }) {
  const { t } = useT();
  const movement = movementOf(entry);
  switch (movement.kind) {
    case 'up':
      return (
        <Typography.Text type="success" data-testid="movement" data-kind="up">
          <ArrowUpOutlined /> {movement.places}
        </Typography.Text>
      );
    case 'down':
      return (
        <Typography.Text type="danger" data-testid="movement" data-kind="down">
          <ArrowDownOutlined /> {movement.places}
        </Typography.Text>
      );
    case 'same':
      return (
        <Typography.Text type="secondary" data-testid="movement" data-kind="same">
          <MinusOutlined />
        </Typography.Text>
      );
    case 'new':
      return <Tag data-testid="movement">{t('boards.new')}</Tag>;
  }
}

function BoardCard({ board, annualTask, onOpen }: { board: Board; annualTask: string | null; onOpen: (entry: BoardEntry) => void }) {
  const { t, locale } = useT();
  const unitOf = useUnitLabel();
  const ties = tiedRanks(board.entries);
  const flat = isFlat(board.entries);
  const metric: BoardMetric = board.metric;
  return (
    <Card
      size="small"
      data-testid={`board-${metric}`}
      title={t(`boardMetric.${metric}`)}
      extra={
        <Space size={12} wrap>
          <Typography.Text>{t('boards.total', { total: formatMoneyLong(board.total, locale) })}</Typography.Text>
          {annualTask ? (
            <Typography.Text type="secondary">{t('boards.annualTask', { task: formatMoneyLong(annualTask, locale) })}</Typography.Text>
          ) : null}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8, fontSize: 12 }}>
        {t(`boardMetric.${metric}.help`)}
      </Typography.Paragraph>
      {flat ? <Alert type="info" showIcon style={{ marginBottom: 8 }} title={t('boards.flat')} /> : null}
      <Table<BoardEntry>
        rowKey="unitId"
        size="small"
        pagination={false}
        dataSource={board.entries}
        locale={{ emptyText: <Empty description={t('boards.noUnits')} /> }}
        columns={[
          {
            title: t('boards.rank'),
            dataIndex: 'rank',
            width: 80,
            render: (rank: number) => (
              <Space size={4}>
                <Typography.Text strong={rank <= 3}>{rank}</Typography.Text>
                {ties.has(rank) && !flat ? <Tag style={{ marginInlineEnd: 0 }}>{t('boards.tie')}</Tag> : null}
              </Space>
            ),
          },
          { title: t('boards.unit'), key: 'unit', ellipsis: true, render: (_, entry) => unitOf(entry.unitId, entry.unitName) },
          {
            title: metric === 'majorProjects' ? t('boards.majorValue') : t('boards.valueWan'),
            dataIndex: 'value',
            align: 'right',
            render: (value: string, entry) => (
              <Button
                type="link"
                size="small"
                style={{ padding: 0 }}
                onClick={() => onOpen(entry)}
                data-testid={`board-value-${metric}-${entry.unitId}`}
              >
                {formatAmount(value)}
              </Button>
            ),
          },
          ...(metric === 'majorProjects'
            ? [
                {
                  title: t('boards.count'),
                  dataIndex: 'count',
                  align: 'right' as const,
                  width: 80,
                  render: (count: number | null) => count ?? '—',
                },
              ]
            : []),
          {
            title: t('boards.movement'),
            key: 'movement',
            width: 90,
            align: 'center',
            render: (_, entry) => <MovementMark entry={entry} />,
          },
        ]}
      />
    </Card>
  );
}
