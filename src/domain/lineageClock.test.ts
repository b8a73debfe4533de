import { NO_CLOCKS, PathEnd, pathAbsenceMessage, rootAbsenceMessage } from './lineageClock';
import { NodeType } from './nodeType';

describe('pathAbsenceMessage', () => {
  const clocks = { asOf: null, validAt: new Date('2024-05-01T00:00:00Z') };
  const report = { type: NodeType.REPORT, id: 'report:SDR-2024Q1', times: { recordedAt: null, validFrom: new Date('2024-05-07T09:00:00Z') } };
  const run = { type: NodeType.RUN, id: 'run:abc:r1', times: { recordedAt: null, validFrom: new Date('2024-06-01T00:00:00Z') } };

  it('names each end that did not exist yet, then says why as lineage says it of a root', () => {
    const why = rootAbsenceMessage(report.type, report.id, clocks, report.times);
    expect(pathAbsenceMessage([{ end: PathEnd.TO, ...report }], clocks)).toBe(`The "to" end did not exist yet: ${why}`);
    expect(pathAbsenceMessage([{ end: PathEnd.FROM, ...run }, { end: PathEnd.TO, ...report }], clocks)).toBe(
      `The "from" end did not exist yet: ${rootAbsenceMessage(run.type, run.id, clocks, run.times)} The "to" end did not exist yet: ${why}`,
    );
  });

  it('is null when every end existed', () => {
    expect(pathAbsenceMessage([], clocks)).toBeNull();
    expect(pathAbsenceMessage([{ end: PathEnd.FROM, ...report }], NO_CLOCKS)).toBeNull();
  });
});
