import { LineageNodeType } from '../domain/lineage';
import { nameOf } from '../domain/nodeType';

export interface TypeStyle {
  /** What the legend and the screen-reader labels call the type. */
  readonly label: string;
  /** A cytoscape node shape. */
  readonly shape: string;
  readonly colour: string;
}

/** The label is the type's name in domain/nodeType.ts, so the page names types as the API's messages do. */
const look = (type: LineageNodeType, shape: string, colour: string): TypeStyle => ({ label: nameOf(type), shape, colour });

/**
 * One shape and one colour per node type. Shapes carry the meaning on their own, so the graph
 * still reads for colour-blind users. Every fill has at least 3:1 contrast against the white
 * canvas (WCAG 2.2, 1.4.11 non-text contrast; nodeStyles.test.ts computes it): the hues are the
 * Okabe–Ito palette's, darkened where the originals (yellow, sky blue, orange) fall short.
 */
export const TYPE_STYLES: Readonly<Record<LineageNodeType, TypeStyle>> = {
  [LineageNodeType.TRACKING_STORE]: look(LineageNodeType.TRACKING_STORE, 'tag', '#767676'),
  [LineageNodeType.EXPERIMENT]: look(LineageNodeType.EXPERIMENT, 'round-rectangle', '#6A5ACD'),
  [LineageNodeType.JOB]: look(LineageNodeType.JOB, 'octagon', '#555555'),
  [LineageNodeType.DATASET]: look(LineageNodeType.DATASET, 'rhomboid', '#0072B2'),
  [LineageNodeType.DATASET_FIELD]: look(LineageNodeType.DATASET_FIELD, 'round-tag', '#5E8FB3'),
  [LineageNodeType.RUN]: look(LineageNodeType.RUN, 'ellipse', '#B05F00'),
  [LineageNodeType.LOGGED_MODEL]: look(LineageNodeType.LOGGED_MODEL, 'pentagon', '#B4457F'),
  [LineageNodeType.REGISTERED_MODEL]: look(LineageNodeType.REGISTERED_MODEL, 'hexagon', '#857000'),
  [LineageNodeType.MODEL_VERSION]: look(LineageNodeType.MODEL_VERSION, 'diamond', '#C0392B'),
  [LineageNodeType.SIGNAL]: look(LineageNodeType.SIGNAL, 'triangle', '#000000'),
  [LineageNodeType.REPORT]: look(LineageNodeType.REPORT, 'rectangle', '#00805D'),
};

/** Types in legend and filter order: roughly the order data flows through them. */
export const TYPE_ORDER: readonly LineageNodeType[] = Object.keys(TYPE_STYLES) as LineageNodeType[];

/** Types a lineage walk can be filtered by: fields are drawn by the "Columns" switch, not by `lineage`. */
export const FILTER_ORDER: readonly LineageNodeType[] = TYPE_ORDER.filter((t) => t !== LineageNodeType.DATASET_FIELD);

/** Style of a type the page does not know yet (the API grew one): drawn, never dropped. */
export const UNKNOWN_STYLE: TypeStyle = { label: 'Other', shape: 'star', colour: '#777777' };

export function styleOf(type: string): TypeStyle {
  return (TYPE_STYLES as Record<string, TypeStyle>)[type] ?? UNKNOWN_STYLE;
}
