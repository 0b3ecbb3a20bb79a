/** Weekly dispatch (周调度): meetings, agenda proposed from red/yellow projects, overdue problems and carry-over, decisions handing out tasks (交办), minutes and task list as Word. */
export { dispatchRoutes } from './routes.js';
