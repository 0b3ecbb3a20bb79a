import { BarChartOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Space } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useCan } from '../../app/session';
import { PageContainer } from '../../components/PageContainer';
import { useT } from '../../i18n';
import { ItemList } from '../problems/ItemList';
import { RaiseAppealDrawer } from './RaiseAppealDrawer';

/** 企业诉求: an enterprise's own appeals (and raising one); the city's and departments' appeals to route and handle. */
export default function AppealsPage() {
  const { t } = useT();
  const can = useCan();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [raising, setRaising] = useState(false);
  const isEnterprise = can('appeal.raise');
  return (
    <PageContainer
      title={isEnterprise ? t('appeals.mine') : t('appeals.title')}
      extra={
        <Space wrap>
          {can('problem.read') ? (
            <Button icon={<BarChartOutlined />} onClick={() => navigate('/problems/metrics?tab=appeal')} data-testid="appeal-metrics-link">
              {t('menu.problemMetrics')}
            </Button>
          ) : null}
          {isEnterprise ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setRaising(true)} data-testid="appeal-raise">
              {t('appeals.raise')}
            </Button>
          ) : null}
        </Space>
      }
    >
      <ItemList kind="appeal" />
      {raising ? (
        <RaiseAppealDrawer
          onClose={() => setRaising(false)}
          onRaised={(appeal) => {
            setRaising(false);
            void queryClient.invalidateQueries({ queryKey: ['appeals'] });
            navigate(`/appeals/${appeal.id}`);
          }}
        />
      ) : null}
    </PageContainer>
  );
}
