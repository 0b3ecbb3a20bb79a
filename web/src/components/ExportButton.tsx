import { FileExcelOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, type ButtonProps } from 'antd';
import { useFeedback } from '../api/feedback-provider';
import { useT } from '../i18n';

/** "Export Excel": runs the download, says when it is done, and shows a failure the usual way. */
export function ExportButton({
  run,
  testId,
  disabled,
  size,
}: {
  run: () => Promise<unknown>;
  testId: string;
  disabled?: boolean;
  size?: ButtonProps['size'];
}) {
  const { t } = useT();
  const { message } = App.useApp();
  const feedback = useFeedback();
  const download = useMutation({
    mutationFn: run,
    onSuccess: () => message.success(t('export.done')),
    onError: (error) => feedback(error),
  });
  return (
    <Button
      size={size}
      icon={<FileExcelOutlined />}
      loading={download.isPending}
      disabled={disabled}
      onClick={() => download.mutate()}
      data-testid={testId}
    >
      {t('export.excel')}
    </Button>
  );
}
