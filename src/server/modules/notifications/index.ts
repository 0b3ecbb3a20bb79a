/**
 * Notifications (通知): the in-app inbox; outbound channels (DingTalk and WeCom group robots,
 * e-mail) fed by an outbox written in the business transaction and delivered afterwards with
 * retries; the in-process scheduler that runs jobs by Juli's clock.
 */
export { notify, recipients, type NotifyInput } from './service.js';
export { deliverOutbox, type DeliveryReport, type JobLog, silentLog } from './outbox.js';
export { runDueJobs, startScheduler, nextRunAfter, type ScheduledJob, type Scheduler } from './scheduler.js';
export { groupChannels, emailChannel, type GroupChannel, type EmailChannel } from './channels.js';
export { notificationRoutes } from './routes.js';
