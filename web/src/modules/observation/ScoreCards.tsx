import { CheckCircleOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, Divider, Empty, Flex, Form, Input, InputNumber, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { OBSERVATION_LIMITS, type Tour, type TourSite } from '../../../../src/contracts/index.js';
import { api } from '../../api/endpoints';
import { useT } from '../../i18n';
import { clearErrorsOnChange } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/time';
import { useUnitLabel } from '../projects/shared/hooks';
import { useFormFeedback } from '../projects/shared/use-form-feedback';
import { SitePhotos } from './SitePhotos';
import { criterionName, scoreRequest, weightedTotal } from './tour-form';

interface Values {
  points?: Record<string, number | null>;
  note?: string;
}

/**
 * 我的评分: a card per site (one column, fits a phone), points 0–100 for every criterion, a
 * note, the weighted total as the judge types, saved site by site, and the photos taken there.
 * A site of the judge's own jurisdiction shows the recusal (回避) instead of the points; nothing
 * is editable unless the tour is scoring.
 */
export function ScoreCards({ tour, onSaved }: { tour: Tour; onSaved: (tour: Tour) => void }) {
  const { t } = useT();
  const sites = [...tour.sites].sort((a, b) => a.position - b.position);
  const scorable = sites.filter((site) => !site.recused);
  const done = scorable.filter((site) => site.myScore).length;
  return (
    <Flex vertical gap={12} data-testid="score-cards">
      {tour.status !== 'scoring' ? (
        <Alert
          type="info"
          showIcon
          title={t(tour.status === 'draft' ? 'observation.scoringNotOpen' : 'observation.scoringClosed')}
          data-testid="score-locked"
        />
      ) : (
        <Typography.Text type="secondary" data-testid="score-summary">
          {t('observation.myProgress', { done, total: scorable.length })}
        </Typography.Text>
      )}
      {sites.length === 0 ? <Empty description={t('observation.noSites')} /> : null}
      {sites.map((site) => (
        <ScoreCard key={site.projectId} tour={tour} site={site} onSaved={onSaved} />
      ))}
    </Flex>
  );
}

function ScoreCard({ tour, site, onSaved }: { tour: Tour; site: TourSite; onSaved: (tour: Tour) => void }) {
  const { t, locale } = useT();
  const { message } = App.useApp();
  const unitOf = useUnitLabel();
  const formFeedback = useFormFeedback();
  const [form] = Form.useForm<Values>();
  const points = Form.useWatch('points', form);
  const live = weightedTotal(tour.criteria, points);
  const editable = tour.status === 'scoring' && !site.recused;
  const saved = site.myScore;

  const save = useMutation({
    mutationFn: (values: Values) => api.observation.score(tour.id, site.projectId, scoreRequest(tour.criteria, values.points, values.note)),
    onSuccess: (next) => {
      message.success(t('observation.scoreSaved', { name: site.projectName }));
      onSaved(next);
    },
    onError: (error) => formFeedback(error, form),
  });

  const initialPoints = Object.fromEntries(tour.criteria.map((c) => [c.key, saved?.points[c.key] ?? null]));

  return (
    <Card
      size="small"
      data-testid={`score-card-${site.projectId}`}
      title={
        <Space orientation="vertical" size={0} style={{ whiteSpace: 'normal' }}>
          <Typography.Text strong>
            {t('observation.sitePosition', { n: site.position + 1 })} <Link to={`/projects/${site.projectId}`}>{site.projectName}</Link>
          </Typography.Text>
          <Typography.Text type="secondary">{unitOf(site.unitId, site.unitName)}</Typography.Text>
        </Space>
      }
      extra={
        saved ? (
          <Tag color="success" icon={<CheckCircleOutlined />} data-testid={`score-saved-${site.projectId}`} style={{ marginInlineEnd: 0 }}>
            {t('observation.savedTotal', { total: saved.total })}
          </Tag>
        ) : null
      }
    >
      {site.recused ? (
        <Alert type="warning" showIcon title={t('observation.recused')} data-testid={`score-recused-${site.projectId}`} />
      ) : (
        <Form<Values>
          form={form}
          layout="vertical"
          disabled={!editable}
          initialValues={{ points: initialPoints, note: saved?.note ?? '' }}
          onFinish={(values) => save.mutate(values)}
          onValuesChange={clearErrorsOnChange(form)}
        >
          {tour.criteria.map((criterion) => (
            <Form.Item
              key={criterion.key}
              name={['points', criterion.key]}
              label={t('observation.criterionWithWeight', { name: criterionName(criterion, locale), weight: criterion.weight })}
              style={{ marginBottom: 12 }}
            >
              <InputNumber
                min={0}
                max={OBSERVATION_LIMITS.pointsMax}
                precision={0}
                inputMode="numeric"
                placeholder={t('observation.pointsPlaceholder')}
                style={{ width: '100%' }}
                data-testid={`score-${site.projectId}-${criterion.key}`}
              />
            </Form.Item>
          ))}
          <Form.Item name="note" label={t('observation.note')} style={{ marginBottom: 12 }}>
            <Input.TextArea
              rows={2}
              maxLength={OBSERVATION_LIMITS.noteMax}
              placeholder={t('observation.notePlaceholder')}
              data-testid={`score-note-${site.projectId}`}
            />
          </Form.Item>
          <Flex justify="space-between" align="center" wrap gap={8}>
            <Space orientation="vertical" size={0}>
              <Typography.Text>
                {t('observation.liveTotal')}{' '}
                <Typography.Text strong data-testid={`score-total-${site.projectId}`}>
                  {live ?? '—'}
                </Typography.Text>
              </Typography.Text>
              {saved ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`score-saved-at-${site.projectId}`}>
                  {t('observation.savedAt', { total: saved.total, at: formatDateTime(saved.scoredAt) })}
                </Typography.Text>
              ) : live === null && editable ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('observation.fillEvery')}
                </Typography.Text>
              ) : null}
            </Space>
            {editable ? (
              <Button
                type="primary"
                htmlType="submit"
                loading={save.isPending}
                disabled={live === null}
                data-testid={`score-save-${site.projectId}`}
              >
                {saved ? t('observation.updateScore') : t('observation.saveScore')}
              </Button>
            ) : null}
          </Flex>
        </Form>
      )}
      <Divider titlePlacement="start" plain style={{ margin: '12px 0 8px' }}>
        {t('observation.photos')}
      </Divider>
      <SitePhotos tour={tour} site={site} canAdd onSaved={onSaved} />
    </Card>
  );
}
