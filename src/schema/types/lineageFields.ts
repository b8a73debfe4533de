import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Connection } from './connectionFactory';
import { ReportType } from './report';
import { RunType } from './run';

@ObjectType('SourceRun', { description: 'A run upstream of a report, with the shortest data-flow path that connects them.' })
export class SourceRunType {
  @Field(() => RunType, { description: 'The run.' })
  run!: RunType;

  @Field(() => [ID], { description: 'Ids along the path, from the report back to the run.' })
  path!: string[];

  @Field(() => Int, { description: 'Number of edges on the path (1 when the run feeds the report directly).' })
  pathLength!: number;
}

@ObjectType('RunFeedingReport', { description: 'One row of the runs-feeding-reports table.' })
export class RunFeedingReportType {
  @Field(() => RunType, { description: 'A run.' })
  run!: RunType;

  @Field(() => ReportType, { description: 'A report the run feeds, directly or through data it produced.' })
  report!: ReportType;

  @Field(() => Int, { description: 'Edges on the shortest data-flow path from the run to the report.' })
  pathLength!: number;
}

export const RunFeedingReportConnection = Connection(RunFeedingReportType, 'RunFeedingReport', 'run–report row');
