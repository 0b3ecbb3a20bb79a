import { Alert, Card, Descriptions, Empty, List, Space, Table, Tag, Typography } from 'antd';
import type { Explanation, MethodConfig } from '../../../../src/contracts/index.js';
import { useT } from '../../i18n';
import { formatNumber, groupName, type IndicatorLine, indicatorLine, whatIfText } from './explain';
import { ClassTag } from './labels';

/** One enterprise's result explained: class, score, each indicator against its benchmark, bonus and penalty, and what would move it up. */
export function ExplanationView({ explanation, config }: { explanation: Explanation; config?: MethodConfig | undefined }) {
  const { t, locale } = useT();
  const { result } = explanation;
  const lines = explanation.indicators.map((i) => indicatorLine(i, locale, t));
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="explanation">
      <Card size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            {
              key: 'class',
              label: t('evaluation.class'),
              children: (
                <Space>
                  <ClassTag code={result.status === 'classed' ? result.class : null} testId="my-class" />
                  {explanation.className ? <span>{explanation.className}</span> : null}
                  {result.status !== 'classed' ? <Tag>{t(`evaluation.resultStatus.${result.status}`)}</Tag> : null}
                </Space>
              ),
            },
            {
              key: 'score',
              label: t('evaluation.score'),
              children: <span data-testid="my-score">{formatNumber(result.score, 2)}</span>,
            },
            {
              key: 'rank',
              label: t('evaluation.rank'),
              children: result.rank ? t('evaluation.rankOf', { rank: result.rank, of: result.rankOf ?? '—' }) : '—',
            },
            { key: 'group', label: t('evaluation.group'), children: groupName(config, result.group, locale) },
            { key: 'land', label: t('evaluation.landMu'), children: formatNumber(result.landMu, 4) },
            { key: 'previous', label: t('evaluation.previousClass'), children: <ClassTag code={explanation.previousClass} /> },
          ]}
        />
        {result.reasons.length ? (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {t('evaluation.reasons', { reasons: result.reasons.join(t('common.listSeparator')) })}
          </Typography.Paragraph>
        ) : null}
      </Card>

      <Card size="small" title={t('evaluation.explain.indicators')}>
        <Table<IndicatorLine>
          data-testid="explanation-indicators"
          rowKey="key"
          size="small"
          pagination={false}
          dataSource={lines}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              title: t('evaluation.indicator'),
              dataIndex: 'name',
              render: (name: string, line) => (
                <Space direction="vertical" size={0}>
                  <b>{name}</b>
                  <Typography.Text type="secondary">{line.formula}</Typography.Text>
                </Space>
              ),
            },
            {
              title: t('evaluation.value'),
              dataIndex: 'value',
              render: (value: string, line) =>
                line.isMissing ? (
                  <Space direction="vertical" size={0}>
                    <Typography.Text type="warning">{value}</Typography.Text>
                    {line.note ? <Typography.Text type="secondary">{line.note}</Typography.Text> : null}
                  </Space>
                ) : (
                  value
                ),
            },
            { title: t('evaluation.benchmark'), dataIndex: 'benchmark' },
            { title: t('evaluation.explain.ratio'), dataIndex: 'ratio', align: 'right' },
            { title: t('evaluation.weight'), dataIndex: 'weight', align: 'right' },
            { title: t('evaluation.explain.maxPoints'), dataIndex: 'maxPoints', align: 'right' },
            { title: t('evaluation.points'), dataIndex: 'points', align: 'right' },
          ]}
        />
      </Card>

      <Card size="small" title={t('evaluation.explain.adjustments')}>
        {explanation.adjustments.length ? (
          <List
            size="small"
            dataSource={explanation.adjustments}
            renderItem={(a) => (
              <List.Item>
                <Space wrap>
                  <Tag color={a.kind === 'bonus' ? 'green' : 'red'}>
                    {a.kind === 'bonus' ? '+' : '−'}
                    {formatNumber(a.points, 2)}
                  </Tag>
                  <b>{a.nameZh}</b>
                  <Typography.Text type="secondary">{a.evidence}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('evaluation.explain.noAdjustments')} />
        )}
      </Card>

      <Card size="small" title={t('evaluation.explain.nextClass')}>
        {explanation.nextClass ? (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Alert
              type="info"
              showIcon
              data-testid="next-class"
              title={t('evaluation.explain.gap', {
                code: explanation.nextClass.code,
                needed: formatNumber(explanation.nextClass.scoreNeeded, 2),
                gap: formatNumber(explanation.nextClass.gap, 2),
              })}
            />
            <List
              size="small"
              dataSource={explanation.whatIf}
              renderItem={(w) => <List.Item>{whatIfText(w, explanation.indicators, locale, t)}</List.Item>}
            />
            <Typography.Text type="secondary">{t('evaluation.explain.whatIfHint')}</Typography.Text>
          </Space>
        ) : (
          <Typography.Text type="secondary">
            {result.status === 'classed' ? t('evaluation.explain.top') : t('evaluation.explain.notClassed')}
          </Typography.Text>
        )}
      </Card>

      <Card size="small" title={t('evaluation.explain.policies')}>
        {explanation.policies.length ? (
          <List
            size="small"
            dataSource={explanation.policies}
            renderItem={(p) => (
              <List.Item>
                <Space>
                  <Tag>{t(`evaluation.policyKind.${p.kind}`)}</Tag>
                  {locale === 'en-US' && p.textEn ? p.textEn : p.textZh}
                </Space>
              </List.Item>
            )}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('evaluation.explain.noPolicies')} />
        )}
      </Card>
    </Space>
  );
}
