import { Alert, Button, Card, Form, InputNumber } from 'antd';
import { INSPECTION_LIMITS, type InspectionSettings, UpdateInspectionSettingsSchema } from '../../../../src/contracts/index.js';
import type { ReactNode } from 'react';
import { FullPageSpin } from '../../components/FullPageSpin';
import { LoadError } from '../../components/LoadError';
import { useT } from '../../i18n';
import { clearErrorsOnChange } from '../../lib/form-errors';
import { useSettingsForm } from '../settings/use-settings-form';
import { inspectionsApi } from './inspections-api';

type Values = Omit<InspectionSettings, 'version'>;

/**
 * The city's rule (the operator): how many routine inspections one department may make of one
 * enterprise a year. Saved against the version read; a conflict reloads it.
 */
export function SettingsCard() {
  const { t } = useT();
  const { form, settings, save, formVersion } = useSettingsForm<Values>({
    queryKey: ['inspections', 'settings'],
    load: inspectionsApi.settings,
    schema: UpdateInspectionSettingsSchema,
    save: inspectionsApi.saveSettings,
  });

  let body: ReactNode;
  if (settings.error && !settings.data) body = <LoadError error={settings.error} onRetry={() => void settings.refetch()} />;
  else if (!settings.data) body = <FullPageSpin />;
  else {
    const { version, ...initial } = settings.data;
    body = (
      <Form<Values>
        key={formVersion}
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(values) => save.mutate(values)}
        onValuesChange={clearErrorsOnChange(form)}
        data-testid="inspection-settings-form"
      >
        {version === 0 ? <Alert type="info" showIcon title={t('settings.defaults')} style={{ marginBottom: 16 }} /> : null}
        <Form.Item
          name="routineLimitPerYear"
          label={t('inspections.settings.routineLimit')}
          extra={t('inspections.settings.routineLimitHint')}
          required
        >
          <InputNumber
            min={0}
            max={INSPECTION_LIMITS.routineLimitMax}
            precision={0}
            suffix={t('inspections.settings.timesPerYear')}
            style={{ width: 180 }}
            data-testid="settings-routine-limit"
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="settings-save">
          {t('common.save')}
        </Button>
      </Form>
    );
  }
  return (
    <Card size="small" title={t('inspections.settings.title')} data-testid="inspection-settings">
      {body}
    </Card>
  );
}
