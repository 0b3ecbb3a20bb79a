import { CheckCircleTwoTone } from '@ant-design/icons';
import { useQueries } from '@tanstack/react-query';
import { Badge, Card, List, Spin, Typography } from 'antd';
import { Link } from 'react-router';
import { api } from '../../api/endpoints';
import { useSession } from '../../app/session';
import { useT } from '../../i18n';
import { competitionApi } from '../competition/competition-api';
import { inspectionsApi } from '../inspections/inspections-api';
import { monthFromSearch } from '../reports/month';
import { type Todo, todosFor } from './todos';

/** How many rows wait behind a to-do: the list's total, or a month's missing reports (and the day they are due). */
async function countOf(todo: Todo): Promise<{ count: number; dueOn?: string }> {
  switch (todo.source) {
    case 'problems':
      return { count: (await api.problems.list({ ...todo.filter, page: 1, pageSize: 1 })).total };
    case 'appeals':
      return { count: (await api.appeals.list({ ...todo.filter, page: 1, pageSize: 1 })).total };
    case 'deals':
      return { count: (await api.deals.list({ ...todo.filter, page: 1, pageSize: 1 })).total };
    case 'observation':
      return { count: (await api.observation.list({ toScore: true, page: 1, pageSize: 1 })).total };
    case 'competition':
      // The periods over and not yet published, as the schemes list shows them.
      return { count: (await competitionApi.schemes()).items.reduce((sum, scheme) => sum + scheme.periodsToPublish.length, 0) };
    case 'inspections':
      return { count: (await inspectionsApi.list({ rated: false, page: 1, pageSize: 1 })).total };
    case 'inspectionCases':
      return { count: (await inspectionsApi.cases({ status: 'open', page: 1, pageSize: 1 })).total };
    case 'reports': {
      const missing = await api.reports.missing(todo.month);
      // Missing or returned for correction: the rows of the missing-reports page.
      return { count: missing.missingProjects.length, dueOn: missing.dueOn };
    }
  }
}

/** 待办事项: each line counts what waits for the user and opens the list it was counted from. */
export function TodoCard() {
  const { t } = useT();
  const { user } = useSession();
  const month = monthFromSearch(null);
  const todos = todosFor(user, month);
  const counts = useQueries({
    queries: todos.map((todo) => ({ queryKey: ['workbench', 'todo', todo.to], queryFn: () => countOf(todo), staleTime: 30_000 })),
  });
  if (todos.length === 0) return null;
  const waiting = counts.reduce((sum, query) => sum + (query.data?.count ?? 0), 0);
  const loading = counts.some((query) => query.isPending);

  return (
    <Card
      title={t('workbench.todo')}
      extra={loading ? null : <Typography.Text type="secondary">{t('workbench.todoWaiting', { count: waiting })}</Typography.Text>}
      data-testid="workbench-todos"
    >
      <List
        size="small"
        dataSource={todos.map((todo, index) => ({ todo, query: counts[index]! }))}
        renderItem={({ todo, query }) => (
          <List.Item
            data-testid={`todo-${todo.key}`}
            data-count={query.data?.count}
            extra={
              query.isPending ? (
                <Spin size="small" />
              ) : query.isError ? (
                <Typography.Text type="secondary">{t('workbench.todoUnavailable')}</Typography.Text>
              ) : query.data.count === 0 ? (
                <CheckCircleTwoTone twoToneColor="#52c41a" aria-label={t('workbench.todoNone')} />
              ) : (
                <Badge count={query.data.count} overflowCount={999} />
              )
            }
          >
            <Link to={todo.to}>
              {t(`todo.${todo.key}`, { month })}
              {query.data?.dueOn ? (
                <Typography.Text type="secondary">{` ${t('todo.dueOn', { date: query.data.dueOn })}`}</Typography.Text>
              ) : null}
            </Link>
          </List.Item>
        )}
      />
    </Card>
  );
}
