import { LineageDirection, LineageNodeType } from '../domain/lineage';
import { byId, h } from './dom';
import { FILTER_ORDER, TYPE_ORDER, TYPE_STYLES } from './nodeStyles';
import type { ViewState } from './viewState';

/** The form controls (direction, depth, types, as-of, valid-at) ↔ the view state. */
export class Controls {
  readonly direction = byId<HTMLSelectElement>('direction');
  readonly depth = byId<HTMLInputElement>('depth');
  readonly depthValue = byId<HTMLOutputElement>('depth-value');
  readonly asOf = byId<HTMLInputElement>('as-of');
  readonly validAt = byId<HTMLInputElement>('valid-at');
  readonly types = byId<HTMLFieldSetElement>('types');
  readonly columns = byId<HTMLInputElement>('columns');

  constructor(maxDepth: number) {
    this.depth.max = String(maxDepth);
    for (const type of FILTER_ORDER) {
      const style = TYPE_STYLES[type];
      this.types.append(
        h('label', { class: 'type-option' },
          h('input', { type: 'checkbox', name: 'type', value: type, checked: true }),
          h('span', { class: 'swatch', style: `background:${style.colour}`, 'aria-hidden': 'true' }),
          style.label,
        ),
      );
    }
    this.depth.addEventListener('input', () => {
      this.depthValue.value = this.depth.value;
    });
    const legend = byId('legend');
    for (const type of TYPE_ORDER) {
      const style = TYPE_STYLES[type];
      legend.append(h('li', {}, h('span', { class: `shape shape-${style.shape}`, style: `background:${style.colour}`, 'aria-hidden': 'true' }), `${style.label} (${style.shape.replace('-', ' ')})`));
    }
  }

  /** Calls `listener` when the user changes any control (depth on release, not while dragging). */
  onChange(listener: () => void): void {
    this.direction.addEventListener('change', listener);
    this.depth.addEventListener('change', listener);
    this.asOf.addEventListener('change', listener);
    this.validAt.addEventListener('change', listener);
    this.types.addEventListener('change', listener);
  }

  write(view: ViewState): void {
    this.direction.value = view.direction;
    this.depth.value = String(view.depth);
    this.depthValue.value = String(view.depth);
    this.asOf.value = view.asOf ? toLocalInput(view.asOf) : '';
    this.validAt.value = view.validAt ? toLocalInput(view.validAt) : '';
    const chosen = view.types ? new Set<string>(view.types) : null;
    for (const box of this.boxes()) box.checked = chosen === null || chosen.has(box.value);
  }

  /** The controls' part of a view. `types` is [] when every box is cleared: the caller must refuse that. */
  read(): Pick<ViewState, 'direction' | 'depth' | 'asOf' | 'validAt' | 'types'> {
    const checked = this.boxes().filter((b) => b.checked).map((b) => b.value as LineageNodeType);
    return {
      direction: this.direction.value as LineageDirection,
      depth: Number(this.depth.value),
      asOf: fromLocalInput(this.asOf.value),
      validAt: fromLocalInput(this.validAt.value),
      types: checked.length === FILTER_ORDER.length ? null : checked,
    };
  }

  private boxes(): HTMLInputElement[] {
    return [...this.types.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
  }
}

/** datetime-local has no zone: the browser's zone is the user's, which is what they typed in. */
function fromLocalInput(local: string): string | null {
  return local ? new Date(local).toISOString() : null;
}

function toLocalInput(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
