/**
 * The MLflow UI page of a run, when its store is a tracking server: an http(s) store URI is
 * the server the MLflow UI is served from, and the UI routes runs as
 * `#/experiments/<experimentId>/runs/<runId>`. File, SQLite and OpenLineage stores have no UI
 * to link to, so they get null.
 */
export function mlflowRunUrl(storeUri: string | null | undefined, experimentId: string | null | undefined, runId: string): string | null {
  if (!storeUri || !experimentId) return null;
  let url: URL;
  try {
    url = new URL(storeUri);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  // A server mounted under a path keeps it; a trailing slash would double up before `#`.
  const base = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  return `${base}/#/experiments/${encodeURIComponent(experimentId)}/runs/${encodeURIComponent(runId)}`;
}
