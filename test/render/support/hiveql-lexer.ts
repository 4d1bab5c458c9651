/**
 * A small HiveQL lexer for tests, after HiveLexer's rules: string literals in '...' or "..." with
 * backslash escapes (adjacent literals are one token, as in Hive), backquoted identifiers (a doubled
 * backquote is one), `--` comments to the end of the line, words, numbers and single-character
 * punctuation. Literal values are decoded as BaseSemanticAnalyzer.unescapeSQLString does.
 *
 * @example
 *   lexHiveQL("COMMENT 'a\\'b'") // [{ kind: "word", text: "COMMENT" }, { kind: "string", text: "'a\\'b'", value: "a'b" }]
 */
export type Token =
  | { kind: "word"; text: string }
  | { kind: "ident"; text: string; value: string }
  | { kind: "string"; text: string; value: string }
  | { kind: "number"; text: string }
  | { kind: "punct"; text: string };

export function lexHiveQL(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i] as string;
    if (/\s/.test(ch)) {
      i++;
    } else if (sql.startsWith("--", i)) {
      while (i < sql.length && sql[i] !== "\n") i++;
    } else if (ch === "'" || ch === '"') {
      let text = "";
      let value = "";
      // Hive's StringLiteral is ( '...' | "..." )+ : directly adjacent quoted parts make one literal.
      while (i < sql.length && (sql[i] === "'" || sql[i] === '"')) {
        const quote = sql[i] as string;
        let j = i + 1;
        while (j < sql.length && sql[j] !== quote) j += sql[j] === "\\" ? 2 : 1;
        if (j >= sql.length) throw new Error(`unterminated string literal at ${i}: ${sql.slice(i, i + 40)}`);
        const part = sql.slice(i, j + 1);
        text += part;
        value += unescapeSQLString(part);
        i = j + 1;
      }
      tokens.push({ kind: "string", text, value });
    } else if (ch === "`") {
      let j = i + 1;
      let value = "";
      for (;;) {
        if (j >= sql.length) throw new Error(`unterminated backquoted identifier at ${i}`);
        if (sql[j] === "`") {
          if (sql[j + 1] === "`") {
            value += "`";
            j += 2;
            continue;
          }
          break;
        }
        value += sql[j];
        j++;
      }
      tokens.push({ kind: "ident", text: sql.slice(i, j + 1), value });
      i = j + 1;
    } else if (/[A-Za-z_]/.test(ch)) {
      let j = i;
      while (j < sql.length && /[A-Za-z0-9_]/.test(sql[j] as string)) j++;
      tokens.push({ kind: "word", text: sql.slice(i, j) });
      i = j;
    } else if (/[0-9]/.test(ch)) {
      let j = i;
      while (j < sql.length && /[A-Za-z0-9_.]/.test(sql[j] as string)) j++;
      tokens.push({ kind: "number", text: sql.slice(i, j) });
      i = j;
    } else {
      tokens.push({ kind: "punct", text: ch });
      i++;
    }
  }
  return tokens;
}

/** BaseSemanticAnalyzer.unescapeSQLString for one quoted part (quotes included). */
export function unescapeSQLString(b: string): string {
  const quote = b[0];
  let out = "";
  for (let i = 1; i < b.length; i++) {
    const c = b[i] as string;
    if (c === quote && i === b.length - 1) break;
    if (c === "\\" && i + 4 < b.length && /^[0-1][0-7][0-7]$/.test(b.slice(i + 1, i + 4))) {
      out += String.fromCharCode(parseInt(b.slice(i + 1, i + 4), 8));
      i += 3;
      continue;
    }
    if (c === "\\" && i + 6 < b.length && b[i + 1] === "u" && /^[0-9A-Fa-f]{4}$/.test(b.slice(i + 2, i + 6))) {
      out += String.fromCharCode(parseInt(b.slice(i + 2, i + 6), 16));
      i += 5;
      continue;
    }
    if (c === "\\") {
      const n = b[i + 1] as string;
      i++;
      const map: Record<string, string> = { "0": "\0", "'": "'", '"': '"', b: "\b", n: "\n", r: "\r", t: "\t", Z: "\u001a", "\\": "\\", "%": "\\%", _: "\\_" };
      out += map[n] ?? n;
      continue;
    }
    out += c;
  }
  return out;
}
