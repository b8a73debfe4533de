import { type VersionRow, servingSummary, sortVersions } from './modelVersions';

const v = (version: number, stage: string, aliases: string[] = []): VersionRow => ({
  id: `modelversion:s:m:${version}`, version, stage, aliases, status: 'READY', createdAt: null, runId: null, run: null, reports: [], signals: [],
});

describe('a registered model’s versions', () => {
  it('sorts newest version first, numerically', () => {
    expect(sortVersions([v(2, 'Production'), v(10, 'None'), v(1, 'Archived')]).map((x) => x.version)).toEqual([10, 2, 1]);
  });

  it('says which version each alias and serving stage points at', () => {
    expect(servingSummary([v(1, 'Archived'), v(3, 'Staging', ['challenger']), v(2, 'Production', ['champion', 'blessed'])])).toEqual([
      'blessed → v2', 'challenger → v3', 'champion → v2', 'Staging → v3', 'Production → v2',
    ]);
  });
});
