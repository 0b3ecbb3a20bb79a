/** Projects (项目库): the registry of major projects with milestones, annual plans, task force and history. */
export {
  createProjectInTx,
  updateProjectInTx,
  getProjectRef,
  NoChange,
  toSummary,
  projectsForExport,
  projectsReportingIn,
  projectFacts,
  projectIdsUnder,
  startDatesUnder,
  type ProjectSource,
} from './service.js';
export { projectStage, checkProjectData } from './domain/rules.js';
export { projectRoutes } from './routes.js';
export { reportingProjectLateral } from './repo.js';
export { existingProjects, importProjects, type ProjectImportRecord, type ExistingProject, type ImportOutcome } from './bulk.js';
