import { TrailhiveError } from "../errors.js";

/**
 * `--param KEY=VALUE` flags into a record; the value may itself hold `=`. A flag without `=` or given
 * twice is a usage error.
 *
 * @example
 *   parseParams(["group_id=sg-1", "from=2026-01-19"])  // { group_id: "sg-1", from: "2026-01-19" }
 */
export function parseParams(flags: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const flag of flags) {
    const at = flag.indexOf("=");
    if (at <= 0) throw new TrailhiveError("USAGE_BAD_PARAM", `--param ${JSON.stringify(flag)} must be written KEY=VALUE, e.g. --param group_id=sg-0123`, { flag });
    const key = flag.slice(0, at);
    if (Object.hasOwn(out, key)) throw new TrailhiveError("USAGE_BAD_PARAM", `--param ${key} is given twice`, { key });
    out[key] = flag.slice(at + 1);
  }
  return out;
}
