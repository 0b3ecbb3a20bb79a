/** On-site observation (现场观摩制): tours, judges' scores, site and unit ranks, the results as .xlsx, a unit's scores for the packs. */
export { observationRoutes } from './routes.js';
export { closedSiteScores, unitObservations } from './service.js';
