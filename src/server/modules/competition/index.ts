/** Competition for excellence (争先创优, 赛马): a year's indicator system, entered values and adjustments, units scored and ranked per quarter and year. */
export { competitionRoutes } from './routes.js';
export { unitStanding } from './service.js';
