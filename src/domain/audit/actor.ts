/**
 * Who did something, as the audit trail records it (Part 11 §11.10(e), MHRA "who"): the unique
 * account id, the role the action was authorised under and the printed name at that moment.
 */
export interface Actor {
  readonly id: string;
  /** The role that authorised the action; null for system work (migrations, the demo loader). */
  readonly role: string | null;
  readonly name: string;
}

/** The actor for work the server does on its own behalf, e.g. `system:demo-seed`. */
export function systemActor(job: string, name = `pv-lineage ${job}`): Actor {
  return { id: `system:${job}`, role: null, name };
}
