import { loadExcel } from '../../lib/exceljs.js';
import { type AuditRecord, type Locale, shanghaiDateTime } from '../../../contracts/index.js';

const HEADERS: Record<Locale, string[]> = {
  'zh-CN': ['序号', '时间', '操作人', '角色', '操作', '对象类型', '对象', '结果', '来源 IP', '请求号', '变更前', '变更后', '哈希'],
  'en-US': [
    'ID',
    'Time',
    'Actor',
    'Role',
    'Action',
    'Target type',
    'Target',
    'Result',
    'Source IP',
    'Request id',
    'Before',
    'After',
    'Hash',
  ],
};

/** Times in the sheet are shown in Asia/Shanghai, the city's zone. */
const shanghaiTime = (iso: string) => shanghaiDateTime(new Date(iso));

export async function auditWorkbook(records: AuditRecord[], locale: Locale): Promise<Buffer> {
  const ExcelJS = await loadExcel();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Juli';
  const sheet = workbook.addWorksheet(locale === 'zh-CN' ? '审计日志' : 'Audit trail');
  sheet.addRow(HEADERS[locale]);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of records) {
    sheet.addRow([
      r.id,
      shanghaiTime(r.occurredAt),
      r.actorUsername ?? '',
      r.actorRole ?? '',
      r.action,
      r.targetType ?? '',
      r.targetId ?? '',
      r.result,
      r.sourceIp ?? '',
      r.requestId ?? '',
      r.before === null ? '' : JSON.stringify(r.before),
      r.after === null ? '' : JSON.stringify(r.after),
      r.hash ?? '',
    ]);
  }
  sheet.columns.forEach((column, i) => {
    column.width = [8, 20, 16, 14, 24, 14, 12, 10, 16, 24, 40, 40, 66][i] ?? 14;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
