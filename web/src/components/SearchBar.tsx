import { SearchOutlined } from '@ant-design/icons';
import { Button, Card, Form, type FormInstance, Select, Space } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../i18n';

/** The search form above a table (ant-design-pro style): fields inline, then Search and Reset. */
export function SearchBar<T extends object>({
  form,
  onSearch,
  children,
}: {
  form: FormInstance<T>;
  onSearch: (values: T) => void;
  children: ReactNode;
}) {
  const { t } = useT();
  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      <Form form={form} layout="inline" onFinish={onSearch} style={{ rowGap: 12 }}>
        {children}
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="search-submit">
              {t('common.search')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                onSearch(form.getFieldsValue());
              }}
            >
              {t('common.reset')}
            </Button>
          </Space>
        </Form.Item>
      </Form>
    </Card>
  );
}

export type StatusValue = 'true' | 'false';

/** Active / disabled filter; cleared means both. */
export function StatusSelect(props: { value?: StatusValue; onChange?: (value: StatusValue | undefined) => void }) {
  const { t } = useT();
  return (
    <Select<StatusValue>
      {...props}
      allowClear
      placeholder={t('common.all')}
      style={{ width: 120 }}
      options={[
        { value: 'true', label: t('common.active') },
        { value: 'false', label: t('common.inactive') },
      ]}
    />
  );
}

export function statusToBoolean(value: StatusValue | undefined): boolean | undefined {
  return value === undefined ? undefined : value === 'true';
}
