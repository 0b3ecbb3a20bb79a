import { PassThrough } from 'node:stream';
import type ExcelJS from 'exceljs';
import { loadExcel } from '../../lib/exceljs.js';
import type { Locale } from '../../../contracts/index.js';
import { translate } from '../../../contracts/index.js';
import type { Cell } from './domain/cells.js';
import type { CellProblem, ColumnSpec, ListSource } from './domain/specs.js';
import { type SheetRow, readFirstSheet } from './xlsx-reader.js';

/** Rows a template offers for data entry (drop-downs reach this far). */
const TEMPLATE_ROWS = 5000;
/** Rows an import may hold; more is refused before anything is written. */
export const MAX_IMPORT_ROWS = 100_000;

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const SHEET_NAMES = {
  data: { 'zh-CN': '数据', 'en-US': 'Data' },
  lists: { 'zh-CN': '选项', 'en-US': 'Lists' },
  help: { 'zh-CN': '填写说明', 'en-US': 'Instructions' },
} as const;

function columnLetter(n: number): string {
  let letters = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) letters = String.fromCharCode(65 + ((i - 1) % 26)) + letters;
  return letters;
}

/**
 * An import template: the data sheet with the headers (required ones starred and shaded),
 * a drop-down on every coded column fed from a hidden list sheet, and an instructions sheet.
 */
export async function buildTemplate(
  specs: readonly ColumnSpec[],
  lists: Partial<Record<ListSource, string[]>>,
  locale: Locale,
  instructions: string[],
  prefilled: readonly Cell[][] = [],
): Promise<Buffer> {
  const workbook = new (await loadExcel()).Workbook();
  workbook.creator = 'Juli';
  const data = workbook.addWorksheet(SHEET_NAMES.data[locale], { views: [{ state: 'frozen', ySplit: 1 }] });
  const listSheet = workbook.addWorksheet(SHEET_NAMES.lists[locale], { state: 'hidden' });
  const help = workbook.addWorksheet(SHEET_NAMES.help[locale]);

  data.columns = specs.map((s) => ({ header: s.required ? `${s.header[locale]}*` : s.header[locale], key: s.key, width: s.width ?? 14 }));
  const header = data.getRow(1);
  header.font = { bold: true };
  specs.forEach((s, i) => {
    const shade = s.required || s.shade === 'input' ? 'FFFFF2CC' : s.shade === 'info' ? 'FFD9D9D9' : null;
    if (shade) header.getCell(i + 1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: shade } };
  });
  // A prefilled template (a month's projects): the rows to complete.
  for (const row of prefilled) data.addRow(row);

  let listColumn = 0;
  const listRanges = new Map<ListSource, string>();
  for (const [source, values] of Object.entries(lists) as [ListSource, string[]][]) {
    if (!values.length) continue;
    listColumn++;
    const letter = columnLetter(listColumn);
    listSheet.getCell(`${letter}1`).value = source;
    values.forEach((v, i) => {
      listSheet.getCell(`${letter}${i + 2}`).value = v;
    });
    listRanges.set(source, `'${SHEET_NAMES.lists[locale]}'!$${letter}$2:$${letter}$${values.length + 1}`);
  }
  specs.forEach((s, i) => {
    const range = s.list ? listRanges.get(s.list) : undefined;
    if (!range) return;
    const letter = columnLetter(i + 1);
    // exceljs writes range validations but its types only know per-cell ones.
    (data as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(
      `${letter}2:${letter}${TEMPLATE_ROWS + 1}`,
      {
        type: 'list',
        allowBlank: !s.required,
        formulae: [range],
        showErrorMessage: true,
        errorStyle: 'warning',
        errorTitle: s.header[locale],
        error: translate(locale, 'validation.invalidValue'),
      },
    );
  });
  help.getColumn(1).width = 110;
  instructions.forEach((line, i) => {
    help.getCell(`A${i + 1}`).value = line;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export type { SheetRow } from './xlsx-reader.js';

/**
 * The first worksheet's rows (the data sheet), normalised; rows without any value are left
 * out. Read by Juli's own reader (`xlsx-reader.ts`, decision 0016): it decodes text exactly and
 * keeps memory flat whatever the size. Stops with TooManyRows past MAX_IMPORT_ROWS, with a
 * WorkbookError when the file is not a workbook it can read.
 */
export async function* readRows(data: Buffer): AsyncGenerator<SheetRow> {
  for await (const row of readFirstSheet(data)) {
    if (row.row > MAX_IMPORT_ROWS + 1) throw new TooManyRows();
    yield row;
  }
}

export class TooManyRows extends Error {
  constructor() {
    super(`more than ${MAX_IMPORT_ROWS} rows`);
  }
}

/**
 * The uploaded workbook with every problem marked: bad cells filled red with a note, and
 * a last column "错误 / Errors" listing the row's problems.
 */
export async function annotateWorkbook(original: Buffer, problems: readonly CellProblem[], locale: Locale): Promise<Buffer> {
  const workbook = new (await loadExcel()).Workbook();
  await workbook.xlsx.load(original as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return original;
  const errorColumn = Math.max(sheet.actualColumnCount, 1) + 1;
  sheet.getCell(1, errorColumn).value = locale === 'zh-CN' ? '错误' : 'Errors';
  sheet.getCell(1, errorColumn).font = { bold: true, color: { argb: 'FFC00000' } };
  sheet.getColumn(errorColumn).width = 60;
  const byRow = new Map<number, string[]>();
  for (const p of problems) {
    const message = `${p.cell} ${p.header}: ${translate(locale, p.key, p.params)}`;
    byRow.set(p.row, [...(byRow.get(p.row) ?? []), message]);
    if (p.column > 0) {
      const cell = sheet.getCell(p.row, p.column);
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
      cell.note = translate(locale, p.key, p.params);
    }
  }
  for (const [row, messages] of byRow) {
    const cell = sheet.getCell(row, errorColumn);
    cell.value = messages.join('；');
    cell.font = { color: { argb: 'FFC00000' } };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A column of an export: its header in both languages and its width. */
export function exportColumn(zh: string, en: string, width = 14): { header: Record<Locale, string>; width: number } {
  return { header: { 'zh-CN': zh, 'en-US': en }, width };
}

/**
 * Write rows to an .xlsx as they come (streaming writer): a filtered list of any size
 * leaves the server without being held in memory as a workbook.
 */
export function exportWorkbook(
  specs: readonly { header: Record<Locale, string>; width?: number }[],
  rows: AsyncIterable<unknown[]>,
  locale: Locale,
  sheetName: string,
): PassThrough {
  const out = new PassThrough();
  (async () => {
    const ExcelJS = await loadExcel();
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = specs.map((s) => ({ header: s.header[locale], width: s.width ?? 14 }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    for await (const values of rows) sheet.addRow(values).commit();
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => out.destroy(error as Error));
  return out;
}

/** A CSV's rows as a one-sheet workbook, so a CSV upload goes through the same reader, checks and annotation. */
export async function rowsToXlsx(rows: readonly string[][]): Promise<Buffer> {
  const workbook = new (await loadExcel()).Workbook();
  const sheet = workbook.addWorksheet('CSV');
  for (const row of rows) sheet.addRow(row.map((v) => (v.trim() === '' ? null : v)));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
