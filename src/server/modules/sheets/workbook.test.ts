import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { loadedRows, readRows, streamRows } from './workbook.js';

async function collect(rows: AsyncGenerator<{ row: number; cells: unknown[] }>) {
  const out: { row: number; cells: unknown[] }[] = [];
  for await (const r of rows) out.push(r);
  return out;
}

/** A workbook as a unit sends it: shared strings, numbers, a date, rich text, a formula, a blank row, a second sheet. */
async function sample(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('数据');
  sheet.addRow(['月份*', '项目编号', '本月完成投资（万元）', '形象进度', '日期']);
  sheet.addRow(['2026-01', 12, 100.5, '主体结构施工', new Date(Date.UTC(2026, 0, 31))]);
  sheet.addRow(['2026-01', 13, { formula: 'C2*2', result: 201 }, { richText: [{ text: '基础' }, { text: '施工' }] }, null]);
  sheet.addRow([]);
  sheet.addRow(['2026-01', 14, '  ', '  设备安装 ', null]);
  book.addWorksheet('说明').addRow(['只读第一个工作表']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('reading a workbook', () => {
  it('reads the first sheet the same whether streamed (large files) or loaded whole (everyday files)', async () => {
    const data = await sample();
    const streamed = await collect(streamRows(data));
    const loaded = await collect(loadedRows(data));
    const nonBlank = (rows: typeof streamed) => rows.filter((r) => r.cells.some((c) => c !== null));
    expect(nonBlank(loaded)).toEqual(nonBlank(streamed));
    expect(nonBlank(streamed).map((r) => r.row)).toEqual([1, 2, 3, 5]);
    expect(streamed[2]?.cells.slice(2, 4)).toEqual([201, '基础施工']);
    expect(nonBlank(streamed)[3]?.cells.slice(2, 4)).toEqual([null, '设备安装']);
    expect(await collect(readRows(data))).toEqual(streamed);
  });

  it('refuses what is not a workbook', async () => {
    await expect(collect(readRows(Buffer.from('PK\u0003\u0004 not really a zip')))).rejects.toThrow();
  });
});
