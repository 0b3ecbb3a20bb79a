import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, type FormListFieldData, Input, Switch, Table, type TableProps, Typography } from 'antd';
import { useT } from '../../i18n';

/** An editable list of keyed entries; a saved key stays fixed (filings refer to it), an entry can only be deactivated. */
export function ListEditor({
  name,
  savedCount,
  testId,
  extraColumns = [],
  newEntry = {},
}: {
  name: string;
  savedCount: number;
  testId: string;
  /** Columns after the names (e.g. a time limit), each rendering the form items of its row. */
  extraColumns?: NonNullable<TableProps<FormListFieldData>['columns']>;
  /** Fields a new entry starts with besides the key, names and status. */
  newEntry?: Record<string, unknown>;
}) {
  const { t } = useT();
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <>
          <Table
            size="small"
            pagination={false}
            rowKey="key"
            dataSource={fields}
            data-testid={testId}
            columns={[
              {
                title: t('settings.key'),
                key: 'key',
                width: 220,
                render: (_, field) => (
                  <Form.Item
                    name={[field.name, 'key']}
                    style={{ margin: 0 }}
                    rules={[
                      ({ getFieldValue }) => ({
                        validator: async (_rule, value: unknown) => {
                          const keys = (getFieldValue(name) as { key?: string }[]).map((entry) => entry?.key?.trim());
                          if (typeof value === 'string' && value.trim() && keys.filter((k) => k === value.trim()).length > 1)
                            throw new Error(t('settings.duplicateKey'));
                        },
                      }),
                    ]}
                  >
                    <Input disabled={field.name < savedCount} maxLength={40} style={{ fontFamily: 'monospace' }} placeholder="new_key" />
                  </Form.Item>
                ),
              },
              {
                title: t('settings.nameZh'),
                key: 'nameZh',
                render: (_, field) => (
                  <Form.Item name={[field.name, 'nameZh']} style={{ margin: 0 }}>
                    <Input maxLength={40} />
                  </Form.Item>
                ),
              },
              {
                title: t('settings.nameEn'),
                key: 'nameEn',
                render: (_, field) => (
                  <Form.Item name={[field.name, 'nameEn']} style={{ margin: 0 }}>
                    <Input maxLength={60} />
                  </Form.Item>
                ),
              },
              ...extraColumns,
              {
                title: t('common.status'),
                key: 'isActive',
                width: 90,
                render: (_, field) => (
                  <Form.Item name={[field.name, 'isActive']} valuePropName="checked" style={{ margin: 0 }}>
                    <Switch checkedChildren={t('common.active')} unCheckedChildren={t('common.inactive')} />
                  </Form.Item>
                ),
              },
              {
                title: t('common.actions'),
                key: 'actions',
                width: 80,
                render: (_, field) =>
                  field.name < savedCount ? (
                    <Typography.Text type="secondary">—</Typography.Text>
                  ) : (
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('projectForm.remove')}
                      onClick={() => remove(field.name)}
                    />
                  ),
              },
            ]}
          />
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            block
            style={{ marginTop: 8 }}
            onClick={() => add({ key: '', nameZh: '', nameEn: '', isActive: true, ...newEntry })}
            data-testid={`${testId}-add`}
          >
            {t('settings.addEntry')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
