/** Industrial enterprise evaluation (工业企业高质量发展评价, 亩均论英雄): register, department data, methods, runs, objections, the city's views. */
export { evaluationRoutes } from './routes.js';
export { importValuesInTx, sourceUnitOf, countyOfPath, createMethod, createRun, putRegister, type ImportedValues } from './service.js';
export { evaluate, type EnterpriseInput, type EvaluationOutcome } from './domain/evaluate.js';
export { METHOD_PRESETS, presetByKey } from './domain/presets.js';
