import { LineageNodeType } from '../domain/lineage';

export interface TypeStyle {
  /** What the legend and the screen-reader labels call the type. */
  readonly label: string;
  /** A cytoscape node shape. */
  readonly shape: string;
  readonly colour: string;
}

/**
 * One shape and one colour per node type. Shapes carry the meaning on their own, so the graph
 * still reads for colour-blind users; the colours are the Okabe–Ito palette plus two greys.
 */
export const TYPE_STYLES: Readonly<Record<LineageNodeType, TypeStyle>> = {
  [LineageNodeType.TRACKING_STORE]: { label: 'Tracking store', shape: 'tag', colour: '#999999' },
  [LineageNodeType.EXPERIMENT]: { label: 'Experiment', shape: 'round-rectangle', colour: '#56B4E9' },
  [LineageNodeType.JOB]: { label: 'Job', shape: 'octagon', colour: '#555555' },
  [LineageNodeType.DATASET]: { label: 'Dataset', shape: 'rhomboid', colour: '#0072B2' },
  [LineageNodeType.RUN]: { label: 'Run', shape: 'ellipse', colour: '#E69F00' },
  [LineageNodeType.LOGGED_MODEL]: { label: 'Logged model', shape: 'pentagon', colour: '#CC79A7' },
  [LineageNodeType.REGISTERED_MODEL]: { label: 'Registered model', shape: 'hexagon', colour: '#F0E442' },
  [LineageNodeType.MODEL_VERSION]: { label: 'Model version', shape: 'diamond', colour: '#D55E00' },
  [LineageNodeType.SIGNAL]: { label: 'Signal', shape: 'triangle', colour: '#000000' },
  [LineageNodeType.REPORT]: { label: 'Report', shape: 'rectangle', colour: '#009E73' },
};

/** Types in legend and filter order: roughly the order data flows through them. */
export const TYPE_ORDER: readonly LineageNodeType[] = Object.keys(TYPE_STYLES) as LineageNodeType[];

/** Style of a type the page does not know yet (the API grew one): drawn, never dropped. */
export const UNKNOWN_STYLE: TypeStyle = { label: 'Other', shape: 'star', colour: '#777777' };

export function styleOf(type: string): TypeStyle {
  return (TYPE_STYLES as Record<string, TypeStyle>)[type] ?? UNKNOWN_STYLE;
}
