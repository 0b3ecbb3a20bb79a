/** Projects (项目库): the registry of major projects with milestones, annual plans, task force and history. */
export { createProjectInTx, updateProjectInTx, getProjectRef, NoChange, toSummary, type ProjectSource } from './service.js';
export { projectStage } from './domain/rules.js';
export { projectRoutes } from './routes.js';
