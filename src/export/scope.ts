import type { LineageFile } from './format';

/** What an export covers, and how ids the user types are read: `SDR-2024Q1` means `report:SDR-2024Q1`. */
export type Scope = LineageFile['scope'];

export function scopeLabel(scope: Scope): string {
  if (scope.kind === 'reports') return `reports registered from ${scope.from} to ${scope.to}`;
  return `${scope.kind} ${scope.id}`;
}

/** A typed id as given, or the bare key with the type's prefix added. */
export function typedId(kind: 'report' | 'signal', given: string): string {
  return given.startsWith(`${kind}:`) ? given : `${kind}:${given}`;
}
