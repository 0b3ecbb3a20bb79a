import { PrinterOutlined } from '@ant-design/icons';
import { Button, Flex, Spin, Typography } from 'antd';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useT } from '../../i18n';
import { inspectLink } from './inspections';
import './inspections.css';

const PRINT_CLASS = 'juli-print-qr';

/** Print only the code's sheet: the body is marked for the print and unmarked after it. */
export function printSheet(): void {
  document.body.classList.add(PRINT_CLASS);
  window.addEventListener('afterprint', () => document.body.classList.remove(PRINT_CLASS), { once: true });
  window.print();
}

/** The QR of a link as an image (drawn in the browser; the token never leaves it). */
export function QrImage({ url, size, alt, testId }: { url: string; size: number; alt: string; testId: string }) {
  const { t } = useT();
  const [drawn, setDrawn] = useState<{ url: string; src: string | null } | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(url, { width: size, margin: 2, errorCorrectionLevel: 'M' }).then(
      (src) => live && setDrawn({ url, src }),
      () => live && setDrawn({ url, src: null }),
    );
    return () => {
      live = false;
    };
  }, [url, size]);
  if (!drawn || drawn.url !== url) {
    return (
      <Flex align="center" justify="center" style={{ width: size, height: size }}>
        <Spin />
      </Flex>
    );
  }
  if (!drawn.src) return <Typography.Text type="danger">{t('inspections.qrFailed')}</Typography.Text>;
  return <img src={drawn.src} width={size} height={size} alt={alt} data-testid={testId} data-url={url} />;
}

/**
 * What is printed and posted at the enterprise's door: the QR (the scan page's link), the
 * enterprise's name and credit code, and what an inspector does with it.
 */
export function QrSheet({
  token,
  enterpriseName,
  uscc,
  testIdPrefix,
}: {
  token: string;
  enterpriseName: string;
  uscc: string;
  testIdPrefix: string;
}) {
  const { t } = useT();
  return (
    <Flex vertical align="center" gap={4} className="juli-qr-sheet" data-testid={`${testIdPrefix}-sheet`}>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('inspections.qrHeading')}
      </Typography.Title>
      <QrImage url={inspectLink(window.location.origin, token)} size={240} alt={enterpriseName} testId={`${testIdPrefix}-image`} />
      <Typography.Text strong data-testid={`${testIdPrefix}-name`}>
        {enterpriseName}
      </Typography.Text>
      <Typography.Text type="secondary" data-testid={`${testIdPrefix}-uscc`}>
        {t('inspections.usccText', { uscc })}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ textAlign: 'center', maxWidth: 320 }}>
        {t('inspections.qrInstruction')}
      </Typography.Text>
    </Flex>
  );
}

export function PrintButton({ testId }: { testId: string }) {
  const { t } = useT();
  return (
    <Button icon={<PrinterOutlined />} onClick={printSheet} data-testid={testId}>
      {t('inspections.print')}
    </Button>
  );
}
