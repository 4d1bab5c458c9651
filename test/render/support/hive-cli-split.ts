/**
 * A faithful TypeScript port of how `hive -f` (hive-cli 3.1.3) cuts a script into statements, for
 * tests: `CliDriver.processReader` drops lines that start with `--` (column 0 only) and joins the rest
 * with "\n"; `CliDriver.splitSemiColon` cuts at `;` outside quotes, flipping a single- or double-quote
 * flag on every unescaped `'` or `"` (even a `"` inside a '...' literal flips the double-quote flag:
 * that quirk is kept); `processLine` glues a piece that ends with `\` to the next one with `;` and skips
 * blank commands. Character indexing is by UTF-16 code unit, as Java's `charAt`.
 *
 * @example
 *   hiveCliStatements("-- c\nSELECT 1;\nSELECT ';';\n") // ["SELECT 1", "\nSELECT ';'"]
 */
export function hiveCliStatements(script: string): string[] {
  const commands: string[] = [];
  let command = "";
  for (const piece of splitSemiColon(processReader(script))) {
    if (piece.endsWith("\\")) {
      command += piece.slice(0, -1) + ";";
      continue;
    }
    command += piece;
    if (command.trim() === "") continue;
    commands.push(command);
    command = "";
  }
  return commands;
}

/** `processReader`: every line not starting with `--`, each followed by "\n" (BufferedReader.readLine splits on \n, \r and \r\n). */
export function processReader(script: string): string {
  const lines = script.split(/\r\n|\n|\r/);
  // readLine returns no final empty line for a trailing terminator.
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines
    .filter((line) => !line.startsWith("--"))
    .map((line) => line + "\n")
    .join("");
}

/** `CliDriver.splitSemiColon`, line for line. */
export function splitSemiColon(line: string): string[] {
  let insideSingleQuote = false;
  let insideDoubleQuote = false;
  let escape = false;
  let beginIndex = 0;
  const ret: string[] = [];
  for (let index = 0; index < line.length; index++) {
    const ch = line.charAt(index);
    if (ch === "'") {
      if (!escape) insideSingleQuote = !insideSingleQuote;
    } else if (ch === '"') {
      if (!escape) insideDoubleQuote = !insideDoubleQuote;
    } else if (ch === ";") {
      if (!(insideSingleQuote || insideDoubleQuote)) {
        ret.push(line.substring(beginIndex, index));
        beginIndex = index + 1;
      }
    }
    if (escape) escape = false;
    else if (ch === "\\") escape = true;
  }
  ret.push(line.substring(beginIndex));
  return ret;
}
