import fs from 'node:fs';
import { Agent } from 'undici';
import type { MlflowTrackingAccess } from '../../domain/mlflowTrackingAccess';

export type { MlflowTrackingAccess };

export const NO_ACCESS: MlflowTrackingAccess = { username: null, password: null, token: null, insecureTls: false, serverCertPath: null };

/** The Authorization header, or none. Its value must never reach a message, log line or the graph. */
export function authorization(access: MlflowTrackingAccess): string | null {
  if (access.username && access.password) return `Basic ${Buffer.from(`${access.username}:${access.password}`).toString('base64')}`;
  if (access.token) return `Bearer ${access.token}`;
  return null;
}

/** A dispatcher with the TLS settings, or undefined for the default (verified against Node's CAs). */
export function tlsDispatcher(access: MlflowTrackingAccess): Agent | undefined {
  if (access.insecureTls) return new Agent({ connect: { rejectUnauthorized: false } });
  if (access.serverCertPath) return new Agent({ connect: { ca: fs.readFileSync(access.serverCertPath, 'utf8') } });
  return undefined;
}
