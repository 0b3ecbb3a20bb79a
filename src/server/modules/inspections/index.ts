/** Enterprise code protection (企业赋码保护, 扫码入企): codes, inspections registered by scanning, ratings, supervision cases, figures per department. */
export { inspectionRoutes } from './routes.js';
