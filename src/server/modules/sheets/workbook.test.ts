import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { zip } from '../../../test/sheets.js';
import { type Cell, normaliseCell } from './domain/cells.js';
import { TooManyRows, readRows } from './workbook.js';
import { WorkbookError } from './xlsx-reader.js';

async function collect(rows: AsyncGenerator<{ row: number; cells: Cell[] }>) {
  const out: { row: number; cells: Cell[] }[] = [];
  for await (const r of rows) out.push(r);
  return out;
}

/** The reference: exceljs's whole-file reader (what Juli used for small files before its own reader), blank rows left out. */
async function referenceRows(data: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  const rows: { row: number; cells: Cell[] }[] = [];
  workbook.worksheets[0]!.eachRow({ includeEmpty: false }, (row) => {
    const values = row.values as unknown[];
    const cells = Array.from({ length: values.length - 1 }, (_, i) => normaliseCell(values[i + 1]));
    while (cells.length && cells.at(-1) === null) cells.pop();
    if (cells.length) rows.push({ row: row.number, cells });
  });
  return rows;
}

/** A workbook as a unit sends it: shared strings, numbers, dates, rich text, formulas, a blank row, a second sheet. */
async function sample(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('数据');
  sheet.addRow(['月份*', '项目编号', '本月完成投资（万元）', '形象进度', '日期']);
  sheet.addRow(['2026-01', 12, 100.5, '主体结构施工', new Date(Date.UTC(2026, 0, 31))]);
  sheet.addRow([
    '2026-01',
    13,
    { formula: 'C2*2', result: 201 },
    { richText: [{ text: '基础' }, { text: '施工', font: { bold: true } }] },
    null,
  ]);
  sheet.addRow([]);
  sheet.addRow(['2026-01', 14, '  ', '  设备安装 ', null]);
  sheet.addRow(['A&B <公司> "引号" \'单\'', true, { formula: 'A6&"x"', result: 'A&Bx' }, '第一行\n第二行', { error: '#N/A' }]);
  sheet.getCell('F7').value = new Date(Date.UTC(2022, 2, 1));
  sheet.getCell('F7').numFmt = 'yyyy"年"m"月"d"日"';
  sheet.getCell('G7').value = 44621;
  sheet.getCell('G7').numFmt = '0.00';
  sheet.getCell('AB7').value = '远处的格子 𠮷';
  book.addWorksheet('说明').addRow(['只读第一个工作表']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Random text of Chinese (including characters outside the BMP), ASCII and XML's special characters. */
function randomText(random: () => number, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    const r = random();
    if (r < 0.75) out += String.fromCodePoint(0x4e00 + Math.floor(random() * 0x51a0));
    else if (r < 0.8) out += String.fromCodePoint(0x20000 + Math.floor(random() * 0xa6d0));
    else if (r < 0.95) out += String.fromCharCode(0x30 + Math.floor(random() * 0x4a));
    else out += '&<>"\'_·—'[Math.floor(random() * 8)];
  }
  return out;
}

/** A deterministic pseudo-random sequence (the test must fail or pass the same way every run). */
function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

/** A large workbook written as Excel writes one (shared strings) or as Juli's exports do (inline strings). */
async function largeChineseWorkbook(rows: number, sharedStrings: boolean): Promise<{ data: Buffer; expected: string[][] }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: sharedStrings, useStyles: false });
  const sheet = book.addWorksheet('数据');
  const random = seeded(2026);
  const expected: string[][] = [];
  sheet.addRow(['项目名称', '建设内容', '业主名称', '编号']).commit();
  for (let i = 0; i < rows; i++) {
    const values = [`${randomText(random, 12)}项目${i}`, randomText(random, 30), `衡阳${randomText(random, 8)}有限公司`];
    expected.push(values);
    sheet.addRow([...values, i]).commit();
  }
  sheet.commit();
  await book.commit();
  return { data: Buffer.concat(chunks), expected };
}

