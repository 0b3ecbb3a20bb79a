import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, type ButtonProps, Popconfirm, Space, Typography } from 'antd';
import { useRef } from 'react';
import { COMPETITION_LIMITS } from '../../../../src/contracts/index.js';
import { useFeedback } from '../../api/feedback-provider';
import { useT } from '../../i18n';
import { DOCUMENT_ACCEPT } from '../../lib/documents';

/**
 * An evidence document (a bonus/penalty item's decision, an entered indicator's report): its name
 * opens it; while `editable`, a button uploads or replaces it (PDF, JPG or PNG, size checked
 * before sending), and one removes it when the caller can (`remove`). A refusal is shown the
 * usual way and handed to `onError`.
 */
export function DocumentLink({
  name,
  editable,
  testId,
  download,
  upload,
  remove,
  onError,
}: {
  name: string | null;
  editable: boolean;
  testId: string;
  download: () => Promise<unknown>;
  /** Sends the file and updates what shows it. */
  upload: (file: File) => Promise<unknown>;
  /** Removes it and updates what shows it (a document attached in error). */
  remove?: () => Promise<unknown>;
  onError?: (error: unknown) => void;
}) {
  const { t } = useT();
  const feedback = useFeedback();
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const maxMb = COMPETITION_LIMITS.evidenceFileMaxMb;
  const attach = useMutation({
    mutationFn: upload,
    onSuccess: () => message.success(t('competition.fileAttached')),
    onError: (error) => {
      feedback(error);
      onError?.(error);
    },
  });
  const open = useMutation({ mutationFn: download, onError: (error) => feedback(error) });
  const removal = useMutation({
    mutationFn: async () => await remove?.(),
    onSuccess: () => message.success(t('competition.fileRemoved')),
    onError: (error) => {
      feedback(error);
      onError?.(error);
    },
  });
  return (
    <Space size={4} wrap>
      {name ? (
        <Button
          type="link"
          size="small"
          icon={<PaperClipOutlined />}
          loading={open.isPending}
          onClick={() => open.mutate()}
          style={{ paddingInline: 0 }}
          data-testid={testId}
        >
          {name}
        </Button>
      ) : editable ? null : (
        <Typography.Text type="secondary">—</Typography.Text>
      )}
      {editable ? (
        <>
          <Button
            size="small"
            icon={<UploadOutlined />}
            loading={attach.isPending}
            onClick={() => input.current?.click()}
            data-testid={`${testId}-upload`}
          >
            {name ? t('competition.replaceFile') : t('competition.uploadFile')}
          </Button>
          {name && remove ? (
            <Popconfirm
              title={t('competition.removeFileConfirm', { name })}
              okText={t('competition.delete')}
              okButtonProps={{ danger: true, 'data-testid': `${testId}-remove-ok` } as ButtonProps}
              onConfirm={() => removal.mutate()}
            >
              <Button size="small" danger icon={<DeleteOutlined />} loading={removal.isPending} data-testid={`${testId}-remove`}>
                {t('competition.delete')}
              </Button>
            </Popconfirm>
          ) : null}
          <input
            ref={input}
            type="file"
            accept={DOCUMENT_ACCEPT}
            hidden
            data-testid={`${testId}-input`}
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (!file) return;
              if (file.size > maxMb * 1024 * 1024) message.error(t('competition.fileTooLarge', { max: maxMb }));
              else attach.mutate(file);
            }}
          />
        </>
      ) : null}
    </Space>
  );
}
