import { useQuery } from '@tanstack/react-query';
import { Drawer, Empty, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { api } from '../../api/endpoints';
import { LoadError } from '../../components/LoadError';
import { useT } from '../../i18n';
import { formatDateTime } from '../../lib/time';
import { formatMoney } from '../projects/shared/money';
import { mergeHistory } from './history';

/** Every version of a project-month (submissions and corrections) and its returns, newest first. */
export function ReportVersions({ projectId, month }: { projectId: number; month: string }) {
  const { t, locale } = useT();
  const history = useQuery({ queryKey: ['reports', 'history', projectId, month], queryFn: () => api.reports.history(projectId, month) });
  if (history.error) return <LoadError error={history.error} onRetry={() => void history.refetch()} />;
  if (!history.data) return <Spin />;
  const events = mergeHistory(history.data);
  if (events.length === 0) return <Empty description={t('reports.noVersions')} />;
  return (
    <Timeline
      data-testid="report-versions"
      items={events.map((event) =>
        event.type === 'return'
          ? {
              key: `r${event.at}`,
              color: 'red',
              content: (
                <div>
                  <Space wrap>
                    <Tag color="error">{t('reports.returned')}</Tag>
                    <Typography.Text type="secondary">
                      {t('reports.by', { name: event.by ?? '—', time: formatDateTime(event.at) })}
                    </Typography.Text>
                  </Space>
                  <div>{t('reports.returnReasonIs', { reason: event.reason })}</div>
                </div>
              ),
            }
          : {
              key: `v${event.version.version}`,
              color: event.version.kind === 'correction' ? 'orange' : 'blue',
              content: (
                <div data-testid={`report-version-${event.version.version}`}>
                  <Space wrap>
                    <Typography.Text strong>{t('reports.version', { version: event.version.version })}</Typography.Text>
                    <Tag color={event.version.kind === 'correction' ? 'orange' : 'blue'}>{t(`reports.kind.${event.version.kind}`)}</Tag>
                    <Typography.Text>{formatMoney(event.version.investment, locale, 'wan')}</Typography.Text>
                    <Typography.Text type="secondary">
                      {t('reports.by', { name: event.version.submittedBy ?? '—', time: formatDateTime(event.version.submittedAt) })}
                    </Typography.Text>
                  </Space>
                  {event.version.reason ? <div>{t('reports.correctionReasonIs', { reason: event.version.reason })}</div> : null}
                  {event.version.progressText ? (
                    <div style={{ whiteSpace: 'pre-wrap' }}>
                      {t('reports.field', { label: t('reports.progressText'), value: event.version.progressText })}
                    </div>
                  ) : null}
                  {event.version.problemsText ? (
                    <div style={{ whiteSpace: 'pre-wrap' }}>
                      {t('reports.field', { label: t('reports.problemsText'), value: event.version.problemsText })}
                    </div>
                  ) : null}
                  {event.version.explanation ? (
                    <div style={{ whiteSpace: 'pre-wrap' }}>
                      {t('reports.field', { label: t('reports.explanation'), value: event.version.explanation })}
                    </div>
                  ) : null}
                </div>
              ),
            },
      )}
    />
  );
}

/** The history of one project-month in a drawer. */
export function ReportHistoryDrawer({
  target,
  onClose,
}: {
  target: { projectId: number; projectName: string; month: string } | null;
  onClose: () => void;
}) {
  const { t } = useT();
  return (
    <Drawer
      open={target !== null}
      onClose={onClose}
      size={560}
      title={target ? t('reports.historyTitle', { name: target.projectName, month: target.month }) : ''}
      destroyOnHidden
    >
      {target ? <ReportVersions projectId={target.projectId} month={target.month} /> : null}
    </Drawer>
  );
}
