import { generateSignerKey } from '../../src/domain/audit/note';
import { AuditKind, type AuditDraft } from '../../src/domain/audit/draft';

export const TEST_AUDIT_ORIGIN = 'pv-lineage.test/audit';

let key: ReturnType<typeof generateSignerKey> | undefined;

/** One signing key per test process: generated, never stored in the database. */
export function testSigningKey(): ReturnType<typeof generateSignerKey> {
  key ??= generateSignerKey(TEST_AUDIT_ORIGIN);
  return key;
}

/** Environment for an app under test that can sign checkpoints. */
export function testAuditEnv(): Record<string, string> {
  return { PVL_AUDIT_ORIGIN: TEST_AUDIT_ORIGIN, PVL_AUDIT_SIGNING_KEY: testSigningKey().signerKey };
}

/** A plausible audited change for tests that need events in the log. */
export function probeDraft(i: number, actorId = 'tester'): AuditDraft {
  return {
    actor: { id: actorId, role: 'SCIENTIST', name: `Tester ${actorId}` },
    kind: AuditKind.UPDATE,
    action: 'PROBE_UPDATED',
    entityType: 'Probe',
    entityId: `probe:${i % 7}`,
    entityVersion: String(i),
    oldValue: { n: i - 1, label: 'before' },
    newValue: { n: i, label: 'after' },
    reason: `probe change ${i}`,
  };
}
