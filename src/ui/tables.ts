import { h } from './dom';

/** A plain data table: the first cell of each row is its row header; `data-*` attributes per row where given. */
export function dataTable(caption: string, headers: readonly string[], rows: readonly { cells: readonly (string | Node)[]; attrs?: Record<string, string> }[], cls = 'catalog-table'): HTMLElement {
  return h('table', { class: cls },
    h('caption', { class: 'visually-hidden', text: caption }),
    h('thead', {}, h('tr', {}, ...headers.map((t) => h('th', { scope: 'col', text: t })))),
    h('tbody', {}, ...rows.map((r) => h('tr', r.attrs ?? {}, ...r.cells.map((c, i) => h(i === 0 ? 'th' : 'td', i === 0 ? { scope: 'row' } : {}, c))))),
  );
}

/** A button styled as a link: it moves within the page, keeping the session, where a real link would reload it. */
export function linkButton(text: string, title: string, run: () => void, attrs: Record<string, string> = {}): HTMLButtonElement {
  const button = h('button', { type: 'button', class: 'link', title, text, ...attrs });
  button.addEventListener('click', run);
  return button;
}
