/**
 * Progress of a long job on stderr: a line rewritten in place on a terminal, a line every tenth
 * of the way otherwise (so that logs stay readable).
 */
export interface Progress {
  update(done: number, detail?: string): void;
  finish(detail?: string): void;
}

const SILENT: Progress = { update: () => {}, finish: () => {} };

export function createProgress(label: string, total: number, options: { unit?: (n: number) => string; stream?: NodeJS.WriteStream; minTotal?: number } = {}): Progress {
  const stream = options.stream ?? process.stderr;
  if (total < (options.minTotal ?? 0)) return SILENT;
  const unit = options.unit ?? ((n: number) => n.toLocaleString('en-GB'));
  const started = performance.now();
  const interactive = stream.isTTY === true;
  let lastTenth = -1;
  let lastDraw = 0;
  const line = (done: number, detail?: string): string => {
    const percent = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 100;
    const seconds = (performance.now() - started) / 1000;
    return `${label}: ${String(percent).padStart(3)}% (${unit(done)} of ${unit(total)}, ${seconds.toFixed(1)} s)${detail ? ` ${detail}` : ''}`;
  };
  return {
    update(done, detail) {
      if (interactive) {
        const now = performance.now();
        if (now - lastDraw < 100) return;
        lastDraw = now;
        stream.write(`\r${line(done, detail)}\x1b[K`);
        return;
      }
      const tenth = total > 0 ? Math.floor((done / total) * 10) : 10;
      if (tenth > lastTenth && tenth < 10) {
        lastTenth = tenth;
        stream.write(`${line(done, detail)}\n`);
      }
    },
    finish(detail) {
      stream.write(`${interactive ? '\r' : ''}${line(total, detail)}${interactive ? '\x1b[K' : ''}\n`);
    },
  };
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
