import ExcelJS from 'exceljs';
import type { Agent } from './app.js';

/** A multipart/form-data body with one file field, as a browser sends it. */
export function multipart(filename: string, data: Buffer, field = 'file'): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----juli${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, data, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A workbook whose first sheet has these headers and rows. */
export async function workbook(headers: string[], rows: unknown[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('数据');
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The first sheet of a workbook as arrays of cell values (1-based columns become 0-based). */
export async function sheetRows(data: Buffer, sheetIndex = 0): Promise<unknown[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(data as unknown as ArrayBuffer);
  const sheet = book.worksheets[sheetIndex]!;
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

export async function upload(agent: Agent, kind: 'projects' | 'deals', data: Buffer, filename = 'import.xlsx') {
  const { payload, headers } = multipart(filename, data);
  return await agent.request({ method: 'POST', url: `/api/v1/${kind}/imports`, payload, headers });
}

/** Poll an import until it is no longer running, as the page does. */
export async function finishedJob(agent: Agent, kind: 'projects' | 'deals', id: number) {
  for (let i = 0; i < 600; i++) {
    const job = (await agent.get(`/api/v1/${kind}/imports/${id}`)).json();
    if (job.status !== 'running') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`import ${id} did not finish`);
}
