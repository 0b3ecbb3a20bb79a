/** Commitments (承诺兑现制): letters per unit and year, items measured from the platform's data, the year-end account. */
export { commitmentRoutes } from './routes.js';
export { lettersOfYear } from './service.js';
