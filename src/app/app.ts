/**
 * The express application: every feature's routes, then one not-found answer and one error
 * handler. Errors never carry a stack trace to the client: a client error is explained, a
 * server error is logged and answered "internal error".
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import { negotiateLanguage } from '../http/negotiation.js';
import { sendNotFound } from '../http/not-found.js';
import { requestLog } from '../http/observability.js';
import { sendPlainText, sendStoreUnavailable } from '../http/plain-text.js';
import type { Feature } from '../features/feature.js';
import { isStoreUnavailable } from '../store/store.js';

type HttpError = Error & { status?: number; statusCode?: number; type?: string; limit?: number };

export function createApp(features: readonly Feature[], baseIRI: string): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // Responses that deserve a validator get a strong one from their bytes (Representation).
  app.set('etag', false);
  for (const feature of features) if (feature.routes) app.use(feature.routes);

  app.use((req, res, next) => {
    sendNotFound(req, res, { address: new URL(req.originalUrl.slice(1), baseIRI).href, language: negotiateLanguage(req, req.query.lang) }).catch(next);
  });

  app.use((error: HttpError, req: Request, res: Response, _next: NextFunction) => {
    if (isStoreUnavailable(error)) {
      requestLog(req).warn({ err: error }, 'the store could not answer');
      if (!res.headersSent) sendStoreUnavailable(res);
      return;
    }
    const status = error.status ?? error.statusCode ?? 500;
    const message = error.type === 'entity.too.large'
      ? `The request body is larger than the ${Math.round((error.limit ?? 0) / 1024)} KB this service accepts.`
      : status < 500 ? error.message : 'internal error';
    if (status >= 500) requestLog(req).error({ err: error }, 'internal error');
    if (res.headersSent) return;
    sendPlainText(res, status, message);
  });
  return app;
}
