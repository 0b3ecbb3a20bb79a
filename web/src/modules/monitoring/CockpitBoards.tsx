import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, Table, Tabs, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { BoardEntry } from '../../../../src/contracts/index.js';
import { api } from '../../api/endpoints';
import { useT } from '../../i18n';
import { movementOf } from '../boards/boards';
import { useUnitNames } from '../projects/shared/hooks';
import { formatMoney } from '../projects/shared/money';
import type { UnitTreeNode } from '../../../../src/contracts/index.js';

const TOP = 5;

function Movement({ entry }: { entry: BoardEntry }) {
  const { t } = useT();
  const movement = movementOf(entry);
  switch (movement.kind) {
    case 'up':
      return (
        <Typography.Text type="success">
          <ArrowUpOutlined /> {movement.places}
        </Typography.Text>
      );
    case 'down':
      return (
        <Typography.Text type="danger">
          <ArrowDownOutlined /> {movement.places}
        </Typography.Text>
      );
    case 'same':
      return (
        <Typography.Text type="secondary">
          <MinusOutlined />
        </Typography.Text>
      );
    case 'new':
      return <Tag style={{ marginInlineEnd: 0 }}>{t('boards.new')}</Tag>;
  }
}

/**
 * The four leaderboards of the month the cockpit counts up to: the top units of each, the
 * full boards (with the rows behind every figure) one click away.
 */
export function CockpitBoards({ month, units }: { month: string | null; units: readonly UnitTreeNode[] }) {
  const { t, locale } = useT();
  const unitOf = useUnitNames(units);
  const boards = useQuery({ queryKey: ['boards', month], queryFn: () => api.boards.get(month!), enabled: month !== null });
  const data = boards.data;
  return (
    <Card
      title={t('cockpit.boardsTitle')}
      loading={month !== null && boards.isPending}
      data-testid="cockpit-boards"
      extra={
        month ? (
          <Link to={`/boards?month=${month}`} data-testid="cockpit-boards-link">
            {t('cockpit.boardsAll', { month })}
          </Link>
        ) : null
      }
      style={{ height: '100%' }}
    >
      {month === null ? (
        <Empty description={t('cockpit.noMonthYet')} />
      ) : boards.error ? (
        <Alert type="error" showIcon title={t('common.loadFailed')} />
      ) : data ? (
        <>
          {!data.isPublished ? (
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
              {t('cockpit.boardsPreview')}
            </Typography.Paragraph>
          ) : null}
          <Tabs
            size="small"
            items={data.boards.map((board) => ({
              key: board.metric,
              label: t(`boardMetric.${board.metric}`),
              children: (
                <Table<BoardEntry>
                  rowKey="unitId"
                  size="small"
                  pagination={false}
                  dataSource={board.entries.slice(0, TOP)}
                  locale={{ emptyText: t('boards.noUnits') }}
                  columns={[
                    { title: t('boards.rank'), dataIndex: 'rank', width: 64 },
                    { title: t('boards.unit'), key: 'unit', ellipsis: true, render: (_, entry) => unitOf(entry.unitId, entry.unitName) },
                    {
                      title: board.metric === 'majorProjects' ? t('cockpit.boardsMajor') : t('cockpit.boardsValue'),
                      key: 'value',
                      align: 'right',
                      render: (_, entry) =>
                        board.metric === 'majorProjects'
                          ? t('cockpit.boardsMajorValue', { count: entry.count ?? 0, amount: formatMoney(entry.value, locale) })
                          : formatMoney(entry.value, locale),
                    },
                    {
                      title: t('boards.movement'),
                      key: 'movement',
                      width: 80,
                      align: 'center',
                      render: (_, entry) => <Movement entry={entry} />,
                    },
                  ]}
                />
              ),
            }))}
          />
        </>
      ) : null}
    </Card>
  );
}
