/** Roles (Part 11 authority checks). A user may hold several; no role implies another. */
export enum Role {
  VIEWER = 'VIEWER',
  SCIENTIST = 'SCIENTIST',
  PIPELINE = 'PIPELINE',
  REVIEWER = 'REVIEWER',
  QA = 'QA',
  ADMIN = 'ADMIN',
}
