import { h } from './dom';

export type MessageKind = 'error' | 'warning' | 'info';

export interface MessageAction {
  readonly label: string;
  readonly run: () => void;
}

/**
 * The status area under the controls (a polite live region). Messages are keyed by topic, so a
 * new answer replaces the old truncation note without touching, say, a sign-in problem.
 */
export class Messages {
  private readonly items = new Map<string, HTMLElement>();

  constructor(private readonly el: HTMLElement) {}

  set(topic: string, kind: MessageKind, text: string, action?: MessageAction): void {
    const button = action ? h('button', { type: 'button', text: action.label }) : null;
    button?.addEventListener('click', action!.run);
    const item = h('p', { class: `message ${kind}`, 'data-topic': topic, role: kind === 'error' ? 'alert' : undefined }, h('span', { text }), button);
    const old = this.items.get(topic);
    if (old) old.replaceWith(item);
    else this.el.append(item);
    this.items.set(topic, item);
  }

  remove(...topics: string[]): void {
    for (const topic of topics) {
      this.items.get(topic)?.remove();
      this.items.delete(topic);
    }
  }
}
