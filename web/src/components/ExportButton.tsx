import { FileExcelOutlined, FileWordOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, type ButtonProps } from 'antd';
import { useFeedback } from '../api/feedback-provider';
import { useT } from '../i18n';

/**
 * "Export Excel" (or a Word document with its own label): runs the download, says when it is
 * done, and shows a failure the usual way.
 */
export function ExportButton({
  run,
  testId,
  disabled,
  size,
  word,
}: {
  run: () => Promise<unknown>;
  testId: string;
  disabled?: boolean;
  size?: ButtonProps['size'];
  /** The label of a Word download, instead of "Export Excel". */
  word?: string;
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
      icon={word ? <FileWordOutlined /> : <FileExcelOutlined />}
      loading={download.isPending}
      disabled={disabled}
      onClick={() => download.mutate()}
      data-testid={testId}
    >
      {word ?? t('export.excel')}
    </Button>
  );
}
