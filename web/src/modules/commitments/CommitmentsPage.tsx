import { FilePdfOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Flex, Form, Progress, Select, Space, Table, Tag, Tooltip, TreeSelect, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ITEM_STATUSES, LETTER_KINDS, type LetterKind, type LetterSummary, shanghaiDate } from '../../../../src/contracts/index.js';
import { api } from '../../api/endpoints';
import { useCan } from '../../app/session';
import { LatestYearEmpty } from '../../components/LatestYearEmpty';
import { LoadError } from '../../components/LoadError';
import { ExportButton } from '../../components/ExportButton';
import { PageContainer } from '../../components/PageContainer';
import { SearchBar } from '../../components/SearchBar';
import { useT } from '../../i18n';
import { buildUnitTree } from '../org/unit-tree';
import { useUnitLabel, useUnitTree } from '../projects/shared/hooks';
import { formatRate } from '../projects/shared/money';
import { CreateLetterModal } from './CreateLetterModal';
import { ITEM_STATUS_COLORS, LetterKindTag, LetterStatusTag } from './labels';
import { type LetterQuery, letterQueryFromSearch, letterSearchFromQuery } from './letter-query';

interface SearchValues {
  year?: Dayjs | null;
  kind?: LetterKind;
  unitId?: number;
  asOf?: Dayjs | null;
}

/** The latest of the last six years (this one first) with letters of this kind and unit, as its 1 January. */
async function latestLetterYear(query: LetterQuery): Promise<string | null> {
  for (let year = query.year; year > query.year - 6; year--)
    if ((await api.commitments.list({ ...query, year })).items.length) return `${year}-01-01`;
  return null;
}