describe('reading a workbook', () => {
  it('reads the first sheet as exceljs reads the whole file (values, rich text, formulas, dates, blanks)', async () => {
    const data = await sample();
    const rows = await collect(readRows(data));
    expect(rows).toEqual(await referenceRows(data));
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3, 5, 6, 7]);
    expect(rows[2]?.cells.slice(2, 4)).toEqual([201, '基础施工']);
    expect(rows[3]?.cells.slice(2, 4)).toEqual([null, '设备安装']);
    expect(rows[4]?.cells).toEqual(['A&B <公司> "引号" \'单\'', true, 'A&Bx', '第一行\n第二行', '#N/A']);
    expect(rows[5]?.cells[5]).toEqual(new Date(Date.UTC(2022, 2, 1)));
    expect(rows[5]?.cells[6]).toBe(44621);
    expect(rows[5]?.cells[27]).toBe('远处的格子 𠮷');
  });

  it('reads every Chinese string of a large shared-strings workbook exactly (no character cut at a chunk boundary)', async () => {
    const { data, expected } = await largeChineseWorkbook(40_000, true);
    expect(data.length).toBeGreaterThan(2 * 1024 * 1024); // large enough to be read in many pieces
    const rows = await collect(readRows(data));
    expect(rows).toHaveLength(expected.length + 1);
    const wrong = rows.slice(1).filter((r, i) => r.cells.slice(0, 3).join('\u0000') !== expected[i]!.join('\u0000'));
    expect(wrong.slice(0, 3)).toEqual([]);
    expect(rows.at(-1)).toEqual({ row: expected.length + 1, cells: [...expected.at(-1)!, expected.length - 1] });
  }, 30_000);

  it('reads inline strings (as Juli exports them) exactly too', async () => {
    const { data, expected } = await largeChineseWorkbook(3_000, false);
    const rows = await collect(readRows(data));
    expect(rows.slice(1).map((r) => r.cells.slice(0, 3))).toEqual(expected);
  });

  it('refuses what is not a workbook, text that is not UTF-8, and a zip that unpacks to more than it says', async () => {
    const key = async (data: Buffer) => {
      try {
        await collect(readRows(data));
        return 'read';
      } catch (error) {
        return error instanceof WorkbookError ? error.key : String(error);
      }
    };
    expect(await key(Buffer.from('PK\u0003\u0004 not really a zip'))).toBe('sheet.notXlsx');
    expect(await key(Buffer.alloc(1024 * 1024, 65))).toBe('sheet.notXlsx');

    const good = await JSZip.loadAsync(await sample());
    const file = async (name: string, content: Buffer) => {
      const copy = await JSZip.loadAsync(await good.generateAsync({ type: 'nodebuffer' }));
      copy.file(name, content);
      return await copy.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    };
    const strings = await good.file('xl/sharedStrings.xml')!.async('nodebuffer');
    const at = strings.indexOf(Buffer.from('主体'));
    const latin1 = Buffer.from(strings);
    latin1[at] = 0xc4; // a GBK-era byte where UTF-8 is expected
    latin1[at + 1] = 0x41;
    expect(await key(await file('xl/sharedStrings.xml', latin1))).toBe('sheet.badText');

    const sheetXml = await good.file('xl/worksheets/sheet1.xml')!.async('nodebuffer');
    const liar = zip(
      await Promise.all(
        Object.values(good.files)
          .filter((f) => !f.dir)
          .map(async (f) => {
            const data = await f.async('nodebuffer');
            return { name: f.name, data, deflate: true, ...(f.name === 'xl/worksheets/sheet1.xml' ? { claimedSize: 100 } : {}) };
          }),
      ),
    );
    expect(sheetXml.length).toBeGreaterThan(100);
    expect(await key(liar)).toBe('sheet.unsafe');
  });

  it('reads what other writers produce: a namespace prefix, no cell addresses, single quotes, phonetics, 1904 dates, parts in any order', async () => {
    const x = (text: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${text}`);
    const ns = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
    const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const data = zip([
      // The sheet comes before the shared strings it uses, and the second sheet in the zip is the first in the workbook.
      {
        name: 'xl/worksheets/sheet2.xml',
        data: x(`<x:worksheet ${ns}><x:sheetData>
        <x:row r='1'><x:c t='s'><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c><x:c r="D1" t="inlineStr"><x:is><x:r><x:t>富</x:t></x:r><x:r><x:t xml:space="preserve">文本 </x:t></x:r></x:is></x:c></x:row>
        <x:row><x:c s="1"><x:v>0</x:v></x:c><x:c t="b"><x:v>0</x:v></x:c><x:c t="str"><x:f>A1</x:f><x:v>a&amp;b</x:v></x:c><x:c t="d"><x:v>2022-03-01T00:00:00</x:v></x:c></x:row>
        <x:row r="5" spans="1:2"><x:c r="B5" s="0"/><x:c r="C5"><x:f>1/0</x:f></x:c></x:row>
        <x:row r="6"><x:c r="B6"><x:v>1.5E3</x:v></x:c></x:row>
        <x:row r="7"><x:c t="inlineStr"><x:v>写在 v 里</x:v></x:c><x:c><x:v></x:v></x:c></x:row>
      </x:sheetData><x:rowBreaks count="1"><x:brk id="3"/></x:rowBreaks></x:worksheet>`),
        deflate: true,
      },
      {
        name: 'xl/worksheets/sheet1.xml',
        data: x(
          `<x:worksheet ${ns}><x:sheetData><x:row r="1"><x:c t="inlineStr"><x:is><x:t>第二个工作表</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>`,
        ),
      },
      {
        name: 'xl/sharedStrings.xml',
        data: x(
          `<x:sst ${ns} count="2" uniqueCount="2"><x:si><x:t>项目&#x540D;&#31216;_x000D_</x:t><x:rPh sb="0" eb="2"><x:t>こうもく</x:t></x:rPh></x:si><x:si><x:r><x:rPr><x:b/></x:rPr><x:t>衡</x:t></x:r><x:r><x:t>阳 &lt;市&gt;</x:t></x:r></x:si></x:sst>`,
        ),
        deflate: true,
      },
      {
        name: 'xl/styles.xml',
        data: x(
          `<x:styleSheet ${ns}><x:numFmts count="1"><x:numFmt numFmtId="200" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></x:numFmts><x:cellXfs count="2"><x:xf numFmtId="0"/><x:xf numFmtId="200" applyNumberFormat="1"><x:alignment/></x:xf></x:cellXfs></x:styleSheet>`,
        ),
      },
      {
        name: 'xl/workbook.xml',
        data: x(
          `<x:workbook ${ns} xmlns:r="${rel}"><x:workbookPr date1904="1"/><x:sheets><x:sheet name="数据" sheetId="2" r:id="rId9"/><x:sheet name="说明" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>`,
        ),
      },
      {
        name: 'xl/_rels/workbook.xml.rels',
        data: x(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
        <Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/>
        <Relationship Id="rId9" Type="${rel}/worksheet" Target="/xl/worksheets/sheet2.xml"/>
        <Relationship Id="rId3" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/>
        <Relationship Id="rId4" Type="${rel}/styles" Target="styles.xml"/></Relationships>`),
      },
      { name: '[Content_Types].xml', data: x('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') },
    ]);
    expect(await collect(readRows(data))).toEqual([
      { row: 1, cells: ['项目名称', '衡阳 <市>', null, '富文本'] },
      { row: 2, cells: [new Date(Date.UTC(1904, 0, 1)), false, 'a&b', new Date(Date.UTC(2022, 2, 1))] },
      { row: 6, cells: [null, 1500] },
      { row: 7, cells: ['写在 v 里'] },
    ]);
  });

  it('stops past the row limit', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('数据');
    sheet.getCell('A1').value = '项目名称';
    sheet.getCell('A100002').value = 'too far';
    await expect(collect(readRows(Buffer.from(await book.xlsx.writeBuffer())))).rejects.toBeInstanceOf(TooManyRows);
  });
});
