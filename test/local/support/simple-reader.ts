import type { StageReadResult } from "../../../src/local/stage-logs.js";

/**
 * A small stand-in for infer's readLogFile in unit tests of staging: it knows the four containers
 * and nothing else (no digest or Insight detection), which is all these tests feed it.
 */
export function simpleReader(bytes: Buffer, path: string): StageReadResult {
  const text = bytes.toString("utf8");
  try {
    const value = JSON.parse(text) as unknown;
    if (Array.isArray(value)) return { kind: "log", container: "array", records: value as Record<string, unknown>[] };
    const object = value as Record<string, unknown>;
    if (Array.isArray(object["Records"])) return { kind: "log", container: "records", records: object["Records"] as Record<string, unknown>[] };
    return { kind: "log", container: "event", records: [object] };
  } catch {
    const lines = text.split("\n").filter((l) => l.trim() !== "");
    try {
      return { kind: "log", container: "lines", records: lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
    } catch (error) {
      return { kind: "skipped", reason: "invalid-json", message: `${path}: ${(error as Error).message}` };
    }
  }
}
