import express, { type ErrorRequestHandler, type RequestHandler } from 'express';

const reject = (status: number, code: string, message: string) => ({ status, body: { errors: [{ message, extensions: { code } }] } });

/** JSON bodies only, up to `maxBytes`; a JSON array is a batch and may hold at most `maxBatch` operations. */
export function jsonBody(maxBytes: number, maxBatch: number): RequestHandler[] {
  const parse = express.json({ limit: maxBytes, strict: true });
  const batch: RequestHandler = (req, res, next) => {
    if (Array.isArray(req.body)) {
      if (maxBatch <= 1) {
        const r = reject(400, 'BAD_REQUEST', 'Batched requests are disabled: send one operation per request');
        res.status(r.status).json(r.body);
        return;
      }
      if (req.body.length > maxBatch || req.body.length === 0) {
        const r = reject(400, 'BAD_REQUEST', `A batch holds 1-${maxBatch} operations; this one has ${req.body.length}`);
        res.status(r.status).json(r.body);
        return;
      }
    }
    next();
  };
  return [parse, batch];
}

/** Body-parser failures become coded 4xx answers instead of Express's HTML error page. */
export const bodyErrors: ErrorRequestHandler = (err, _req, res, next) => {
  const e = err as { type?: string; status?: number };
  const r =
    e.type === 'entity.too.large'
      ? reject(413, 'PAYLOAD_TOO_LARGE', 'The request body is larger than the configured limit (PVL_MAX_BODY_BYTES)')
      : e.type === 'entity.parse.failed'
        ? reject(400, 'BAD_REQUEST', 'The request body is not valid JSON')
        : e.status && e.status >= 400 && e.status < 500
          ? reject(e.status, 'BAD_REQUEST', 'The request could not be read')
          : null;
  if (!r) return next(err);
  res.status(r.status).json(r.body);
};
