import { run } from './bootstrap.mjs';

/**
 * Checks the import graph of src/ against the layer rules in .dependency-cruiser.cjs (written
 * out in DEVELOPERS.md): no cycles, type imports included, and no arrow that points outward.
 * Throws, naming each offending import, when one is found.
 */
export function checkLayers(log = console.log) {
  log('Checking the import graph of src/ against the layer rules (dependency-cruiser) ...');
  try {
    run('npx', ['depcruise', 'src', '--config', '.dependency-cruiser.cjs', '--output-type', 'err']);
  } catch {
    throw new Error('The import graph of src/ breaks the layer rules (listed above; see DEVELOPERS.md, "Layers")');
  }
}
