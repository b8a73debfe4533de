import { toPageRequest, type Page, type PageArgs } from '../../domain/pagination';
import { BadInputError } from '../../domain/errors';
import type { AuditRepository, StoredAuditEvent } from '../../graph/repositories/auditRepository';
import { type FieldChange, fieldChanges } from '../../domain/audit/fieldChanges';

/** One audit event, readable by a person: who, what, when, why, old → new. */
export interface AuditEntry extends StoredAuditEvent {
  readonly changes: FieldChange[];
  readonly summary: string;
}

export interface TrailFilter {
  readonly entityId: string | null;
  readonly actorId: string | null;
  readonly action: string | null;
  readonly from: string | null;
  readonly to: string | null;
}

export function summarise(e: StoredAuditEvent): string {
  const who = `${e.actorName} (${e.actorId}${e.actorRole ? `, ${e.actorRole}` : ''})`;
  const what = `${e.action} ${e.entityType} ${e.entityId}${e.entityVersion ? ` v${e.entityVersion}` : ''}`;
  return `${e.at} ${who}: ${what}${e.reason ? ` — ${e.reason}` : ''}`;
}

const isoOrFail = (v: string | null, argument: string): string | null => {
  if (v === null) return null;
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw new BadInputError(argument, `${argument} is not a date-time: "${v}"`);
  return new Date(t).toISOString();
};

/** The audit trail, newest first. Readers without full rights see record changes, not security events. */
export class TrailService {
  constructor(
    private readonly repo: AuditRepository,
    private readonly maxPageSize: number,
  ) {}

  async trail(filter: TrailFilter, page: PageArgs, includeSecurity: boolean): Promise<Page<AuditEntry>> {
    if (filter.entityId !== null) parseEntityId(filter.entityId);
    const request = toPageRequest(page, this.maxPageSize);
    const from = isoOrFail(filter.from, 'from');
    const to = isoOrFail(filter.to, 'to');
    if (from && to && from > to) throw new BadInputError('from', `from (${from}) is after to (${to})`);
    const { total, items } = await this.repo.trail(
      {
        entityIds: filter.entityId === null ? null : [filter.entityId],
        actorId: filter.actorId,
        action: filter.action,
        categories: includeSecurity ? null : ['CHANGE'],
        from,
        to,
      },
      { offset: request.offset, limit: request.limit },
    );
    return {
      items: items.map((e) => ({ ...e, changes: fieldChanges(e.oldValue, e.newValue), summary: summarise(e) })),
      totalCount: total,
      offset: request.offset,
    };
  }
}

/** Entity ids are typed node ids or ids outside the lineage graph (accounts, ingestions), so only the length is checked. */
function parseEntityId(id: string): void {
  if (id.length === 0 || id.length > 2048) throw new BadInputError('entityId', 'entityId must be 1 to 2048 characters');
}
