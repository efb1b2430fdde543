/**
 * The site's own front: the home page, which shows every feature's card, the health check for
 * operators and load balancers, and the one stylesheet of every page.
 */
import express from 'express';
import { Representation, sendRepresentation } from '../../http/representation.js';
import { STYLESHEET, STYLESHEET_PATH } from '../../web/stylesheet.js';
import type { Feature, FeatureContext } from '../feature.js';
import { homePage } from './home.js';

export function site(context: FeatureContext): Feature {
  const { state } = context;
  const routes = express.Router();
  routes.get('/', homePage(state, context.contributions));

  // Its path changes with its content, so it may be kept for good.
  const stylesheet = new Representation(STYLESHEET, 'text/css; charset=utf-8', { cacheControl: 'public, max-age=31536000, immutable' });
  routes.get(STYLESHEET_PATH, (req, res) => sendRepresentation(req, res, stylesheet));

  routes.get('/health', (_req, res) => {
    const status = state.status;
    res.set('Cache-Control', 'no-store');
    if (status.phase === 'ready') {
      res.json({ status: 'ready', triples: status.triples, since: status.readyAt.toISOString(), engine: status.build.engine });
    } else if (status.phase === 'loading') {
      res.status(503).set('Retry-After', '5').json({ status: 'loading', progress: status.progress ?? null });
    } else {
      res.status(503).json({ status: 'failed', reason: status.reason });
    }
  });
  return {
    name: 'site',
    routes,
    cards: [{ path: '/health', text: (t) => t.cards.health }],
  };
}
