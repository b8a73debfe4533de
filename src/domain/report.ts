export enum ReportKind {
  PSUR = 'PSUR',
  PBRER = 'PBRER',
  DSUR = 'DSUR',
  SIGNAL_ASSESSMENT = 'SIGNAL_ASSESSMENT',
  SIGNAL_DETECTION = 'SIGNAL_DETECTION',
  AD_HOC = 'AD_HOC',
}

export enum ReportStatus {
  DRAFT = 'DRAFT',
  FINAL = 'FINAL',
  SUPERSEDED = 'SUPERSEDED',
  WITHDRAWN = 'WITHDRAWN',
}

export interface Report {
  readonly id: string;
  readonly title: string;
  readonly kind: ReportKind;
  readonly status: ReportStatus;
  /** Reporting period, e.g. `2024Q1`. */
  readonly period: string | null;
  /** SHA-256 of the report file, lower-case hex. */
  readonly contentHash: string;
  readonly uri: string | null;
  readonly createdAt: string;
}
