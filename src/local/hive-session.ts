/**
 * What the local run needs from the embedded Hive (the engine's `runHiveSession`): one JVM runs the
 * statements in order against the metastore and warehouse of `workDir`, and says for each one
 * whether it worked, with its rows, or Hive's error line. Declared here as a port so the orchestration
 * can be driven by the real engine from the CLI and read without it.
 *
 * @example
 *   const session: HiveSession = (req) => runHiveSession(req);
 */
export type StatementResult = { ok: true; columns?: string[]; rows?: (string | null)[][] } | { ok: false; errorLine: string; message: string };

export interface SessionResult {
  results: StatementResult[];
}

export interface HiveSession {
  (request: { workDir: string; statements: string[]; hivevars?: Record<string, string> }): Promise<SessionResult>;
  /**
   * Hands statements to an engine that stays up, to run once while it would idle (`doneFile` is written
   * when they all succeeded; they are skipped when it exists). A user's request stops them before the
   * next statement, but those from `commitFrom` on, once begun, run to their end. Absent, or false, when
   * no engine stays up.
   */
  background?(request: { workDir: string; statements: string[]; settings: Readonly<Record<string, string>>; doneFile: string; commitFrom?: number }): Promise<boolean>;
}

/** Hive error kinds users recognise from `hive -f`, for when an error comes without its FAILED line. */
const HIVE_ERROR = /\b(?:ParseException|SemanticException|HiveException|CalciteSemanticException|AnalysisException|MetaException)\b[^\n]*/;

/**
 * The one line to show for a failed statement: Hive's own error line when the engine has it, else the
 * first line of the message that names a Hive exception, else the message's first line. Never a stack.
 *
 * @example
 *   hiveErrorLine({ errorLine: "", message: "org.apache...ParseException: line 1:7 cannot recognize input\n\tat ..." })
 *   // "ParseException: line 1:7 cannot recognize input"
 */
export function hiveErrorLine(result: { errorLine: string; message: string }): string {
  if (result.errorLine.trim() !== "") return result.errorLine.trim();
  const named = HIVE_ERROR.exec(result.message);
  if (named !== null) return named[0].trim();
  return (result.message.split("\n")[0] ?? "").trim() || "Hive failed without a message";
}
