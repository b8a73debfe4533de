import { Field, Float, ObjectType } from 'type-graphql';
import { MetricSpecial } from '../../domain/metric';

@ObjectType('Metric', { description: 'The latest value of one metric of a run (max by step, then timestamp, then value, as MLflow computes it).' })
export class MetricType {
  @Field({ description: 'Metric name, e.g. `AUC_test`.' })
  key!: string;

  @Field(() => Float, { nullable: true, description: 'The value, or null when it is NaN or infinite (see `special`).' })
  value!: number | null;

  @Field(() => MetricSpecial, { nullable: true, description: 'Set when the value is NaN or ±infinity; null for finite values.' })
  special!: MetricSpecial | null;

  @Field(() => Float, { description: 'Training step at which the value was logged.' })
  step!: number;

  @Field(() => Float, { description: 'When it was logged, epoch milliseconds.' })
  timestamp!: number;
}
