import { Explorer } from './explorer';

/** Entry point of the explorer bundle (scripts/build-ui.mjs → dist/ui/explorer.js). */
function boot(): void {
  const maxDepth = Number(document.body.dataset.maxDepth) || 20;
  const explorer = new Explorer(maxDepth);
  // For the browser console and benchmarks: `pvlExplorer.cy` is the cytoscape instance.
  Object.defineProperty(window, 'pvlExplorer', { value: explorer, configurable: true });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
else boot();
