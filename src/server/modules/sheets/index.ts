/** Spreadsheets (Excel): import templates with drop-downs, all-or-nothing background imports with annotated errors, re-importable exports. */
export { sheetRoutes, MAX_UPLOAD_MB } from './routes.js';
export { failInterruptedImports, importsSettled } from './service.js';
export { exportColumn, exportWorkbook, XLSX_TYPE } from './workbook.js';
