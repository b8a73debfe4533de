import { LineageNodeType } from '../domain/lineage';
import { styleOf, TYPE_STYLES, UNKNOWN_STYLE } from './nodeStyles';

describe('node styles', () => {
  it('give every lineage node type its own shape and its own colour', () => {
    const types = Object.values(LineageNodeType);
    expect(Object.keys(TYPE_STYLES).sort()).toEqual([...types].sort());
    const styles = types.map((t) => TYPE_STYLES[t]);
    expect(new Set(styles.map((s) => s.shape)).size).toBe(types.length);
    expect(new Set(styles.map((s) => s.colour.toLowerCase())).size).toBe(types.length);
    expect(styles.map((s) => s.shape)).not.toContain(UNKNOWN_STYLE.shape);
  });

  it('draw a type the page does not know yet instead of dropping it', () => {
    expect(styleOf('SOMETHING_NEW')).toBe(UNKNOWN_STYLE);
    expect(styleOf('RUN')).toBe(TYPE_STYLES.RUN);
  });
});
