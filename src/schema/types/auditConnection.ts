import { AuditEntryType } from './audit';
import { Connection } from './connection';

export const AuditEntryConnection = Connection(AuditEntryType, 'AuditEntry', 'audit entry');
