/** Boards (规模榜单·月排名·通报): the four year-to-date leaderboards, monthly publication as a frozen snapshot with correction notes, the Word briefing. */
export { boardRoutes } from './routes.js';
export { computeFigures, type FrozenHonour, getBoards, rankedUnits } from './service.js';
