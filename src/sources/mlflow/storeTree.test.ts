import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StoreTree } from './storeTree';

describe('StoreTree', () => {
  let tmp: string;
  let root: string;
  let skipped: { where: string; reason: string }[];
  let tree: StoreTree;

  beforeEach(() => {
    tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pvl-tree-')));
    root = path.join(tmp, 'store');
    fs.mkdirSync(path.join(root, 'params', 'nested'), { recursive: true });
    fs.mkdirSync(path.join(tmp, 'outside'));
    fs.writeFileSync(path.join(tmp, 'outside', 'secret'), 'db_password=x');
    fs.writeFileSync(path.join(root, 'params', 'alpha'), '0.1');
    fs.writeFileSync(path.join(root, 'params', 'nested', 'beta'), '2');
    skipped = [];
    tree = new StoreTree(root, (where, reason) => skipped.push({ where, reason }), { maxBytes: 64, timeoutMs: 60_000 });
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('reads key files, following links that stay inside the store', () => {
    fs.symlinkSync(path.join(root, 'params', 'nested'), path.join(root, 'params', 'again'));
    expect(tree.readKeyFiles(path.join(root, 'params'))).toEqual({ alpha: '0.1', 'again/beta': '2', 'nested/beta': '2' });
    expect(skipped).toEqual([]);
  });

  it('stops at a link back to a folder it is walking', () => {
    fs.symlinkSync(path.join(root, 'params'), path.join(root, 'params', 'nested', 'loop'));
    expect(tree.readKeyFiles(path.join(root, 'params'))).toEqual({ alpha: '0.1', 'nested/beta': '2' });
  });

  it('skips links out of the store, a linked folder on the way, FIFOs and files over the size limit, by path and rule', () => {
    const leak = path.join(root, 'params', 'leak');
    fs.symlinkSync(path.join(tmp, 'outside'), leak);
    const fifo = path.join(root, 'params', 'fifo');
    execFileSync('mkfifo', [fifo]);
    const big = path.join(root, 'params', 'big');
    fs.writeFileSync(big, 'x'.repeat(65));
    expect(tree.readKeyFiles(path.join(root, 'params'))).toEqual({ alpha: '0.1', 'nested/beta': '2' });
    expect(skipped.map((s) => s.where).sort()).toEqual([big, fifo, leak].sort());
    expect(skipped.find((s) => s.where === fifo)?.reason).toMatch(/FIFO/);
    expect(JSON.stringify(skipped)).not.toContain('db_password');
    fs.symlinkSync(path.join(tmp, 'outside'), path.join(root, 'tags'));
    expect(() => tree.readText(path.join(root, 'tags', 'secret'))).toThrow(/outside the store/);
  });
});
