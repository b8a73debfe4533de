import { Field, Float, ObjectType } from 'type-graphql';
import { MetricSpecial } from '../../domain/metric';

@ObjectType('Metric', { description: 'The latest value of one metric of a run (max by step, then timestamp, then value, as MLflow computes it).' })
export class MetricType {
  @Field({ description: 'Metric name, e.g. `AUC_test`.' })
  key!: string;

  @Field(() => Float, { nullable: true, description: 'The value, bit-exact as MLflow reports it (±1.7976931348623157e308 and denormals included), or null when it is NaN or infinite; −0.0 is 0 here and marked by `special`.' })
  value!: number | null;

  @Field(() => MetricSpecial, { nullable: true, description: 'Set when the value is NaN, ±infinity or −0.0; null for every other value.' })
  special!: MetricSpecial | null;

  @Field(() => Float, { description: 'Training step at which the value was logged.' })
  step!: number;

  @Field(() => Float, { description: 'When it was logged, epoch milliseconds.' })
  timestamp!: number;
}

@ObjectType('LoggedModelMetric', {
  description:
    'The latest value of one metric of a logged model on one dataset, or on none (max by step, then timestamp, then value, per key, dataset name and dataset digest, as MLflow keeps it).',
})
export class LoggedModelMetricType extends MetricType {
  @Field(() => String, { nullable: true, description: 'Name of the dataset the metric was computed on, as MLflow records it; null when it was logged without one.' })
  datasetName!: string | null;

  @Field(() => String, { nullable: true, description: 'Digest of that dataset; null when it was logged without one.' })
  datasetDigest!: string | null;

  @Field(() => String, { nullable: true, description: 'MLflow run id of the run that logged this value.' })
  runId!: string | null;
}
