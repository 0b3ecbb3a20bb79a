import type { Paragraph, Table } from 'docx';
import type { Locale } from '../../contracts/index.js';

/** The text width of an A4 page with docx's default 1-inch margins, in twips. */
const TEXT_WIDTH = 11906 - 2 * 1440;

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The pieces of a report written as Word, in the fonts of the reader's language. */
export interface DocWriter {
  /** A body paragraph (仿宋, first line indented). */
  para(text: string): Paragraph;
  /** A body line without the indent (time, chair, attendees). */
  line(text: string): Paragraph;
  /** A section heading (黑体). */
  heading(text: string): Paragraph;
  /** A bold line introducing what follows (a table's caption). */
  caption(text: string): Paragraph;
  /** A right-aligned line closing the document (its date). */
  closing(text: string): Paragraph;
  /** A full-width table with a repeated header row; `widths` are the columns' relative widths (equal without). */
  table(header: readonly string[], rows: readonly (readonly string[])[], widths?: readonly number[]): Table;
}

/**
 * A report as a Word document (the packs, the year-end account, the dispatch minutes and task
 * list, the competition's notice): a centred title (方正小标宋简体 in Chinese), then what `body`
 * writes with the given pieces. docx is loaded on first use, as exceljs is: documents are occasional.
 */
export async function reportDocx(locale: Locale, title: string, body: (w: DocWriter) => (Paragraph | Table)[]): Promise<Buffer> {
  const docx = await import('docx');
  const zh = locale === 'zh-CN';
  const font = zh ? '仿宋' : 'Calibri';
  const cell = (text: string, bold: boolean, width: number | undefined) =>
    new docx.TableCell({
      ...(width === undefined ? {} : { width: { size: width, type: docx.WidthType.DXA } }),
      children: [new docx.Paragraph({ children: [new docx.TextRun({ text, bold, font, size: 21 })] })],
    });
  const writer: DocWriter = {
    para: (text) =>
      new docx.Paragraph({ spacing: { after: 120 }, indent: { firstLine: 480 }, children: [new docx.TextRun({ text, font, size: 28 })] }),
    line: (text) => new docx.Paragraph({ spacing: { after: 120 }, children: [new docx.TextRun({ text, font, size: 28 })] }),
    heading: (text) =>
      new docx.Paragraph({ heading: docx.HeadingLevel.HEADING_2, children: [new docx.TextRun({ text, font: zh ? '黑体' : 'Calibri' })] }),
    caption: (text) => new docx.Paragraph({ spacing: { before: 240 }, children: [new docx.TextRun({ text, bold: true, font, size: 26 })] }),
    closing: (text) =>
      new docx.Paragraph({
        alignment: docx.AlignmentType.RIGHT,
        spacing: { before: 360 },
        children: [new docx.TextRun({ text, font, size: 28 })],
      }),
    table: (header, rows, widths) => {
      const total = widths?.reduce((s, w) => s + w, 0) ?? 0;
      const twips = widths?.map((w) => Math.floor((TEXT_WIDTH * w) / total));
      return new docx.Table({
        width: { size: 100, type: docx.WidthType.PERCENTAGE },
        ...(twips ? { columnWidths: twips } : {}),
        rows: [
          new docx.TableRow({ tableHeader: true, children: header.map((h, i) => cell(h, true, twips?.[i])) }),
          ...rows.map((r) => new docx.TableRow({ children: r.map((c, i) => cell(c, false, twips?.[i])) })),
        ],
      });
    },
  };
  const document = new docx.Document({
    creator: 'Juli 聚力',
    title,
    sections: [
      {
        children: [
          new docx.Paragraph({
            alignment: docx.AlignmentType.CENTER,
            spacing: { after: 240 },
            children: [new docx.TextRun({ text: title, bold: true, font: zh ? '方正小标宋简体' : 'Calibri', size: 36 })],
          }),
          ...body(writer),
        ],
      },
    ],
  });
  return Buffer.from(await docx.Packer.toBuffer(document));
}
