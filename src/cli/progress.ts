import type { Terminal } from "./io.js";

/**
 * A one-line progress display on stderr, redrawn at most every 100 ms, shown only when stderr is a TTY
 * (so piped and CI output stays clean). `update` takes the whole line's counters each time.
 *
 * @example
 *   const bar = createProgress(term, "reading");
 *   bar.update({ files: 10, records: 500 }, 10, 55);
 *   bar.done();
 */
export interface Progress {
  update(counters: Record<string, number | string>, done?: number, total?: number): void;
  done(): void;
}

const REDRAW_MS = 100;

export function createProgress(term: Terminal, label: string): Progress {
  if (!term.stderr.isTTY) return { update() {}, done() {} };
  let last = 0;
  let shown = false;
  const draw = (line: string) => {
    term.stderr.write("\r\x1b[2K" + line);
    shown = true;
  };
  return {
    update(counters, done, total) {
      const now = Date.now();
      if (now - last < REDRAW_MS) return;
      last = now;
      const parts = Object.entries(counters).map(([k, v]) => `${k} ${typeof v === "number" ? v.toLocaleString("en-US") : v}`);
      let bar = "";
      if (done !== undefined && total !== undefined && total > 0) {
        const width = 20;
        const filled = Math.min(width, Math.round((done / total) * width));
        bar = `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${Math.floor((done / total) * 100)}% `;
      }
      draw(`${label} ${bar}${parts.join("  ")}`);
    },
    done() {
      if (shown) term.stderr.write("\r\x1b[2K");
    },
  };
}
