import { Button, Modal } from 'antd';
import type { EnterpriseCode } from '../../../../src/contracts/index.js';
import { useT } from '../../i18n';
import { PrintButton, QrSheet } from './QrSheet';

/** 查看二维码: an enterprise's code as it is printed, with the print button. */
export function CodeModal({ code, token, onClose }: { code: EnterpriseCode; token: string; onClose: () => void }) {
  const { t } = useT();
  return (
    <Modal
      open
      title={t('inspections.codes.qrTitle')}
      onCancel={onClose}
      destroyOnHidden
      data-testid="code-qr-modal"
      footer={[
        <Button key="close" onClick={onClose} data-testid="code-qr-close">
          {t('inspections.codes.close')}
        </Button>,
        <PrintButton key="print" testId="code-qr-print" />,
      ]}
    >
      <QrSheet token={token} enterpriseName={code.enterpriseName} uscc={code.uscc} testIdPrefix="code-qr" />
    </Modal>
  );
}
