import { elapsedDays } from './elapsedDays';

describe('elapsedDays', () => {
  const now = new Date('2024-05-10T12:00:00.000Z');

  it('counts whole days since the moment given', () => {
    expect(elapsedDays('2024-05-10T11:59:00.000Z', now)).toBe(0);
    expect(elapsedDays('2024-05-09T12:00:00.000Z', now)).toBe(1);
    expect(elapsedDays('2024-04-10T12:00:01.000Z', now)).toBe(29);
  });

  it('is null when the time is unknown or unreadable, and never negative for a clock a little ahead', () => {
    expect(elapsedDays(null, now)).toBeNull();
    expect(elapsedDays('yesterday', now)).toBeNull();
    expect(elapsedDays('2024-05-10T12:00:05.000Z', now)).toBe(0);
  });
});
