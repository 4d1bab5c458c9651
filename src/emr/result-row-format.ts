/**
 * How a query's answer is written to S3 and read back, chosen so any text survives the round trip:
 * JSON in `requestparameters`, tabs, newlines, backslashes, NULL versus the string "\N".
 *
 * Hive's own fetch path writes query output the same way (PlanUtils.getDefaultQueryOutputTableDesc):
 * LazySimpleSerDe with field delimiter \001, escape character `\`, and `serialization.escape.crlf`
 * so CR and LF inside a value are written as `\r` and `\n` instead of ending the row. With an escape
 * character set, LazySimpleSerDe puts `\` before every separator byte (\001, \002, ...) and before
 * `\` itself, and writes NULL as a bare `\N`, which an escaped value can never look like.
 * Compression is switched off for the step so the files are plain text whatever the cluster's defaults.
 */
export const RESULT_SERDE = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe";
export const RESULT_SERDE_PROPERTIES: Readonly<Record<string, string>> = {
  "field.delim": "\u0001",
  "escape.delim": "\\",
  "serialization.escape.crlf": "true",
  "serialization.null.format": "\\N",
};

/**
 * Parses the text files {@link insertDirectoryClause} makes back into rows: one row per line, fields
 * split on unescaped \001, `\N` alone is NULL, `\r` `\n` become CR LF and `\x` becomes `x`.
 *
 * @example
 *   parseResultText("alice\u0001{\"a\":\"x\\\\ny\"}\u0001\\N\n")  // [["alice", "{\"a\":\"x\\ny\"}", null]]
 */
export function parseResultText(text: string): (string | null)[][] {
  const rows: (string | null)[][] = [];
  let row: (string | null)[] = [];
  let field = "";
  let raw = "";
  const endField = () => {
    row.push(raw === "\\N" ? null : field);
    field = "";
    raw = "";
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === "\\" && i + 1 < text.length) {
      const next = text[++i] as string;
      raw += ch + next;
      field += next === "n" ? "\n" : next === "r" ? "\r" : next;
    } else if (ch === "\u0001") {
      endField();
    } else if (ch === "\n") {
      endField();
      rows.push(row);
      row = [];
    } else {
      raw += ch;
      field += ch;
    }
  }
  if (raw !== "" || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows;
}
