import { FILES, type LineageFile } from './format';
import { scopeLabel } from './scope';

/** README.txt: what each file is and how to verify the package. Nothing in it depends on the time of export. */
export function readmeText(lineage: LineageFile, hasConsistency: boolean, reportFiles: readonly string[] = []): string {
  const c = lineage.checkpoint;
  const files: [string, string][] = [
    [FILES.pdf, 'The package for people (PDF/A-3b, fonts embedded, printable): each subject with its content hash, signatures (printed name, UTC time, meaning), version history and drawn upstream lineage; the upstream runs, model versions, datasets and jobs as tables; every audit entry (who, what, when, why, old -> new); the signed checkpoint.'],
    [FILES.lineage, `The same content, machine-readable (schemaVersion ${lineage.schemaVersion}, RFC 8785 canonical JSON): subjects, their lineage graphs and every upstream record, each with its "changed since original entry" flag.`],
    [FILES.audit, 'Every audit event about those records up to the checkpoint, with exactly the fields its hash covers (RFC 8785 canonical JSON).'],
    [FILES.csv, 'One row per (subject, run, model version, dataset) path through the upstream lineage.'],
    [FILES.checkpoint, 'The signed checkpoint of the audit log (C2SP tlog-checkpoint, Ed25519 signed note) exactly as the server signed it, and its fields as JSON.'],
    [FILES.proofs, `An RFC 9162 inclusion proof for every event in ${FILES.audit}${hasConsistency ? ', and a consistency proof that the earlier export\'s checkpoint is a prefix of this one' : ''}.`],
    [FILES.publicKey, `The Ed25519 public key(s) that signed the checkpoint(s) and ${FILES.manifestSignature}, as PEM.`],
    [FILES.verifierKey, 'The same key(s) as signed-note verifier keys (name+hash+base64), the form verify.mjs and Go\'s sumdb/note read.'],
    [FILES.verifier, 'The offline verifier: one file, no dependencies, runs with plain node.'],
    ...reportFiles.map((f): [string, string] => [f, 'The registered report file itself; verify.mjs checks that its SHA-256 is the content hash the report was registered (and signed) with.']),
    [FILES.info, 'Who exported the package (account id, printed name, role), when, and with which tool version; it and the PDF\'s cover, which names the same, are what differ between two exports at one checkpoint.'],
    [FILES.manifest, `The SHA-256 of every other file but ${FILES.manifestSignature}, in sha256sum format.`],
    [FILES.manifestSignature, `The server's signature over ${FILES.manifest}: an Ed25519 signed note, by the audit signing key (the checkpoint's key), of a statement naming the manifest's SHA-256 and the package's subjects. It signs the whole package.`],
    [FILES.readme, 'This file.'],
  ];
  const width = Math.max(...files.map(([f]) => f.length)) + 2;
  return [
    'pv-lineage compliance package',
    '=============================',
    '',
    `Subject:    ${scopeLabel(lineage.scope)}`,
    `Checkpoint: ${c.origin}, tree size ${c.treeSize}, root hash ${c.rootHash}`,
    '',
    'Files',
    ...files.map(([f, what]) => `  ${f.padEnd(width)}${what}`),
    '',
    'How to verify',
    `  1. In this folder run:   node ${FILES.verifier}`,
    '     (Node.js 18 or later; nothing to install; no network and no database are used.)',
    `  2. It checks ${FILES.manifest} (every file present, none added, none changed), the`,
    '     checkpoint signature, every inclusion proof, the consistency proof when present, that',
    `     the audit events hash to the proven leaves, that the signatures and versions shown are`,
    `     the ones those events record, that ${FILES.pdf} and ${FILES.csv} say what ${FILES.lineage} says,`,
    `     and that the server's signature in ${FILES.manifestSignature} covers ${FILES.manifest}.`,
    '     It prints PASS, or FAIL with the first problem and the file it is in, and exits non-zero.',
    `  3. ${FILES.verifierKey} is the key the package brings with it. Check it against the key the`,
    '     sponsor published, or give that key to the verifier:',
    `        node ${FILES.verifier} --key '<published verifier key>'`,
    `  4. Without Node.js, \`sha256sum -c ${FILES.manifest}\` checks the files against the manifest.`,
    '',
  ].join('\n');
}
