import { Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../../i18n';
import { formatMoney } from '../projects/shared/money';
import { type ComparedField, type ItemChange, type ItemSnapshot, amendmentChanges } from './commitments';

const CHANGE_COLORS: Record<ItemChange['change'], string> = { added: 'green', removed: 'red', changed: 'orange', same: 'default' };

/** The items of an amendment before and after, by position; changed inputs stand out. */
export function AmendmentDiff({
  before,
  after,
  projectNames,
}: {
  before: unknown;
  after: unknown;
  /** Names of the projects the letter names now (a snapshot keeps only the project's number). */
  projectNames: ReadonlyMap<number, string>;
}) {
  const { t, locale } = useT();
  const changes = amendmentChanges(before, after);

  const describe = (item: ItemSnapshot | null, changed: readonly ComparedField[], struck: boolean): ReactNode => {
    if (!item) return <Typography.Text type="secondary">—</Typography.Text>;
    const part = (field: ComparedField, text: string) => (
      <Typography.Text key={field} mark={!struck && changed.includes(field)} delete={struck && changed.includes(field)}>
        {text}
      </Typography.Text>
    );
    const parts = [part('kind', t(`itemKind.${item.kind}`))];
    if (item.projectId)
      parts.push(part('projectId', projectNames.get(item.projectId) ?? t('commitments.projectNo', { id: item.projectId })));
    if (item.milestoneKind) parts.push(part('milestoneKind', t(`milestone.${item.milestoneKind}`)));
    if (item.committedAmount) parts.push(part('committedAmount', formatMoney(item.committedAmount, locale, 'wan')));
    if (item.committedCount) parts.push(part('committedCount', t('commitments.countValue', { count: item.committedCount })));
    parts.push(part('deadline', t('commitments.byDate', { date: item.deadline })));
    parts.push(part('weight', t('commitments.weightValue', { weight: item.weight })));
    if (item.description) parts.push(part('description', item.description));
    return <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 8 }}>{parts}</span>;
  };

  return (
    <Table<ItemChange>
      size="small"
      rowKey="position"
      pagination={false}
      dataSource={changes}
      data-testid="amendment-diff"
      columns={[
        { title: '#', dataIndex: 'position', width: 48, render: (position: number) => position + 1 },
        {
          title: t('commitments.change'),
          dataIndex: 'change',
          width: 90,
          render: (change: ItemChange['change']) => <Tag color={CHANGE_COLORS[change]}>{t(`commitments.change.${change}`)}</Tag>,
        },
        { title: t('history.before'), key: 'before', render: (_, c) => describe(c.before, c.fields, true) },
        { title: t('history.after'), key: 'after', render: (_, c) => describe(c.after, c.fields, false) },
      ]}
    />
  );
}
