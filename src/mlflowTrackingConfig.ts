import fs from 'node:fs';
import { z } from 'zod';
import type { MlflowTrackingAccess } from './domain/mlflowTrackingAccess';

export type { MlflowTrackingAccess };

const optional = z.string().optional().transform((v) => (v === undefined || v === '' ? null : v));

/**
 * The variables MLflow's own client reads to reach a tracking server, so a team's existing
 * environment works unchanged. Values are secrets: validation messages name the variable only.
 */
export const MLFLOW_TRACKING_ENV = {
  MLFLOW_TRACKING_USERNAME: optional,
  MLFLOW_TRACKING_PASSWORD: optional,
  MLFLOW_TRACKING_TOKEN: optional,
  /** MLflow reads "true"/"false" (any case); "1"/"0" are accepted too. */
  MLFLOW_TRACKING_INSECURE_TLS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const t = (v ?? '').trim().toLowerCase();
      if (t === '' || t === 'false' || t === '0') return false;
      if (t === 'true' || t === '1') return true;
      ctx.addIssue({ code: 'custom', message: 'must be true or false' });
      return z.NEVER;
    }),
  MLFLOW_TRACKING_SERVER_CERT_PATH: optional,
};

type Env = { [K in keyof typeof MLFLOW_TRACKING_ENV]: z.output<(typeof MLFLOW_TRACKING_ENV)[K]> };

/** Throws naming the variable when the combination cannot work (as MLflow's client refuses it too). */
export function mlflowTrackingAccess(e: Env): MlflowTrackingAccess {
  if ((e.MLFLOW_TRACKING_USERNAME === null) !== (e.MLFLOW_TRACKING_PASSWORD === null)) {
    throw new Error('MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD must be set together');
  }
  if (e.MLFLOW_TRACKING_INSECURE_TLS && e.MLFLOW_TRACKING_SERVER_CERT_PATH !== null) {
    throw new Error('MLFLOW_TRACKING_INSECURE_TLS=true and MLFLOW_TRACKING_SERVER_CERT_PATH cannot both be set');
  }
  const cert = e.MLFLOW_TRACKING_SERVER_CERT_PATH;
  if (cert !== null) {
    try {
      fs.accessSync(cert, fs.constants.R_OK);
    } catch {
      throw new Error(`MLFLOW_TRACKING_SERVER_CERT_PATH: ${cert} is not a readable file`);
    }
  }
  return {
    username: e.MLFLOW_TRACKING_USERNAME,
    password: e.MLFLOW_TRACKING_PASSWORD,
    token: e.MLFLOW_TRACKING_TOKEN,
    insecureTls: e.MLFLOW_TRACKING_INSECURE_TLS,
    serverCertPath: cert,
  };
}
