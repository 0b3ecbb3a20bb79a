import {
  ArrowLeftOutlined,
  DiffOutlined,
  EditOutlined,
  FileWordOutlined,
  PaperClipOutlined,
  SignatureOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Collapse,
  DatePicker,
  Descriptions,
  Empty,
  Progress,
  Space,
  Steps,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { type CommitmentItem, IsoDateSchema, type Letter, shanghaiDate } from '../../../../src/contracts/index.js';
import { api } from '../../api/endpoints';
import { useFeedback } from '../../api/feedback-provider';
import { useCan } from '../../app/session';
import { NotFoundPage } from '../../components/ErrorResult';
import { FullPageSpin } from '../../components/FullPageSpin';
import { LoadError } from '../../components/LoadError';
import { PageContainer } from '../../components/PageContainer';
import { useT } from '../../i18n';
import { formatDateTime } from '../../lib/time';
import { DOCUMENT_ACCEPT } from '../../lib/documents';
import { useUnitLabel } from '../projects/shared/hooks';
import { formatMoney, formatRate } from '../projects/shared/money';
import { AmendmentDiff } from './AmendmentDiff';
import { ItemsEditorDrawer } from './ItemsEditorDrawer';
import { ItemStatusTag, ITEM_STATUS_COLORS, LetterKindTag, LetterStatusTag } from './labels';
import { RecordItemModal } from './RecordItemModal';
import { SignLetterModal } from './SignLetterModal';

/**
 * 承诺书详情: the letter's items measured as of a date, the signing (scan, then date; frozen
 * from then on), amendments with their before and after, hand-recorded items, and the year-end
 * account (交总账) as Word.
 */
export default function CommitmentDetailPage() {
  const { id } = useParams();
  const letterId = Number(id);
  const valid = Number.isInteger(letterId) && letterId > 0;
  const { t, locale } = useT();
  const unitOf = useUnitLabel();
  const can = useCan();
  const canManage = can('commitment.manage');
  const navigate = useNavigate();
  const { message } = App.useApp();
  const feedback = useFeedback();
  const queryClient = useQueryClient();
  const [search, setSearch] = useSearchParams();
  const today = shanghaiDate(new Date());
  const asOfParam = search.get('asOf');
  const asOf = asOfParam && IsoDateSchema.safeParse(asOfParam).success ? asOfParam : today;
  const [editor, setEditor] = useState<'draft' | 'amend' | null>(null);
  const [signing, setSigning] = useState(false);
  const [recording, setRecording] = useState<CommitmentItem | null>(null);
  const scanInput = useRef<HTMLInputElement>(null);

  const key = ['commitments', 'detail', letterId, asOf];
  const letter = useQuery({ queryKey: key, queryFn: () => api.commitments.get(letterId, asOf), enabled: valid });
  const saved = (next: Letter) => {
    queryClient.setQueryData(key, next);
    void queryClient.invalidateQueries({ queryKey: ['commitments'] });
  };

  const scan = useMutation({
    mutationFn: (file: File) => api.commitments.attachScan(letterId, file),
    onSuccess: (next) => {
      message.success(t('commitments.scanAttached'));
      saved(next);
    },
    onError: (error) => feedback(error),
  });
  const download = useMutation({
    mutationFn: (which: 'account' | 'scan') =>
      which === 'account'
        ? api.commitments.account(letterId, asOf === today ? undefined : asOf, t('commitments.accountName', { id: letterId }))
        : api.commitments.scan(letterId, t('commitments.scanName', { id: letterId })),
    onError: (error) => feedback(error),
  });

  if (!valid) return <NotFoundPage />;
  if (letter.error && !letter.data) return <LoadError error={letter.error} onRetry={() => void letter.refetch()} />;
  if (!letter.data) return <FullPageSpin />;
  const l = letter.data;
  const isDraft = l.status === 'draft';
  const projectNames = new Map(
    l.items.flatMap((item) => (item.projectId && item.projectName ? [[item.projectId, item.projectName] as const] : [])),
  );

  return (
    <PageContainer
      title={l.title}
      extra={
        <Space wrap>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/commitments?year=${l.year}`)}>
            {t('commitments.back')}
          </Button>
          <Tooltip title={t('commitments.asOfHelp')}>
            <DatePicker
              allowClear={false}
              value={dayjs(asOf)}
              onChange={(date) => {
                if (date) setSearch(date.format('YYYY-MM-DD') === today ? {} : { asOf: date.format('YYYY-MM-DD') });
              }}
              data-testid="letter-detail-as-of"
            />
          </Tooltip>
          <Button
            icon={<FileWordOutlined />}
            loading={download.isPending && download.variables === 'account'}
            onClick={() => download.mutate('account')}
            data-testid="letter-account"
          >
            {t('commitments.account')}
          </Button>
          {canManage && isDraft ? (
            <>
              <Button icon={<EditOutlined />} onClick={() => setEditor('draft')} data-testid="letter-edit-items">
                {t('commitments.editItems')}
              </Button>
              <Button
                icon={<UploadOutlined />}
                loading={scan.isPending}
                onClick={() => scanInput.current?.click()}
                data-testid="letter-scan-button"
              >
                {l.hasScan ? t('commitments.replaceScan') : t('commitments.uploadScan')}
              </Button>
              <Button
                type="primary"
                icon={<SignatureOutlined />}
                disabled={!l.hasScan}
                onClick={() => setSigning(true)}
                data-testid="letter-sign"
              >
                {t('commitments.sign')}
              </Button>
            </>
          ) : null}
          {canManage && !isDraft ? (
            <Button icon={<DiffOutlined />} onClick={() => setEditor('amend')} data-testid="letter-amend">
              {t('commitments.amend')}
            </Button>
          ) : null}
        </Space>
      }
    >
      <input
        ref={scanInput}
        type="file"
        accept={DOCUMENT_ACCEPT}
        hidden
        data-testid="letter-scan"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) scan.mutate(file);
        }}
      />
      {isDraft ? (
        <Card size="small" style={{ marginBottom: 16 }}>
          <Steps
            size="small"
            current={l.itemCount === 0 ? 0 : l.hasScan ? 2 : 1}
            items={[
              { title: t('commitments.stepItems'), content: t('commitments.stepItemsHint', { count: l.itemCount }) },
              { title: t('commitments.stepScan'), content: t('commitments.stepScanHint') },
              { title: t('commitments.stepSign'), content: t('commitments.stepSignHint') },
            ]}
          />
        </Card>
      ) : (
        <Alert type="success" showIcon style={{ marginBottom: 16 }} title={t('commitments.signedHint', { date: l.signedOn ?? '—' })} />
      )}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          data-testid="letter-overview"
          items={[
            { key: 'unit', label: t('commitments.unit'), children: unitOf(l.unitId, l.unitName) },
            { key: 'year', label: t('commitments.year'), children: l.year },
            { key: 'kind', label: t('commitments.kind'), children: <LetterKindTag kind={l.kind} /> },
            { key: 'status', label: t('common.status'), children: <LetterStatusTag status={l.status} /> },
            { key: 'signedOn', label: t('commitments.signedOn'), children: l.signedOn ?? '—' },
            {
              key: 'scan',
              label: t('commitments.scan'),
              children: l.hasScan ? (
                <Button
                  type="link"
                  size="small"
                  style={{ padding: 0 }}
                  icon={<PaperClipOutlined />}
                  loading={download.isPending && download.variables === 'scan'}
                  onClick={() => download.mutate('scan')}
                  data-testid="letter-scan-download"
                >
                  {t('commitments.downloadScan')}
                </Button>
              ) : (
                <Typography.Text type="secondary">{t('commitments.noScan')}</Typography.Text>
              ),
            },
            {
              key: 'rate',
              label: t('commitments.rate'),
              children:
                l.fulfilmentRate === null ? (
                  <Typography.Text type="secondary">{t('commitments.noRate')}</Typography.Text>
                ) : (
                  <Typography.Text strong data-testid="letter-rate">
                    {formatRate(l.fulfilmentRate)}
                  </Typography.Text>
                ),
            },
            {
              key: 'counts',
              label: t('commitments.counts'),
              span: 2,
              children: (
                <Space size={4} wrap>
                  {(['pending', 'fulfilled', 'late', 'missed'] as const).map((status) => (
                    <Tag key={status} color={ITEM_STATUS_COLORS[status]}>
                      {t(`itemStatus.${status}`)} {l.counts[status]}
                    </Tag>
                  ))}
                </Space>
              ),
            },
          ]}
        />
        <Typography.Text type="secondary">{t('commitments.measuredAsOf', { date: l.asOf })}</Typography.Text>
      </Card>
      <Card size="small" title={t('commitments.items', { count: l.itemCount })} style={{ marginBottom: 16 }}>
        <Table<CommitmentItem>
          data-testid="letter-items"
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={l.items}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={t('commitments.noItems')} /> }}
          columns={[
            { title: '#', dataIndex: 'position', width: 48, render: (position: number) => position + 1 },
            { title: t('commitments.itemKind'), dataIndex: 'kind', render: (kind: CommitmentItem['kind']) => t(`itemKind.${kind}`) },
            {
              title: t('commitments.subject'),
              key: 'subject',
              width: 280,
              render: (_, item) => (
                <Space orientation="vertical" size={0}>
                  {item.projectId ? <Link to={`/projects/${item.projectId}`}>{item.projectName ?? `#${item.projectId}`}</Link> : null}
                  {item.description ? (
                    <Typography.Text type={item.projectId ? 'secondary' : undefined}>{item.description}</Typography.Text>
                  ) : null}
                  {!item.projectId && !item.description ? t('commitments.wholeUnit') : null}
                </Space>
              ),
            },
            { title: t('commitments.committed'), key: 'committed', render: (_, item) => committedText(item, t, locale) },
            { title: t('commitments.deadline'), dataIndex: 'deadline', width: 110 },
            { title: t('commitments.actual'), key: 'actual', render: (_, item) => actualText(item, t, locale) },
            {
              title: t('commitments.progress'),
              dataIndex: 'progress',
              width: 140,
              render: (progress: number, item) => (
                <Progress
                  percent={Math.round(progress * 1000) / 10}
                  size="small"
                  status={item.status === 'missed' ? 'exception' : item.status === 'fulfilled' ? 'success' : 'normal'}
                />
              ),
            },
            {
              title: t('common.status'),
              dataIndex: 'status',
              width: 100,
              render: (status: CommitmentItem['status']) => <ItemStatusTag status={status} />,
            },
            { title: t('commitments.weight'), dataIndex: 'weight', width: 70, align: 'right' },
            {
              title: t('commitments.evidence'),
              dataIndex: 'evidence',
              ellipsis: true,
              width: 180,
              render: (evidence: string | null) => evidence ?? '',
            },
            ...(canManage
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    width: 90,
                    fixed: 'right' as const,
                    render: (_: unknown, item: CommitmentItem) =>
                      item.kind === 'manual' ? (
                        <Button type="link" size="small" onClick={() => setRecording(item)} data-testid={`item-record-${item.id}`}>
                          {t('commitments.record')}
                        </Button>
                      ) : null,
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Card size="small" title={t('commitments.amendments', { count: l.amendments.length })} data-testid="letter-amendments">
        {l.amendments.length === 0 ? (
          <Empty description={t('commitments.noAmendments')} />
        ) : (
          <Collapse
            items={[...l.amendments].reverse().map((amendment) => ({
              key: amendment.id,
              label: (
                <Space wrap>
                  <Typography.Text strong>{formatDateTime(amendment.at)}</Typography.Text>
                  <Typography.Text type="secondary">{amendment.by ?? '—'}</Typography.Text>
                  <span>{t('commitments.amendReasonIs', { reason: amendment.reason })}</span>
                </Space>
              ),
              children: <AmendmentDiff before={amendment.before} after={amendment.after} projectNames={projectNames} />,
            }))}
          />
        )}
      </Card>
      {editor ? (
        <ItemsEditorDrawer
          letter={l}
          mode={editor}
          onClose={() => setEditor(null)}
          onSaved={(next) => {
            setEditor(null);
            saved(next);
          }}
          onConflict={() => {
            setEditor(null);
            void letter.refetch();
          }}
        />
      ) : null}
      {signing ? (
        <SignLetterModal
          letter={l}
          onClose={() => setSigning(false)}
          onSigned={(next) => {
            setSigning(false);
            saved(next);
          }}
        />
      ) : null}
      {recording ? (
        <RecordItemModal
          letterId={l.id}
          item={recording}
          onClose={() => setRecording(null)}
          onRecorded={(next) => {
            setRecording(null);
            saved(next);
          }}
        />
      ) : null}
    </PageContainer>
  );
}

type T = ReturnType<typeof useT>['t'];

/** What was committed, in the words of the item's kind. */
function committedText(item: CommitmentItem, t: T, locale: ReturnType<typeof useT>['locale']): string {
  switch (item.kind) {
    case 'project_investment':
    case 'unit_investment':
      return formatMoney(item.committedAmount, locale, 'wan');
    case 'unit_starts':
      return t('commitments.countValue', { count: item.committedCount ?? 0 });
    case 'project_start':
      return t('milestone.start');
    case 'project_production':
      return t('milestone.production');
    case 'project_milestone':
      return item.milestoneKind ? t(`milestone.${item.milestoneKind}`) : '—';
    case 'manual':
      return t('commitments.manualCommitted');
  }
}

/** What the platform's data (or the recorded outcome) says as of the date. */
function actualText(item: CommitmentItem, t: T, locale: ReturnType<typeof useT>['locale']): string {
  if (item.actual === null) return '—';
  switch (item.kind) {
    case 'project_investment':
    case 'unit_investment':
      return formatMoney(item.actual, locale, 'wan');
    case 'unit_starts':
      return t('commitments.countValue', { count: item.actual });
    case 'manual':
      return item.actual === 'fulfilled' || item.actual === 'missed' ? t(`commitments.recorded.${item.actual}`) : item.actual;
    default:
      return t('commitments.reachedOn', { date: item.actual });
  }
}
