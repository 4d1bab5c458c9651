/**
 * Cuts a HiveQL script into statements the way `hive -f` does (hive-cli's `CliDriver`): lines that
 * start with `--` in column 0 are dropped, then the text is split at `;` outside single- or
 * double-quoted strings (with backslash escapes). So a script runs the same locally and on EMR.
 *
 * @example
 *   splitStatements("-- who\nSELECT 'a;b';\nSELECT 1;")  // ["SELECT 'a;b'", "SELECT 1"]
 */
export function splitStatements(script: string): string[] {
  const text = script
    .split(/\r?\n/)
    .filter((line) => !line.startsWith("--"))
    .join("\n");
  const out: string[] = [];
  let quote: string | undefined;
  let escaped = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (escaped) {
      escaped = false;
      continue;
    }
    if (ch === "\\" && quote !== undefined) {
      escaped = true;
      continue;
    }
    if (ch === "'" || ch === '"') {
      if (quote === undefined) quote = ch;
      else if (quote === ch) quote = undefined;
    } else if (ch === ";" && quote === undefined) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out.map((s) => s.trim()).filter((s) => s !== "");
}
