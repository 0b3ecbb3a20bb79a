import type ExcelJSModule from 'exceljs';

/**
 * exceljs, loaded on first use: imported statically it took ~0.4 s of every start and every
 * CLI command (bench/README.md, "Problems seen", 5), for exports that are occasional.
 */
export async function loadExcel(): Promise<typeof ExcelJSModule> {
  return (await import('exceljs')).default;
}
