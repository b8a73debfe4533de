/** Query (d): a page of 100 runs with every relation, the read API's heaviest common page. */
export const RUNS_PAGE_QUERY = `{ runs(first: 100) { totalCount edges { node {
  id name status params metrics { key value special } experiment { id name }
  inputs { context dataset { id name digest period } } modelVersions { id version stage } reports { id title } } } } }`;
