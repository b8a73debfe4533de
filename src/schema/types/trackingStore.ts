import { Field, ID, ObjectType } from 'type-graphql';
import { TrackingStoreKind } from '../../domain/trackingStore';
import { NodeInterface } from './node';

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
}
