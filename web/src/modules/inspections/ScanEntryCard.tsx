import { ScanOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Input, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useT } from '../../i18n';
import { INSPECT_PATH, tokenFromInput } from './inspections';

/**
 * For a department: inspections are registered by scanning the enterprise's code with a phone;
 * when the camera cannot read it, the code (or its link) typed here opens the same page.
 */
export function ScanEntryCard() {
  const { t } = useT();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState(false);
  const open = () => {
    const token = tokenFromInput(text);
    if (!token) {
      setInvalid(true);
      return;
    }
    navigate(`${INSPECT_PATH}/${token}`);
  };
  return (
    <Card size="small" data-testid="scan-entry">
      <Alert type="info" showIcon title={t('inspections.scanHint')} style={{ marginBottom: 12 }} />
      <Flex wrap gap={8} align="center">
        <Typography.Text>{t('inspections.enterCode')}</Typography.Text>
        <Input
          value={text}
          allowClear
          status={invalid ? 'error' : undefined}
          placeholder={t('inspections.enterCodePlaceholder')}
          onChange={(event) => {
            setText(event.target.value);
            setInvalid(false);
          }}
          onPressEnter={open}
          style={{ flex: '1 1 240px', maxWidth: 420 }}
          data-testid="scan-token-input"
        />
        <Button type="primary" icon={<ScanOutlined />} onClick={open} data-testid="scan-token-open">
          {t('inspections.openCode')}
        </Button>
      </Flex>
      {invalid ? (
        <Typography.Text type="danger" data-testid="scan-token-invalid">
          {t('inspections.invalidCode')}
        </Typography.Text>
      ) : null}
    </Card>
  );
}
