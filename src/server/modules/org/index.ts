/** Organisation (组织): tenant cities, the unit tree, enterprises by credit code. */
export {
  ensureCity,
  getCityRoot,
  getUnitRef,
  getEnterpriseRef,
  importUnit,
  importEnterprise,
  importEnterprises,
  ensureEnterprise,
  childUnits,
  unitsOfCity,
  enterprisesByUscc,
  getCityNames,
  hasAnyCity,
  type UnitRef,
} from './service.js';
export { anyCityCode } from './repo.js';
export { orgRoutes } from './routes.js';
