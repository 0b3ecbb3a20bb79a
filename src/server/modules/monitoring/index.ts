/** Monitoring (红黄绿灯·预测·预警): lights per project, unit and city, the year-end forecast, early warnings, the cockpit. */
export { monitoringRoutes } from './routes.js';
export { cityUnitFigures, honourListsOfMonth } from './service.js';
export type { UnitStanding } from './pack.js';
