import { SingleBar } from 'cli-progress';

/**
 * Progress of an export: a bar on a terminal, one line per step otherwise (logs and CI), both
 * on stderr so stdout carries only the summary.
 */
export interface Progress {
  /** A new step, with its size when it has one. */
  step(label: string, total?: number): void;
  update(done: number, total?: number): void;
  stop(): void;
}

export const silentProgress: Progress = { step: () => undefined, update: () => undefined, stop: () => undefined };

export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) {
    const started = performance.now();
    return {
      step: (label, total) => stream.write(`[export] +${((performance.now() - started) / 1000).toFixed(1)}s ${label}${total === undefined ? '' : ` (${total})`}\n`),
      update: () => undefined,
      stop: () => undefined,
    };
  }
  const bar = new SingleBar({ format: '{step} {bar} {value}/{total}', stream, hideCursor: true, clearOnComplete: false });
  let started = false;
  return {
    step(label, total = 1) {
      if (!started) bar.start(total, 0, { step: label.padEnd(24) });
      else {
        bar.setTotal(Math.max(total, 1));
        bar.update(0, { step: label.padEnd(24) });
      }
      started = true;
    },
    update(done, total) {
      if (!started) return;
      if (total !== undefined) bar.setTotal(Math.max(total, 1));
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}
