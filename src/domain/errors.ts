import { type NodeType, nameOf } from './nodeType';

/**
 * Domain errors. Services throw these; the GraphQL layer maps each to one `extensions.code`.
 * They carry only messages safe to show a client: never driver text or stack traces.
 */
export type ErrorCode =
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'RATE_LIMITED'
  | 'CONFLICT'
  | 'TIMEOUT'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Extra machine-readable facts for the client, e.g. the argument name or candidate ids. */
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, id: string) {
    super('NOT_FOUND', `${what} "${id}" was not found`, { id });
  }
}

/** NOT_FOUND for a graph node, named from the node-type table so every query words it alike. */
export class NodeNotFoundError extends NotFoundError {
  constructor(type: NodeType, id: string) {
    super(nameOf(type), id);
  }
}

export class BadInputError extends DomainError {
  constructor(argument: string, message: string, details: Record<string, unknown> = {}) {
    super('BAD_USER_INPUT', message, { argument, ...details });
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('CONFLICT', message, details);
  }
}

export class UnavailableError extends DomainError {
  constructor(message = 'The graph database is unavailable; try again shortly') {
    super('SERVICE_UNAVAILABLE', message);
  }
}

export class TimeoutError extends DomainError {
  constructor(message = 'The query took longer than the configured transaction timeout') {
    super('TIMEOUT', message);
  }
}

/**
 * BAD_USER_INPUT for a store that cannot be read. The message names the input and the rule;
 * what the reader met (a foreign table list, a response body, a driver message) is kept in
 * `logDetail` for the server log at debug level and never reaches a client.
 */
export class StoreReadError extends BadInputError {
  constructor(
    argument: string,
    message: string,
    readonly logDetail: string | null = null,
  ) {
    super(argument, message);
  }
}
