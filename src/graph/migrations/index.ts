import type { Migration } from './migration';
import { v0001 } from './v0001_constraints';
import { v0002 } from './v0002_filter_indexes';
import { v0010 } from './v0010_ingest';
import { v0003 } from './v0003_identity_constraints';
import { v0004 } from './v0004_security_event_indexes';
import { v0020 } from './v0020_lineage_search';
import { v0030 } from './v0030_openlineage';
import { v0040 } from './v0040_audit';
import { v0041 } from './v0041_audit_checkpoint_key';
import { v0050 } from './v0050_reports';
import { v0060 } from './v0060_run_lifecycle';
import { v0070 } from './v0070_dataset_fields';
import { v0075 } from './v0075_ingestion_lease';
import { v0085 } from './v0085_search_mlflow_dataset_name';
import { v0090 } from './v0090_search_words';
import { v0095 } from './v0095_dataset_versions';
import { v0100 } from './v0100_data_migrations';
import { v0105 } from './v0105_search_fragments';

/** Every migration, in version order. Append only: an applied migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [v0001, v0002, v0003, v0004, v0010, v0020, v0030, v0040, v0041, v0050, v0060, v0070, v0075, v0085, v0090, v0095, v0100, v0105];
export type { Migration };
