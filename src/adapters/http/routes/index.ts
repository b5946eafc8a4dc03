/**
 * The route table: one list per module; commands join `COMMAND_SPECS` (commands.ts).
 */
import type { AnyRoute } from '../route.js';
import { accountingRoutes } from './accounting.js';
import { authRoutes } from './auth.js';
import { boundaryRoutes } from './boundaries.js';
import { complianceRoutes } from './compliance.js';
import { registryCommandRoutes } from './commands.js';
import { demoRoutes } from './demo.js';
import { marketRoutes } from './market.js';
import { ownMarketRoutes } from './market-own.js';
import { planningRoutes } from './planning.js';
import { registryRoutes } from './registry.js';

export const ROUTE_MODULES: readonly (readonly AnyRoute[])[] = [accountingRoutes, demoRoutes, planningRoutes, boundaryRoutes, authRoutes, registryCommandRoutes, registryRoutes, marketRoutes, ownMarketRoutes, complianceRoutes];

export const ROUTES: readonly AnyRoute[] = ROUTE_MODULES.flat();
