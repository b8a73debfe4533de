import { Field, InputType } from 'type-graphql';

@InputType('RegisterTrackingStoreInput', { description: 'An MLflow tracking store the API may ingest, within the allow-lists PVL_INGEST_ROOTS and PVL_INGEST_ORIGINS.' })
export class RegisterTrackingStoreInput {
  @Field({ description: 'Where the store is: an absolute folder path or `file://` URI, a `sqlite:///` URI, or an `http(s)://` tracking server (no user-info).' })
  uri!: string;

  @Field({ description: 'What the store is, for people choosing one, e.g. `Signal detection pipeline (production)`.' })
  label!: string;

  @Field({ description: 'Why it is registered; kept in the audit trail.' })
  reason!: string;
}
