/**
 * A unified diff (`diff -u` / `git diff` layout) of two texts by line, so drift reads the way people
 * already read diffs. Myers' O(ND) algorithm: generated files differ little, so D stays small.
 *
 * @example
 *   unifiedDiff("a\nb\n", "a\nc\n", { oldLabel: "cloudtrail.hql (committed)", newLabel: "cloudtrail.hql (rendered)" })
 *   // "--- cloudtrail.hql (committed)\n+++ cloudtrail.hql (rendered)\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n"
 */
export function unifiedDiff(oldText: string, newText: string, options: { oldLabel: string; newLabel: string; context?: number }): string {
  if (oldText === newText) return "";
  const a = splitLines(oldText);
  const b = splitLines(newText);
  const ops = diffLines(a, b);
  const context = options.context ?? 3;
  const out = [`--- ${options.oldLabel}`, `+++ ${options.newLabel}`];
  // Group changes into hunks with `context` unchanged lines around them.
  let i = 0;
  while (i < ops.length) {
    while (i < ops.length && ops[i]?.kind === " ") i++;
    if (i >= ops.length) break;
    let start = Math.max(0, i - context);
    let end = i;
    for (;;) {
      while (end < ops.length && ops[end]?.kind !== " ") end++;
      let next = end;
      while (next < ops.length && ops[next]?.kind === " ") next++;
      if (next < ops.length && next - end <= 2 * context) end = next;
      else {
        end = Math.min(ops.length, end + context);
        break;
      }
    }
    const hunk = ops.slice(start, end);
    const oldStart = (hunk[0]?.oldLine ?? 0) + 1;
    const newStart = (hunk[0]?.newLine ?? 0) + 1;
    const oldCount = hunk.filter((o) => o.kind !== "+").length;
    const newCount = hunk.filter((o) => o.kind !== "-").length;
    out.push(`@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@`);
    for (const o of hunk) out.push(o.kind + o.text + (o.noNewline ? "\n\\ No newline at end of file" : ""));
    i = end;
    start = end;
  }
  return out.join("\n") + "\n";
}

interface Line {
  text: string;
  /** the file's last line had no newline */
  noNewline: boolean;
}

interface Op extends Line {
  kind: " " | "-" | "+";
  /** 0-based position in the old and new texts where this op sits */
  oldLine: number;
  newLine: number;
}

function splitLines(text: string): Line[] {
  if (text === "") return [];
  const parts = text.split("\n");
  const last = parts.pop();
  const lines: Line[] = parts.map((t) => ({ text: t, noNewline: false }));
  if (last !== undefined && last !== "") lines.push({ text: last, noNewline: true });
  return lines;
}

function range(start: number, count: number): string {
  if (count === 0) return `${start - 1},0`;
  return count === 1 ? `${start}` : `${start},${count}`;
}

const same = (x: Line | undefined, y: Line | undefined) => x !== undefined && y !== undefined && x.text === y.text && x.noNewline === y.noNewline;

/** Myers' greedy shortest edit script, then walked back into ops. */
function diffLines(a: Line[], b: Line[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0)) ? (v[offset + k + 1] ?? 0) : (v[offset + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && same(a[x], b[y])) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  trace.push(v.slice());
  // Walk back from (n, m) through the saved frontiers.
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 2; d >= 0 && (x > 0 || y > 0); d--) {
    const frontier = trace[d] ?? v;
    const k = x - y;
    const prevK = k === -d || (k !== d && (frontier[offset + k - 1] ?? 0) < (frontier[offset + k + 1] ?? 0)) ? k + 1 : k - 1;
    const prevX = frontier[offset + prevK] ?? 0;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      ops.push({ kind: " ", ...(a[x] as Line), oldLine: x, newLine: y });
    }
    if (d === 0) break;
    if (x === prevX) {
      y--;
      ops.push({ kind: "+", ...(b[y] as Line), oldLine: x, newLine: y });
    } else {
      x--;
      ops.push({ kind: "-", ...(a[x] as Line), oldLine: x, newLine: y });
    }
  }
  while (x > 0 && y > 0) {
    x--;
    y--;
    ops.push({ kind: " ", ...(a[x] as Line), oldLine: x, newLine: y });
  }
  return ops.reverse();
}
