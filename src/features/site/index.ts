/**
 * The site's own front: the home page, which shows every feature's card, the health checks and
 * metrics for operators and load balancers, and the one stylesheet of every page.
 */
import express from 'express';
import { Representation, sendRepresentation } from '../../http/representation.js';
import { STYLESHEET, STYLESHEET_PATH } from '../../web/stylesheet.js';
import type { Feature, FeatureContext } from '../feature.js';
import { healthRoutes } from './health.js';
import { homePage } from './home.js';

export function site(context: FeatureContext): Feature {
  const { state } = context;
  const routes = express.Router();
  routes.get('/', homePage(state, context.contributions));

  // Its path changes with its content, so it may be kept for good.
  const stylesheet = new Representation(STYLESHEET, 'text/css; charset=utf-8', { cacheControl: 'public, max-age=31536000, immutable' });
  routes.get(STYLESHEET_PATH, (req, res) => sendRepresentation(req, res, stylesheet));

  healthRoutes(routes, state, context.observability);
  return {
    name: 'site',
    routes,
    cards: [{ path: '/health', text: (t) => t.cards.health }],
  };
}
