/**
 * The route table: one list per module. Registry, market, compliance and account routes plug
 * in here as further modules (`registryRoutes`, …); nothing else changes to mount them.
 */
import type { AnyRoute } from '../route.js';
import { accountingRoutes } from './accounting.js';
import { boundaryRoutes } from './boundaries.js';
import { demoRoutes } from './demo.js';
import { planningRoutes } from './planning.js';

export const ROUTE_MODULES: readonly (readonly AnyRoute[])[] = [accountingRoutes, demoRoutes, planningRoutes, boundaryRoutes];

export const ROUTES: readonly AnyRoute[] = ROUTE_MODULES.flat();
