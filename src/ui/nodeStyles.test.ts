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

  /** WCAG 2.2 relative luminance and contrast ratio. */
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrastWithWhite = (hex: string) => 1.05 / (luminance(hex) + 0.05);

  it('fill every node with at least 3:1 contrast against the white canvas', () => {
    expect(contrastWithWhite('#ffffff')).toBeCloseTo(1);
    expect(contrastWithWhite('#000000')).toBeCloseTo(21);
    const low = [...Object.entries(TYPE_STYLES), ['UNKNOWN', UNKNOWN_STYLE] as const]
      .map(([type, s]) => ({ type, colour: s.colour, ratio: Number(contrastWithWhite(s.colour).toFixed(2)) }))
      .filter((x) => x.ratio < 3);
    expect(low).toEqual([]);
  });

  it('draw a type the page does not know yet instead of dropping it', () => {
    expect(styleOf('SOMETHING_NEW')).toBe(UNKNOWN_STYLE);
    expect(styleOf('RUN')).toBe(TYPE_STYLES.RUN);
  });
});
