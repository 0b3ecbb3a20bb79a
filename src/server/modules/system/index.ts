/** System (系统): health, metrics, public meta for the sign-in page, system information for the system admin. */
export { systemRoutes } from './routes.js';
export { registerMetrics } from './metrics.js';
