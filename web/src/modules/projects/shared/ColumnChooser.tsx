import { SettingOutlined } from '@ant-design/icons';
import { Button, Checkbox, Flex, Popover, Typography } from 'antd';
import { useT } from '../../../i18n';

/** 列设置: tick the optional columns of a table (the caller remembers the choice). */
export function ColumnChooser({
  columns,
  value,
  onChange,
  onReset,
}: {
  columns: { key: string; title: string }[];
  value: string[];
  onChange: (keys: string[]) => void;
  onReset: () => void;
}) {
  const { t } = useT();
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      title={
        <Flex justify="space-between" align="center" gap={24}>
          <span>{t('columns.title')}</span>
          <Typography.Link onClick={onReset}>{t('columns.reset')}</Typography.Link>
        </Flex>
      }
      content={
        <Checkbox.Group
          value={value}
          onChange={(keys) => onChange(columns.map((c) => c.key).filter((key) => keys.includes(key)))}
          data-testid="column-chooser"
        >
          <Flex vertical gap={6}>
            {columns.map((column) => (
              <Checkbox key={column.key} value={column.key}>
                {column.title}
              </Checkbox>
            ))}
          </Flex>
        </Checkbox.Group>
      }
    >
      <Button icon={<SettingOutlined />} data-testid="column-chooser-button">
        {t('columns.button')}
      </Button>
    </Popover>
  );
}
