import { CameraOutlined, DeleteOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Flex, Image, Popconfirm, Typography } from 'antd';
import { useRef } from 'react';
import type { Tour, TourSite } from '../../../../src/contracts/index.js';
import { api } from '../../api/endpoints';
import { useFeedback } from '../../api/feedback-provider';
import { useT } from '../../i18n';
import { formatDateTime } from '../../lib/time';

const PHOTO_TYPES = 'image/jpeg,image/png';

/**
 * 现场照片 of a site: thumbnails that open a preview, each with when and where the camera says it
 * was taken; while the tour is scored, its judges and the operator add photos (a phone opens its
 * camera) and remove their own.
 */
export function SitePhotos({
  tour,
  site,
  canAdd,
  onSaved,
  size = 72,
}: {
  tour: Tour;
  site: TourSite;
  canAdd: boolean;
  onSaved: (tour: Tour) => void;
  size?: number;
}) {
  const { t } = useT();
  const { message } = App.useApp();
  const feedback = useFeedback();
  const input = useRef<HTMLInputElement>(null);
  const scoring = tour.status === 'scoring';
  const add = useMutation({
    mutationFn: (file: File) => api.observation.addPhoto(tour.id, site.projectId, file),
    onSuccess: (next) => {
      message.success(t('observation.photoAdded'));
      onSaved(next);
    },
    onError: (error) => feedback(error),
  });
  const remove = useMutation({
    mutationFn: (photoId: number) => api.observation.removePhoto(photoId),
    onSuccess: async () => {
      message.success(t('observation.photoRemoved'));
      onSaved(await api.observation.get(tour.id));
    },
    onError: (error) => feedback(error),
  });

  return (
    <Flex vertical gap={8} data-testid={`photos-${site.projectId}`}>
      {site.photos.length ? (
        <Image.PreviewGroup>
          <Flex wrap gap={8}>
            {site.photos.map((photo) => (
              <Flex key={photo.id} vertical gap={2} style={{ width: size }} data-testid={`photo-${photo.id}`}>
                <Image
                  src={api.observation.photoUrl(photo.id)}
                  alt={photo.filename}
                  width={size}
                  height={size}
                  style={{ objectFit: 'cover', borderRadius: 4 }}
                />
                <Typography.Text type="secondary" style={{ fontSize: 11 }} ellipsis={{ tooltip: photoCaption(t, photo) }}>
                  {photo.takenAt ? formatDateTime(photo.takenAt) : photo.createdBy}
                </Typography.Text>
                {scoring && photo.mine ? (
                  <Popconfirm title={t('observation.removePhotoConfirm')} onConfirm={() => remove.mutate(photo.id)}>
                    <Button
                      size="small"
                      type="link"
                      danger
                      icon={<DeleteOutlined />}
                      style={{ padding: 0 }}
                      data-testid={`photo-remove-${photo.id}`}
                    >
                      {t('observation.removePhoto')}
                    </Button>
                  </Popconfirm>
                ) : null}
              </Flex>
            ))}
          </Flex>
        </Image.PreviewGroup>
      ) : (
        <Typography.Text type="secondary">{t('observation.noPhotos')}</Typography.Text>
      )}
      {canAdd && scoring ? (
        <>
          <input
            ref={input}
            type="file"
            accept={PHOTO_TYPES}
            capture="environment"
            hidden
            data-testid={`photo-input-${site.projectId}`}
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) add.mutate(file);
            }}
          />
          <Button
            icon={<CameraOutlined />}
            loading={add.isPending}
            onClick={() => input.current?.click()}
            style={{ alignSelf: 'flex-start' }}
            data-testid={`photo-add-${site.projectId}`}
          >
            {t('observation.addPhoto')}
          </Button>
        </>
      ) : null}
    </Flex>
  );
}

/** Who added it, when and where the camera says it was taken. */
function photoCaption(t: ReturnType<typeof useT>['t'], photo: TourSite['photos'][number]): string {
  return [
    t('observation.photoBy', { name: photo.createdBy }),
    photo.takenAt ? t('observation.photoTaken', { at: formatDateTime(photo.takenAt) }) : null,
    photo.latitude !== null && photo.longitude !== null
      ? t('observation.photoPlace', { lat: photo.latitude.toFixed(5), lng: photo.longitude.toFixed(5) })
      : null,
  ]
    .filter(Boolean)
    .join(t('common.clauseSeparator'));
}
