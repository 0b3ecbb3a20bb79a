/** Reports (日反馈·月报·争资): monthly reports as versions on a grid (or from Excel, via sheets), photos, returns and month locks, daily feedback, funds won. */
export { reportRoutes } from './routes.js';
export {
  missingReports as missingReportsOf,
  monthlyByProject,
  unitMonthly,
  reportGrid,
  checkReportSubmission,
  saveReports,
  type ReportSubmission,
  type SubmissionProblem,
} from './service.js';
export { recountProjectTotals } from './repo.js';
export { addMonths, monthEnd, monthStart, dueDate } from './domain/months.js';
export { readPhotoMetadata } from './domain/photo-metadata.js';
export { photoFilename, photoTooLarge } from './photos.js';
