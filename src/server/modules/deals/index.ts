/** Deals (招商项目备案): filing, stages, double counting, duplicates, 三量 check and the funnel. */
export { linkedDealsOfProject } from './service.js';
export { dealRoutes } from './routes.js';
