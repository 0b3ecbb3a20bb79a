import { EditOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Input, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { DISPATCH_LIMITS, type Meeting } from '../../../../src/contracts/index.js';
import { isApiError } from '../../api/client';
import { api } from '../../api/endpoints';
import { useFeedback } from '../../api/feedback-provider';
import { useT } from '../../i18n';

/**
 * 会议纪要: read, or edited against the version it was opened on. A save that meets a newer
 * version (someone else saved) is refused by the server with 409: its message is shown, the
 * text typed stays, and the latest version can be loaded to edit again.
 */
export function MinutesCard({
  meeting,
  canEdit,
  onSaved,
  onReload,
}: {
  meeting: Meeting;
  canEdit: boolean;
  onSaved: (meeting: Meeting) => void;
  onReload: () => Promise<Meeting | undefined>;
}) {
  const { t } = useT();
  const { message } = App.useApp();
  const feedback = useFeedback();
  /** The text being edited and the version it is based on; null when reading. */
  const [editing, setEditing] = useState<{ text: string; version: number; base: string | null } | null>(null);
  const [stale, setStale] = useState<string | null>(null);

  // A newer version that left the minutes as they were (a decision added meanwhile) is no conflict.
  useEffect(() => {
    setEditing((current) =>
      current && meeting.version > current.version && meeting.minutes === current.base ? { ...current, version: meeting.version } : current,
    );
  }, [meeting.version, meeting.minutes]);

  const save = useMutation({
    mutationFn: async (edit: { text: string; version: number }) =>
      await api.dispatch.update(meeting.id, { version: edit.version, minutes: edit.text.trim() || null }),
    onSuccess: (next) => {
      message.success(t('dispatch.minutesSaved'));
      setEditing(null);
      setStale(null);
      onSaved(next);
    },
    onError: (error) => {
      if (isApiError(error) && error.code === 'CONFLICT') {
        setStale(error.message);
        return;
      }
      feedback(error);
    },
  });

  const reload = async () => {
    const latest = await onReload();
    if (latest && editing) setEditing({ text: editing.text, version: latest.version, base: latest.minutes });
    setStale(null);
  };

  return (
    <Card
      size="small"
      title={t('dispatch.minutes')}
      style={{ marginBottom: 16 }}
      data-testid="minutes-card"
      extra={
        canEdit && !editing ? (
          <Button
            size="small"
            icon={<EditOutlined />}
            onClick={() => setEditing({ text: meeting.minutes ?? '', version: meeting.version, base: meeting.minutes })}
            data-testid="minutes-edit"
          >
            {t('dispatch.editMinutes')}
          </Button>
        ) : null
      }
    >
      {editing ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {stale ? (
            <Alert
              type="warning"
              showIcon
              title={stale}
              description={t('dispatch.staleHint')}
              data-testid="minutes-conflict"
              action={
                <Button size="small" icon={<ReloadOutlined />} onClick={() => void reload()} data-testid="minutes-reload">
                  {t('dispatch.reloadLatest')}
                </Button>
              }
            />
          ) : null}
          <Input.TextArea
            value={editing.text}
            onChange={(event) => setEditing({ ...editing, text: event.target.value })}
            autoSize={{ minRows: 6, maxRows: 24 }}
            maxLength={DISPATCH_LIMITS.minutesMax}
            showCount
            placeholder={t('dispatch.minutesPlaceholder')}
            data-testid="minutes-input"
          />
          <Space>
            <Button
              type="primary"
              loading={save.isPending}
              disabled={Boolean(stale)}
              onClick={() => save.mutate(editing)}
              data-testid="minutes-save"
            >
              {t('common.save')}
            </Button>
            <Button
              onClick={() => {
                setEditing(null);
                setStale(null);
              }}
            >
              {t('common.cancel')}
            </Button>
          </Space>
        </Space>
      ) : meeting.minutes ? (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="minutes-text">
          {meeting.minutes}
        </Typography.Paragraph>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dispatch.noMinutes')} />
      )}
    </Card>
  );
}
