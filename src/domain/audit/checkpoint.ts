import { decodeBase64 } from './base64';
import { AuditFormatError } from './formatError';
import { HASH_SIZE } from './merkle';
import { hasSpace, isPlainText } from './text';

/**
 * The body of a C2SP tlog-checkpoint: `<origin>\n<tree size>\n<base64 root hash>\n`. Parsing is
 * strict, so one checkpoint has exactly one spelling and a signature covers every byte of meaning.
 * Extension lines are refused: this log never writes them.
 */
export interface Checkpoint {
  /** The log's name, unique to the deployment. */
  readonly origin: string;
  readonly treeSize: number;
  /** RFC 9162 root hash, standard padded base64. */
  readonly rootHash: string;
}

export function formatCheckpoint(c: Checkpoint): string {
  checkOrigin(c.origin);
  if (!Number.isSafeInteger(c.treeSize) || c.treeSize < 0) throw new AuditFormatError(`checkpoint tree size ${c.treeSize} is not a non-negative integer`);
  checkRoot(c.rootHash);
  return `${c.origin}\n${c.treeSize}\n${c.rootHash}\n`;
}

export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw new AuditFormatError('checkpoint: the body must end with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw new AuditFormatError(`checkpoint: expected 3 lines (origin, tree size, root hash), found ${lines.length}`);
  if (lines.length > 3) throw new AuditFormatError(`checkpoint: unexpected extension lines after the root hash (${lines.length - 3})`);
  const [origin, size, rootHash] = lines;
  checkOrigin(origin);
  if (!/^(0|[1-9][0-9]*)$/.test(size)) throw new AuditFormatError(`checkpoint: tree size ${JSON.stringify(size)} is not a decimal number without sign, spaces or leading zeros`);
  const treeSize = Number(size);
  if (!Number.isSafeInteger(treeSize)) throw new AuditFormatError(`checkpoint: tree size ${size} is too large`);
  checkRoot(rootHash);
  return { origin, treeSize, rootHash };
}

function checkOrigin(origin: string): void {
  if (origin.length === 0) throw new AuditFormatError('checkpoint: the origin is empty');
  if (!isPlainText(origin, false) || hasSpace(origin)) throw new AuditFormatError(`checkpoint: origin ${JSON.stringify(origin)} contains spaces or control characters`);
}

function checkRoot(rootHash: string): void {
  const root = decodeBase64(rootHash);
  if (!root) throw new AuditFormatError(`checkpoint: root hash ${JSON.stringify(rootHash)} is not canonical padded base64`);
  if (root.length !== HASH_SIZE) throw new AuditFormatError(`checkpoint: root hash is ${root.length} bytes, not ${HASH_SIZE}`);
}
