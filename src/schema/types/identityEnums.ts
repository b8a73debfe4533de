import { registerEnumType } from 'type-graphql';
import { Role } from '../../domain/role';

/** Values mirror `AccountKind` in domain/identity/account.ts. */
export enum AccountKindEnum {
  USER = 'USER',
  SERVICE = 'SERVICE',
}

registerEnumType(Role, {
  name: 'Role',
  description: 'What an account may do (docs/security.md has the full matrix). An account may hold several; no role implies another.',
  valuesConfig: {
    VIEWER: { description: 'Read lineage and records.' },
    SCIENTIST: { description: 'Register reports; move signals through validation and assessment.' },
    PIPELINE: { description: 'Service accounts: ingest (MLflow, OpenLineage) and register reports. Cannot sign.' },
    REVIEWER: { description: 'Sign reports REVIEWED; read audit trails.' },
    QA: { description: 'Sign reports APPROVED; read the full audit trail; run compliance exports.' },
    ADMIN: { description: 'Manage users, roles and tokens. Cannot alter audit content or sign.' },
  },
});

registerEnumType(AccountKindEnum, {
  name: 'AccountKind',
  description: 'A person or a service account.',
  valuesConfig: {
    USER: { description: 'A person, who signs in with a password or SSO.' },
    SERVICE: { description: 'A pipeline or script, which authenticates with API tokens only.' },
  },
});
