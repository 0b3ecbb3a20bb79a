/** Open data (开放数据): the project registry published as an OC4IDS 0.9 project package. */
export { opendataRoutes } from './routes.js';
export { exportOc4ids, OC4IDS_EXPORT_MAX_PROJECTS } from './service.js';