/** 承诺书: the letters of a year (承诺书 and 安全生产责任状) and how far each is fulfilled as of a date. */
export default function CommitmentsPage() {
  const { t, locale } = useT();
  const can = useCan();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const today = shanghaiDate(new Date());
  const query = useMemo(() => letterQueryFromSearch(search, today), [search, today]);
  const [form] = Form.useForm<SearchValues>();
  const [creating, setCreating] = useState(false);
  const units = useUnitTree();
  const unitOf = useUnitLabel();
  const unitTree = useMemo(() => buildUnitTree(units.items, { locale }), [units.items, locale]);

  useEffect(() => {
    form.setFieldsValue({
      year: dayjs(`${query.year}-01-01`),
      kind: query.kind,
      unitId: query.unitId,
      asOf: dayjs(query.asOf),
    });
  }, [query, form]);

  const letters = useQuery({
    queryKey: ['commitments', 'list', query],
    queryFn: () => api.commitments.list(query),
    placeholderData: keepPreviousData,
  });
  if (letters.error && !letters.data) return <LoadError error={letters.error} onRetry={() => void letters.refetch()} />;
  const items = letters.data?.items ?? [];
  const signed = items.filter((letter) => letter.status === 'signed').length;
  const detailLink = (letter: LetterSummary) => `/commitments/${letter.id}${query.asOf === today ? '' : `?asOf=${query.asOf}`}`;

  return (
    <PageContainer
      title={t('commitments.title')}
      extra={
        <Space wrap>
          {can('commitment.manage') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="letter-create">
              {t('commitments.create')}
            </Button>
          ) : null}
          <ExportButton
            run={() => api.commitments.export(query, t('commitments.exportName', { year: query.year }))}
            testId="letter-export"
          />
        </Space>
      }
    >
      <SearchBar<SearchValues>
        form={form}
        onSearch={(values) =>
          setSearch(
            letterSearchFromQuery(
              {
                year: values.year?.year() ?? dayjs().year(),
                kind: values.kind,
                unitId: values.unitId,
                asOf: values.asOf?.format('YYYY-MM-DD') ?? today,
              },
              today,
            ),
          )
        }
      >
        <Form.Item name="year" label={t('commitments.year')}>
          <DatePicker picker="year" allowClear={false} data-testid="letter-year" />
        </Form.Item>
        <Form.Item name="kind" label={t('commitments.kind')}>
          <Select
            allowClear
            placeholder={t('common.all')}
            style={{ width: 160 }}
            options={LETTER_KINDS.map((value) => ({ value, label: t(`letterKind.${value}`) }))}
          />
        </Form.Item>
        {units.enabled ? (
          <Form.Item name="unitId" label={t('commitments.unit')}>
            <TreeSelect
              allowClear
              showSearch={{ treeNodeFilterProp: 'title' }}
              placeholder={t('common.all')}
              treeData={unitTree}
              style={{ width: 220 }}
              listHeight={360}
            />
          </Form.Item>
        ) : null}
        <Form.Item name="asOf" label={t('commitments.asOf')} tooltip={t('commitments.asOfHelp')}>
          <DatePicker allowClear={false} data-testid="letter-as-of" />
        </Form.Item>
      </SearchBar>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={16} wrap>
          <Typography.Text>{t('commitments.countLetters', { count: items.length })}</Typography.Text>
          <Typography.Text type="success">{t('commitments.countSigned', { count: signed })}</Typography.Text>
          <Typography.Text type={items.length - signed ? 'warning' : 'secondary'}>
            {t('commitments.countDrafts', { count: items.length - signed })}
          </Typography.Text>
          <Typography.Text type="secondary">{t('commitments.measuredAsOf', { date: query.asOf })}</Typography.Text>
        </Flex>
      </Card>
      <Table<LetterSummary>
        data-testid="letter-table"
        rowKey="id"
        size="middle"
        loading={letters.isFetching}
        dataSource={items}
        scroll={{ x: 'max-content' }}
        pagination={items.length > 20 ? { pageSize: 20, showTotal: (total) => t('common.total', { total }) } : false}
        locale={{
          emptyText: (
            <LatestYearEmpty
              description={t('commitments.none', { year: query.year })}
              shownYear={query.year}
              queryKey={['commitments', 'latest', query.kind ?? null, query.unitId ?? null]}
              latestDate={() => latestLetterYear({ ...query, year: Number(today.slice(0, 4)) })}
              onPick={(year) => setSearch(letterSearchFromQuery({ ...query, year }, today))}
              testId="letter-empty"
            />
          ),
        }}
        columns={[
          { title: t('commitments.unit'), key: 'unit', fixed: 'left', render: (_, letter) => unitOf(letter.unitId, letter.unitName) },
          { title: t('commitments.kind'), dataIndex: 'kind', render: (kind: LetterKind) => <LetterKindTag kind={kind} /> },
          {
            title: t('commitments.letterTitle'),
            dataIndex: 'title',
            render: (title: string, letter) => <Link to={detailLink(letter)}>{title}</Link>,
          },
          {
            title: t('common.status'),
            key: 'status',
            render: (_, letter) => (
              <Space size={4}>
                <LetterStatusTag status={letter.status} />
                {letter.hasScan ? (
                  <Tooltip title={t('commitments.hasScan')}>
                    <FilePdfOutlined />
                  </Tooltip>
                ) : null}
              </Space>
            ),
          },
          { title: t('commitments.signedOn'), dataIndex: 'signedOn', render: (date: string | null) => date ?? '—' },
          { title: t('commitments.itemCount'), dataIndex: 'itemCount', align: 'right' },
          {
            title: (
              <Tooltip title={t('commitments.rateHelp')}>
                <span>{t('commitments.rate')}</span>
              </Tooltip>
            ),
            dataIndex: 'fulfilmentRate',
            width: 160,
            render: (rate: number | null) =>
              rate === null ? (
                <Typography.Text type="secondary">{t('commitments.noRate')}</Typography.Text>
              ) : (
                <Progress percent={Number((rate * 100).toFixed(1))} size="small" format={() => formatRate(rate)} />
              ),
          },
          {
            title: t('commitments.counts'),
            key: 'counts',
            render: (_, letter) => (
              <Space size={2} wrap>
                {ITEM_STATUSES.map((status) => (
                  <Tooltip key={status} title={t(`itemStatus.${status}`)}>
                    <Tag color={ITEM_STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }}>
                      {t(`itemStatus.${status}`)} {letter.counts[status]}
                    </Tag>
                  </Tooltip>
                ))}
              </Space>
            ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right',
            width: 80,
            render: (_, letter) => <Link to={detailLink(letter)}>{t('commitments.view')}</Link>,
          },
        ]}
      />
      {creating ? (
        <CreateLetterModal
          year={query.year}
          onClose={() => setCreating(false)}
          onCreated={(letter) => {
            setCreating(false);
            navigate(`/commitments/${letter.id}`);
          }}
        />
      ) : null}
    </PageContainer>
  );
}
