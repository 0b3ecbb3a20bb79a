import { Card, Descriptions, List, Space, Table, Tag, Typography } from 'antd';
import type { MethodConfig } from '../../../../src/contracts/index.js';
import { useT } from '../../i18n';
import { bandsText, benchmarkRuleText, conditionText, formatNumber, formulaText, indicatorUnit } from './explain';
import { ClassTag } from './labels';

type Indicator = MethodConfig['groups'][number]['indicators'][number];

/** A method read as a document: groups with their indicators, bonus and penalty items, exemptions, classing, classes and policies. */
export function MethodConfigView({ config }: { config: MethodConfig }) {
  const { t, locale } = useT();
  const name = (x: { nameZh: string; nameEn: string }) => (locale === 'en-US' ? x.nameEn : x.nameZh);
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="method-view">
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'land', label: t('evaluation.method.landBasis'), children: t(`evaluation.landBasis.${config.landBasis}`) },
          {
            key: 'classing',
            label: t('evaluation.method.classing'),
            children: (
              <Space direction="vertical" size={0}>
                <span>
                  {t(`evaluation.classingMode.${config.classing.mode}`)} · {t(`evaluation.scope.${config.classing.scope}`)}
                </span>
                {bandsText(config.classing, t).map((line) => (
                  <span key={line}>{line}</span>
                ))}
              </Space>
            ),
          },
          {
            key: 'exempt',
            label: t('evaluation.method.exempt'),
            children: `${config.exempt.code} ${name(config.exempt)}${config.exempt.managedAs ? ` · ${t('evaluation.method.managedAs', { code: config.exempt.managedAs })}` : ''}`,
          },
        ]}
      />
      {config.groups.map((group) => (
        <Card key={group.key} size="small" title={`${t('evaluation.group')}: ${name(group)}`} extra={conditionText(group.when, t)}>
          <Table<Indicator>
            rowKey="key"
            size="small"
            pagination={false}
            dataSource={group.indicators}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: t('evaluation.indicator'), key: 'name', render: (_, i) => <b>{name(i)}</b> },
              {
                title: t('evaluation.method.formula'),
                key: 'formula',
                render: (_, i) => (
                  <Space direction="vertical" size={0}>
                    <span>{formulaText(i.numerator, i.denominator, locale)}</span>
                    <Typography.Text type="secondary">{indicatorUnit(i.numerator, i.denominator, locale)}</Typography.Text>
                  </Space>
                ),
              },
              {
                title: t('evaluation.method.direction'),
                dataIndex: 'direction',
                render: (d: Indicator['direction']) => t(`evaluation.direction.${d}`),
              },
              { title: t('evaluation.weight'), dataIndex: 'weight', align: 'right' },
              { title: t('evaluation.benchmark'), key: 'benchmark', render: (_, i) => benchmarkRuleText(i.benchmark, t) },
              {
                title: t('evaluation.method.cap'),
                dataIndex: 'cap',
                render: (cap: number | null) => (cap === null ? t('evaluation.method.noCap') : `× ${formatNumber(cap, 2)}`),
              },
              {
                title: t('evaluation.method.missing'),
                dataIndex: 'missing',
                render: (m: Indicator['missing']) => t(`evaluation.missingRule.${m}`),
              },
            ]}
          />
        </Card>
      ))}
      <Card size="small" title={t('evaluation.method.adjustments')}>
        {config.adjustments.length ? (
          <List
            size="small"
            dataSource={config.adjustments}
            renderItem={(a) => (
              <List.Item>
                <Space wrap>
                  <Tag color={a.kind === 'bonus' ? 'green' : 'red'}>{t(`evaluation.adjustmentKind.${a.kind}`)}</Tag>
                  <b>{name(a)}</b>
                  <span>
                    {t('evaluation.method.adjustmentPoints', { points: formatNumber(a.points, 2), max: formatNumber(a.maxPoints, 2) })}
                  </span>
                </Space>
              </List.Item>
            )}
          />
        ) : (
          <Typography.Text type="secondary">{t('evaluation.method.noneConfigured')}</Typography.Text>
        )}
      </Card>
      <Card size="small" title={t('evaluation.method.exemptions')}>
        {config.exemptions.length ? (
          <List
            size="small"
            dataSource={config.exemptions}
            renderItem={(e) => (
              <List.Item>
                <Space wrap>
                  <b>{name(e)}</b>
                  <Typography.Text type="secondary">
                    {e.kind === 'flag'
                      ? t('evaluation.exemption.flag', { flag: e.flag })
                      : e.kind === 'startup'
                        ? t('evaluation.exemption.startup', { years: e.years })
                        : t('evaluation.exemption.industry', { codes: e.codes.join(', ') })}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        ) : (
          <Typography.Text type="secondary">{t('evaluation.method.noneConfigured')}</Typography.Text>
        )}
      </Card>
      <Card size="small" title={t('evaluation.method.classes')}>
        <List
          size="small"
          dataSource={config.classes}
          renderItem={(c) => (
            <List.Item>
              <Space direction="vertical" size={2}>
                <Space>
                  <ClassTag code={c.code} />
                  <b>{name(c)}</b>
                </Space>
                {c.policies.map((p) => (
                  <span key={`${p.kind}-${p.textZh}`}>
                    <Tag>{t(`evaluation.policyKind.${p.kind}`)}</Tag>
                    {locale === 'en-US' && p.textEn ? p.textEn : p.textZh}
                    {Object.keys(p.parameters).length ? (
                      <Typography.Text type="secondary"> {JSON.stringify(p.parameters)}</Typography.Text>
                    ) : null}
                  </span>
                ))}
              </Space>
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}
