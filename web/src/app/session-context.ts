import { createContext } from 'react';
import type { SessionInfo } from '../../../src/contracts/index.js';

/** The signed-in session; in its own module so hot reloads of the contracts keep one context object. */
export const SessionContext = createContext<SessionInfo | null>(null);
