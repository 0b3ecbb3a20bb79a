import { BarChartOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Space } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useCan } from '../../app/session';
import { PageContainer } from '../../components/PageContainer';
import { useT } from '../../i18n';
import { ItemList } from './ItemList';
import { RaiseProblemDrawer } from './RaiseProblemDrawer';

/** 问题清单: the problems in my jurisdiction, raising one, and the way to the metrics. */
export default function ProblemsPage() {
  const { t } = useT();
  const can = useCan();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [raising, setRaising] = useState(false);
  return (
    <PageContainer
      title={t('problems.title')}
      extra={
        <Space wrap>
          <Button icon={<BarChartOutlined />} onClick={() => navigate('/problems/metrics')} data-testid="problem-metrics-link">
            {t('menu.problemMetrics')}
          </Button>
          {can('problem.raise') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setRaising(true)} data-testid="problem-raise">
              {t('problems.raise')}
            </Button>
          ) : null}
        </Space>
      }
    >
      <ItemList kind="problem" />
      {raising ? (
        <RaiseProblemDrawer
          onClose={() => setRaising(false)}
          onRaised={(problem) => {
            setRaising(false);
            void queryClient.invalidateQueries({ queryKey: ['problems'] });
            navigate(`/problems/${problem.id}`);
          }}
        />
      ) : null}
    </PageContainer>
  );
}
