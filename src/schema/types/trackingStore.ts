import { Field, ID, ObjectType } from 'type-graphql';
import type { StoreRegistration } from '../../domain/trackingStore';
import { TrackingStoreKind } from '../../domain/trackingStore';
import { NodeInterface } from './node';

@ObjectType('TrackingStoreRegistration', { description: 'Who registered a tracking store for ingestion through the API, and why.' })
export class TrackingStoreRegistrationType {
  @Field(() => String, { nullable: true, description: 'What the store is, as the registering administrator put it.' })
  label!: string | null;

  @Field(() => String, { nullable: true, description: 'Why it was registered.' })
  reason!: string | null;

  @Field(() => String, { nullable: true, description: 'When it was registered (ISO-8601, UTC).' })
  registeredAt!: string | null;

  @Field(() => String, { nullable: true, description: 'Account id of whoever registered it (`cli:<os user>` for the ingest CLI).' })
  registeredBy!: string | null;

  @Field(() => String, { nullable: true, description: 'When it was retired; null while it may be ingested.' })
  retiredAt!: string | null;
}

@ObjectType('TrackingStore', { implements: NodeInterface, description: 'An MLflow tracking store pv-lineage reads: a file store, an SQLite database or a tracking server.' })
export class TrackingStoreType extends NodeInterface {
  @Field(() => ID, { description: 'Typed id `store:<storeKey>`.' })
  declare id: string;

  @Field({ description: 'Short stable key of the store (12 hex digits of the SHA-256 of its normalised URI), used inside other ids.' })
  storeKey!: string;

  @Field({ description: 'Normalised URI of the store.' })
  uri!: string;

  @Field(() => TrackingStoreKind, { description: 'How the store is read.' })
  kind!: TrackingStoreKind;

  @Field({ description: 'Human-readable name of the store.' })
  displayName!: string;

  @Field(() => TrackingStoreRegistrationType, { nullable: true, description: 'Its registration; null for a store that was never registered (the API cannot ingest it).' })
  registration!: StoreRegistration | null;
}

@ObjectType('StoreWriter', { description: 'A PIPELINE account granted write access to a tracking store: it may ingest the store through the API and attach OpenLineage runs above its runs.' })
export class StoreWriterType {
  @Field(() => ID, { description: 'The account id.' })
  userId!: string;

  @Field(() => String, { nullable: true, description: "The account's printed name now." })
  displayName!: string | null;

  @Field({ description: 'When the grant was made (ISO-8601, UTC).' })
  since!: string;

  @Field({ description: 'Account id of the administrator who granted it.' })
  grantedBy!: string;

  @Field({ description: 'Why it was granted, as recorded in the audit trail.' })
  reason!: string;
}
