/**
 * The probable cause of a failed Hive step, found in its logs: Hive's driver prints one
 * `FAILED: <Exception> ...` line for compile and execution errors (`FAILED: SemanticException [Error 10001]:
 * Line 3:5 Table not found 'x'`, `FAILED: ParseException line 1:0 cannot recognize input near ...`);
 * without one, the first line that names an error or exception is the best hint.
 */
export interface LogFile {
  /** stderr, syslog, controller or stdout */
  name: string;
  uri: string;
  text: string;
}

export interface ProbableCause {
  line: string;
  uri: string;
}

/** Patterns in the order they are trusted: Hive's own verdict first, then generic hints. */
const CAUSE_PATTERNS: readonly RegExp[] = [
  /^FAILED: .+$/m,
  /^Error: .+$/m,
  /^.*\b(?:ParseException|SemanticException|HiveException)\b.*$/m,
  /^.*\bException in thread\b.*$/m,
  /^.*\b(?:ERROR|Exception)\b.*$/m,
];

/** Files in the order they are searched: Hive writes its verdict on stderr. */
const FILE_ORDER = ["stderr", "syslog", "controller", "stdout"];

/**
 * @example
 *   probableCause([{ name: "stderr", uri: "s3://l/j-1/steps/s-1/stderr.gz", text: "FAILED: ParseException line 1:0 ..." }])
 *   // { line: "FAILED: ParseException line 1:0 ...", uri: "s3://l/j-1/steps/s-1/stderr.gz" }
 */
export function probableCause(logs: LogFile[]): ProbableCause | undefined {
  const ordered = [...logs].sort((a, b) => rank(a.name) - rank(b.name));
  for (const pattern of CAUSE_PATTERNS) {
    for (const log of ordered) {
      const match = pattern.exec(log.text);
      if (match) return { line: match[0].trim(), uri: log.uri };
    }
  }
  return undefined;
}

function rank(name: string): number {
  const i = FILE_ORDER.indexOf(name);
  return i === -1 ? FILE_ORDER.length : i;
}
