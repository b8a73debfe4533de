import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { LineageNodeType, TruncationReason } from '../../domain/lineage';
import { LineageRelation } from '../../domain/relation';
import './lineageEnums';

@ObjectType('LineageNode', { description: 'One node of a lineage answer, as a graph view draws it.' })
export class LineageNodeObject {
  @Field(() => ID, { description: 'Typed id; pass it to `node(id:)` for the full record.' })
  id!: string;

  @Field(() => LineageNodeType, { description: 'Kind of node.' })
  type!: LineageNodeType;

  @Field({ description: 'A human-readable name: run name, dataset name, report title, `model vN`...' })
  displayName!: string;

  @Field(() => Int, { description: 'Hops from the root along the shortest path; the root is 0.' })
  depth!: number;

  @Field(() => String, { nullable: true, description: 'A short status line: run or report status, model stage, dataset digest.' })
  summary!: string | null;
}

@ObjectType('LineageEdge', { description: 'A relationship between two nodes of the answer, pointing upstream → downstream.' })
export class LineageEdgeType {
  @Field(() => ID, { description: 'Id of the upstream end.' })
  from!: string;

  @Field(() => ID, { description: 'Id of the downstream end.' })
  to!: string;

  @Field(() => LineageRelation, { description: 'Relationship type.' })
  type!: LineageRelation;
}

@ObjectType('NodeTypeCount', { description: 'How many nodes of one type an answer holds.' })
export class NodeTypeCountType {
  @Field(() => LineageNodeType, { description: 'Kind of node.' })
  type!: LineageNodeType;

  @Field(() => Int, { description: 'Number of nodes of that type.' })
  count!: number;
}

@ObjectType('LineageStats', { description: 'Facts about one lineage answer.' })
export class LineageStatsType {
  @Field(() => [NodeTypeCountType], { description: 'Nodes by type (root included), ordered by type.' })
  nodesByType!: NodeTypeCountType[];

  @Field(() => Int, { description: 'The deepest level reached (0 when only the root).' })
  deepestLevel!: number;

  @Field(() => Float, { description: 'Time the server spent answering, in milliseconds.' })
  elapsedMs!: number;
}

@ObjectType('LineageGraph', { description: 'A lineage subgraph around a root, ready to draw: nodes once each, edges between them.' })
export class LineageGraphType {
  @Field(() => LineageNodeObject, { description: 'The node the walk started from.' })
  root!: LineageNodeObject;

  @Field(() => [LineageNodeObject], { description: 'Every node reached, root included, each once, ordered by depth, then id.' })
  nodes!: LineageNodeObject[];

  @Field(() => [LineageEdgeType], { description: 'Every live edge between two returned nodes, ordered by from, to, then type.' })
  edges!: LineageEdgeType[];

  @Field({ description: 'True when the answer is partial; `truncationReason` says why.' })
  truncated!: boolean;

  @Field(() => TruncationReason, { nullable: true, description: 'Why the answer is partial; null when it is complete.' })
  truncationReason!: TruncationReason | null;

  @Field({
    description:
      'False when the root did not yet exist at the `asOf` (recorded) or `validAt` (source) instant asked for; the answer then holds the root alone and `rootAbsence` says why. True when no time was asked for, or the root has no time on that clock.',
  })
  rootExistedAt!: boolean;

  @Field(() => String, { nullable: true, description: 'When `rootExistedAt` is false: which clock, and when the root came to exist on it. Null otherwise.' })
  rootAbsence!: string | null;

  @Field(() => LineageStatsType, { description: 'Counts, deepest level and time taken.' })
  stats!: LineageStatsType;
}

@ObjectType('LineagePath', { description: 'One shortest path between two nodes.' })
export class LineagePathType {
  @Field(() => [LineageNodeObject], { description: 'The nodes along the path, from `from` to `to`; `depth` is the position.' })
  nodes!: LineageNodeObject[];

  @Field(() => [LineageEdgeType], { description: 'The edges along the path, in path order; each points upstream → downstream whichever way the path runs.' })
  edges!: LineageEdgeType[];
}

@ObjectType('LineagePaths', { description: 'The shortest paths between two nodes on the clocks asked for, and whether each end existed then.' })
export class LineagePathsType {
  @Field(() => [LineagePathType], { description: 'Every shortest path (at most 100), ordered by the ids along the path, as `lineagePath` lists them. Empty when the ends are not connected within maxDepth, or an end did not exist yet (`absence` says which).' })
  paths!: LineagePathType[];

  @Field({ description: 'False when `from` did not yet exist at the `asOf` (recorded) or `validAt` (source) instant asked for; true without a clock, or when it has no time on that clock.' })
  fromExistedAt!: boolean;

  @Field({ description: 'False when `to` did not yet exist at the `asOf` or `validAt` instant asked for; true without a clock, or when it has no time on that clock.' })
  toExistedAt!: boolean;

  @Field(() => String, { nullable: true, description: 'When an end did not exist yet: which end, which clock, and when it came to exist on it (one sentence per such end). Null otherwise.' })
  absence!: string | null;
}
