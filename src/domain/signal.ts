export enum SignalStatus {
  DETECTED = 'DETECTED',
  VALIDATED = 'VALIDATED',
  NOT_VALIDATED = 'NOT_VALIDATED',
  PRIORITISED = 'PRIORITISED',
  ASSESSED = 'ASSESSED',
  CLOSED = 'CLOSED',
}

export interface Signal {
  readonly id: string;
  /** Drug name as reported. */
  readonly drug: string;
  /** Drug identifier, e.g. an RxNorm CUI or ATC code. */
  readonly drugCode: string | null;
  /** MedDRA preferred term. */
  readonly eventTerm: string;
  readonly meddraCode: string | null;
  readonly meddraVersion: string | null;
  readonly prr: number | null;
  readonly ror: number | null;
  readonly chiSquare: number | null;
  readonly caseCount: number | null;
  readonly status: SignalStatus;
  readonly detectedAt: string | null;
}
