// Log values must not drive the terminal: table cells and stderr messages show control, bidi and
// invisible format characters as escapes; csv, tsv and jsonl keep every value exact.
import { test } from "node:test";
import assert from "node:assert/strict";
import { escapeForTerminal, escapeMessage } from "../../src/output/escape-terminal.js";
import { formatResults, type ResultSet } from "../../src/output/format-results.js";
import { escapingStderr } from "../../src/cli/io.js";
import { capture } from "../support/capture-terminal.js";

/** Every character class the escaping covers, one value each, with what a person should see. */
const HOSTILE: [string, string][] = [
  ["\x1b[2J\x1b[H", "\\x1b[2J\\x1b[H"], // clear screen, cursor home
  ["\x1b]0;owned\x07", "\\x1b]0;owned\\x07"], // window title (OSC 0, BEL)
  ["\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\", "\\x1b]8;;https://evil.example/\\x1b\\\\click\\x1b]8;;\\x1b\\\\"], // hyperlink
  ["\x9b31m", "\\x9b31m"], // C1 CSI
  ["a\x7fb\x00c", "a\\x7fb\\x00c"], // DEL, NUL
  ["\u202eexe.txt", "\\u202eexe.txt"], // right-to-left override
  ["\u2066x\u2069", "\\u2066x\\u2069"], // isolates
  ["ad\u200bmin", "ad\\u200bmin"], // zero-width space
  ["\ufeffroot", "\\ufeffroot"], // BOM
  ["a\u2028b", "a\\u2028b"], // line separator
  ["tag\u{e0041}", "tag\\u{e0041}"], // tag character
  ["x\ty\nz\r", "x\\ty\\nz\\r"],
];

test("escapeForTerminal shows each hidden or controlling character as a visible escape", () => {
  for (const [raw, shown] of HOSTILE) assert.equal(escapeForTerminal(raw, { escapeBackslash: true }), shown, JSON.stringify(raw));
  assert.equal(escapeForTerminal("plain ascii, é, 日本, emoji 🙂"), "plain ascii, é, 日本, emoji 🙂");
  assert.equal(escapeForTerminal("a\\x1b"), "a\\x1b");
  assert.equal(escapeForTerminal("a\\x1b", { escapeBackslash: true }), "a\\\\x1b", "a literal backslash cannot pass for an escape in a table");
});

test("--format table escapes every cell and header; csv, tsv and jsonl keep the values exact", () => {
  const result: ResultSet = { columns: ["event\x1b[31mname", "user_agent"], rows: HOSTILE.map(([raw], i) => [`e${i}`, raw]) };
  const table = formatResults(result, "table");
  const raw = [...table].filter((ch) => ch !== "\n" && /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(ch));
  assert.deepEqual(raw, [], "no raw control, bidi or invisible format character in a table");
  for (const [, shown] of HOSTILE) assert.ok(table.includes(shown.slice(0, 20)), `the table shows ${shown}`);
  assert.ok(table.includes("event\\x1b[31mname"));

  const jsonl = formatResults(result, "jsonl")
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, string>);
  assert.deepEqual(
    jsonl.map((r) => r.user_agent),
    HOSTILE.map(([raw]) => raw),
  );
  const tsv = formatResults(result, "tsv");
  assert.ok(tsv.includes("\x1b]0;owned\x07") && tsv.includes("\u202eexe.txt"), "tsv keeps the bytes (escaping only \\t \\n \\r \\\\ as before)");
  const csv = formatResults(result, "csv");
  assert.ok(csv.includes("\x1b[2J\x1b[H") && csv.includes('"x\ty\nz\r"'), "csv keeps the bytes, quoting as RFC 4180");
});

test("stderr: every message is escaped, line breaks and the progress redraw kept", () => {
  assert.equal(escapeMessage("skipped logs/\x1b]0;t\x07.json: not-json\nnext"), "skipped logs/\\x1b]0;t\\x07.json: not-json\nnext");
  assert.equal(escapeMessage("\r\x1b[2Kreading 3 files"), "\r\x1b[2Kreading 3 files");
  const out = capture();
  const term = escapingStderr(out.term);
  term.stderr.write("trailhive: skipped \u202eevil\x1b[2J\n");
  term.stdout.write("raw\x1b[0m\n");
  assert.equal(out.stderr(), "trailhive: skipped \\u202eevil\\x1b[2J\n");
  assert.equal(out.stdout(), "raw\x1b[0m\n", "stdout (results, scripts) is not touched");
});
