/**
 * The route table: one list per module. Market and compliance routes plug in here as further
 * modules; their commands join `COMMAND_SPECS` (commands.ts).
 */
import type { AnyRoute } from '../route.js';
import { accountingRoutes } from './accounting.js';
import { authRoutes } from './auth.js';
import { boundaryRoutes } from './boundaries.js';
import { registryCommandRoutes } from './commands.js';
import { demoRoutes } from './demo.js';
import { planningRoutes } from './planning.js';
import { registryRoutes } from './registry.js';

export const ROUTE_MODULES: readonly (readonly AnyRoute[])[] = [accountingRoutes, demoRoutes, planningRoutes, boundaryRoutes, authRoutes, registryCommandRoutes, registryRoutes];

export const ROUTES: readonly AnyRoute[] = ROUTE_MODULES.flat();
