import { Alert, Button, Card, Col, Form, InputNumber, Row, Space, Typography } from 'antd';
import { type RegistrySettings, UpdateRegistrySettingsSchema } from '../../../../src/contracts/index.js';
import { api } from '../../api/endpoints';
import { LoadError } from '../../components/LoadError';
import { PageContainer } from '../../components/PageContainer';
import { FullPageSpin } from '../../components/FullPageSpin';
import { useT } from '../../i18n';
import { clearErrorsOnChange } from '../../lib/form-errors';
import { ListEditor } from './ListEditor';
import { useSettingsForm } from './use-settings-form';

const SETTINGS_KEY = ['settings', 'registry'] as const;

/** Percent on screen, a fraction in the data (0.03 ↔ 3). Rounded so that 0.07 × 100 shows as 7, not 7.000000000000001. */
const toPercent = (value: unknown) => (typeof value === 'number' ? Number((value * 100).toFixed(6)) : value);
const fromPercent = (value: unknown) => (typeof value === 'number' ? Number((value / 100).toFixed(8)) : value);

/** 项目配置 (city operator): deal sources, industry chains, the filing deadline and the 三量 thresholds. */
export default function RegistrySettingsPage() {
  const { t } = useT();
  const { form, settings, save, formVersion } = useSettingsForm<RegistrySettings>({
    queryKey: SETTINGS_KEY,
    load: api.settings.registry,
    schema: UpdateRegistrySettingsSchema,
    save: api.settings.saveRegistry,
  });

  if (settings.error && !settings.data) return <LoadError error={settings.error} onRetry={() => void settings.refetch()} />;
  if (!settings.data) return <FullPageSpin />;
  const { version, ...initial } = settings.data;

  return (
    <PageContainer
      title={t('settings.registryTitle')}
      extra={
        <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="settings-save">
          {t('common.save')}
        </Button>
      }
    >
      {version === 0 ? <Alert type="info" showIcon title={t('settings.defaults')} style={{ marginBottom: 16 }} /> : null}
      <Form<RegistrySettings>
        key={formVersion}
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(values) => save.mutate(values)}
        onValuesChange={clearErrorsOnChange(form)}
        data-testid="settings-form"
      >
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card title={t('settings.dealSources')} extra={<Typography.Text type="secondary">{t('settings.keyHint')}</Typography.Text>}>
            <ListEditor name="dealSources" savedCount={initial.dealSources.length} testId="settings-sources" />
          </Card>
          <Card title={t('settings.industryChains')}>
            <ListEditor name="industryChains" savedCount={initial.industryChains.length} testId="settings-chains" />
          </Card>
          <Card title={t('settings.rules')}>
            <Row gutter={24}>
              <Col xs={24} md={6}>
                <Form.Item name="filingDeadlineDays" label={t('settings.filingDeadlineDays')} extra={t('settings.filingDeadlineHint')}>
                  <InputNumber
                    min={0}
                    max={365}
                    precision={0}
                    suffix={t('settings.days')}
                    style={{ width: '100%' }}
                    data-testid="settings-deadline"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={6}>
                <Form.Item
                  name={['threeQuantities', 'rdShareFloor']}
                  label={t('settings.rdShareFloor')}
                  extra={t('settings.rdShareHint')}
                  getValueProps={(value) => ({ value: toPercent(value) })}
                  normalize={fromPercent}
                >
                  <InputNumber min={0} max={100} suffix="%" style={{ width: '100%' }} data-testid="settings-rd" />
                </Form.Item>
              </Col>
              <Col xs={24} md={6}>
                <Form.Item
                  name={['threeQuantities', 'energyIntensityCeiling']}
                  label={t('settings.energyCeiling')}
                  extra={t('settings.energyHint')}
                >
                  <InputNumber min={0} max={100} style={{ width: '100%' }} data-testid="settings-energy" />
                </Form.Item>
              </Col>
              <Col xs={24} md={6}>
                <Form.Item name={['threeQuantities', 'taxPerMuFloor']} label={t('settings.taxFloor')} extra={t('settings.taxHint')}>
                  <InputNumber min={0} max={10000} style={{ width: '100%' }} data-testid="settings-tax" />
                </Form.Item>
              </Col>
            </Row>
          </Card>
          <Card title={t('settings.reporting')}>
            <Row gutter={24}>
              <Col xs={24} md={6}>
                <Form.Item name={['reporting', 'dueDay']} label={t('settings.dueDay')} extra={t('settings.dueDayHint')}>
                  <InputNumber min={1} max={28} precision={0} style={{ width: '100%' }} data-testid="settings-due-day" />
                </Form.Item>
              </Col>
              <Col xs={24} md={6}>
                <Form.Item name={['reporting', 'jumpFactor']} label={t('settings.jumpFactor')} extra={t('settings.jumpFactorHint')}>
                  <InputNumber min={1} max={100} suffix="×" style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={24} md={6}>
                <Form.Item
                  name={['reporting', 'farFromPlanRatio']}
                  label={t('settings.farFromPlan')}
                  extra={t('settings.farFromPlanHint')}
                  getValueProps={(value) => ({ value: toPercent(value) })}
                  normalize={fromPercent}
                >
                  <InputNumber min={0} max={1000} suffix="%" style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={24} md={6}>
                <Form.Item
                  name={['reporting', 'majorIndustrialMin']}
                  label={t('settings.majorIndustrialMin')}
                  extra={t('settings.majorIndustrialHint')}
                >
                  <InputNumber min={0} suffix={t('money.unitWan')} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={24} md={6}>
                <Form.Item
                  name={['reporting', 'lightGreen']}
                  label={t('settings.lightGreen')}
                  extra={t('settings.lightGreenHint')}
                  getValueProps={(value) => ({ value: toPercent(value) })}
                  normalize={fromPercent}
                >
                  <InputNumber min={0} max={200} suffix="%" style={{ width: '100%' }} data-testid="settings-light-green" />
                </Form.Item>
              </Col>
              <Col xs={24} md={6}>
                <Form.Item
                  name={['reporting', 'lightYellow']}
                  label={t('settings.lightYellow')}
                  extra={t('settings.lightYellowHint')}
                  getValueProps={(value) => ({ value: toPercent(value) })}
                  normalize={fromPercent}
                >
                  <InputNumber min={0} max={200} suffix="%" style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={24} md={6}>
                <Form.Item
                  name={['reporting', 'milestoneOverdueDays']}
                  label={t('settings.milestoneOverdueDays')}
                  extra={t('settings.milestoneOverdueHint')}
                >
                  <InputNumber min={0} max={365} precision={0} suffix={t('settings.days')} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={24} md={6}>
                <Form.Item
                  name={['reporting', 'honourRatio']}
                  label={t('settings.honourRatio')}
                  extra={t('settings.honourRatioHint')}
                  getValueProps={(value) => ({ value: toPercent(value) })}
                  normalize={fromPercent}
                >
                  <InputNumber min={0} max={500} suffix="%" style={{ width: '100%' }} data-testid="settings-honour" />
                </Form.Item>
              </Col>
            </Row>
          </Card>
        </Space>
      </Form>
    </PageContainer>
  );
}
