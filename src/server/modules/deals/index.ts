/** Deals (招商项目备案): filing, stages, double counting, duplicates, 三量 check and the funnel. */
export { linkedDealsOfProject, createDealInTx, updateDealInTx, transitionDeal, existingDeals, dealKey, dealsForExport } from './service.js';
export { duplicateKey } from './domain/counting.js';
export { dealRoutes } from './routes.js';
