import { AuditEntryType } from './audit';
import { Connection } from './connectionFactory';

export const AuditEntryConnection = Connection(AuditEntryType, 'AuditEntry', 'audit entry');
