import { ExclamationCircleOutlined } from '@ant-design/icons';
import { Button, Card, Space, Tabs } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useCan } from '../../app/session';
import { PageContainer } from '../../components/PageContainer';
import { useT } from '../../i18n';
import { CasesTable } from './CasesTable';
import { tabFromSearch } from './inspections';
import { InspectionsTable } from './InspectionsTable';
import { MyCodeCard } from './MyCodeCard';
import { ReportModal } from './ReportModal';
import { ScanEntryCard } from './ScanEntryCard';

/**
 * 涉企检查 (企业赋码保护, 扫码入企): the inspections registered by scanning enterprises' codes
 * and the supervision cases about them. An enterprise sees its own code, rates each inspection
 * and reports one that entered without scanning; a department is shown how to register.
 */
export default function InspectionsPage() {
  const { t } = useT();
  const can = useCan();
  const [search, setSearch] = useSearchParams();
  const tab = tabFromSearch(search);
  const [reporting, setReporting] = useState(false);

  return (
    <PageContainer
      title={t('inspections.title')}
      extra={
        can('inspection.report') ? (
          <Button icon={<ExclamationCircleOutlined />} onClick={() => setReporting(true)} data-testid="inspection-report">
            {t('inspections.report.button')}
          </Button>
        ) : null
      }
    >
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {can('inspection.rate') ? <MyCodeCard /> : null}
        {can('inspection.register') ? <ScanEntryCard /> : null}
        <Card size="small">
          <Tabs
            activeKey={tab}
            onChange={(key) => setSearch(key === 'cases' ? { tab: 'cases' } : {})}
            destroyOnHidden
            items={[
              { key: 'inspections', label: t('inspections.tab.inspections'), children: <InspectionsTable /> },
              { key: 'cases', label: t('inspections.tab.cases'), children: <CasesTable /> },
            ]}
            data-testid="inspection-tabs"
          />
        </Card>
      </Space>
      {reporting ? (
        <ReportModal
          onClose={() => setReporting(false)}
          onDone={() => {
            setReporting(false);
            setSearch({ tab: 'cases' });
          }}
        />
      ) : null}
    </PageContainer>
  );
}
