/** Settings (配置): the registry's configurable lists and thresholds, annual attraction targets, GB/T 4754 reference. */
export { registrySettings, settingsOfRow, dealTarget, findDealTargetsOfYear, setDealTarget } from './service.js';
export { industries, industryName, sectionOf } from './industries.js';
export { settingsRoutes } from './routes.js';
