/**
 * Problem lists (清单管理制: 问题·措施·责任), time-limited supervision (限时督办) and enterprise
 * appeals (企业诉求) on one engine: workflow, deadlines in working days (China's holidays and
 * 调休), the escalation ladder with supervision notices, metrics, the scheduled jobs.
 */
export { problemRoutes } from './routes.js';
export { raiseProblemInTx, itemLink, problemSummaryUnder, type UnitProblemSummary, type RaiseOptions } from './service.js';
export { itemBriefs, overdueItems } from './repo.js';
export { problemSettings, workCalendar } from './settings.js';
export { escalateOverdue, remindDeadlines, sendDigests, scheduledJobs } from './jobs.js';
export { WorkCalendar } from './domain/workdays.js';
export { isOpen } from './domain/workflow.js';

/**
 * Overdue open items (problems and appeals) per project as of a date (ISO): open and past
 * their deadline. The monitoring module turns these projects' lights red.
 *
 * `overdueProblemsByProject(db, cityCode, asOf): Promise<Map<projectId, count>>`
 */
export { overdueProblemsByProject } from './jobs.js';
