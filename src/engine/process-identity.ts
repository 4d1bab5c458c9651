import { execFileSync } from "node:child_process";
import { readFileSync, realpathSync } from "node:fs";
import { dirname } from "node:path";
import { CLASS_PATH_JAR } from "./launch-args.js";

/**
 * Whether a pid is still the kept engine a descriptor describes, from what the OS says about it: its
 * command line must be the engine's (`<mainClass> ... --serve <descriptorPath> <key>`) and its start
 * time the one the engine recorded (a pid reused by another process after the engine died starts
 * later). Nothing is ever signalled on a descriptor's word alone.
 *
 * - "engine": the process is that engine
 * - "gone": it has exited (a zombie its parent has not reaped yet still answers kill 0)
 * - "reused": the descriptor recorded a start time and this process started at another: the engine is gone
 * - "other": a live process that is not that engine (a forged descriptor, or one written before start times were recorded)
 * - "unknown": the OS would not say (not Linux or macOS, or /proc hidden): ask the engine itself
 *
 * @example
 *   engineProcess(4242, { descriptorPath: "/w/engine.json", key: "ab12", mainClass: "dev.trailhive.engine.Main", started: "stat:81234" }); // "engine"
 */
export type EngineProcess = "engine" | "gone" | "reused" | "other" | "unknown";

export interface EngineClaim {
  descriptorPath: string;
  key: string;
  mainClass: string;
  /** as the engine recorded it: `stat:<ticks>` (Linux) or `ms:<epoch ms>` */
  started?: string | undefined;
}

interface Observed {
  started: string;
  exited?: boolean;
  /** argv as exec gave it (Linux), or the command line joined by spaces (macOS) */
  argv?: string[];
  command?: string;
}

export function engineProcess(pid: number, claim: EngineClaim): EngineProcess {
  const seen = observe(pid);
  if (seen === undefined) return "unknown";
  if (seen.exited === true) return "gone";
  if (claim.started !== undefined && !sameStart(claim.started, seen.started)) return "reused";
  return commandIsEngine(seen, claim) ? "engine" : "other";
}

function observe(pid: number): Observed | undefined {
  try {
    if (process.platform === "linux") {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      // the name in parentheses may hold spaces and parentheses: fields are counted after the last ')'
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      const exited = fields[0] === "Z" || fields[0] === "X";
      return { started: `stat:${fields[22 - 3]}`, exited, argv: argv.at(-1) === "" ? argv.slice(0, -1) : argv };
    }
    if (process.platform === "darwin") {
      const ps = (field: string) => execFileSync("ps", ["-ww", "-o", `${field}=`, "-p", String(pid)], { encoding: "utf8", timeout: 5_000 }).trim();
      const started = Date.parse(ps("lstart"));
      return Number.isNaN(started) ? undefined : { started: `ms:${started}`, command: ps("command") };
    }
  } catch {
    // gone meanwhile, or not ours to read
  }
  return undefined;
}

/** Linux's ticks compare exactly; macOS's `ps` gives whole seconds where Java gave milliseconds. */
function sameStart(recorded: string, seen: string): boolean {
  if (recorded.startsWith("stat:") || seen.startsWith("stat:")) return recorded === seen;
  const a = Number(recorded.slice(3));
  const b = Number(seen.slice(3));
  return recorded.startsWith("ms:") && Number.isFinite(a) && Math.abs(Math.floor(a / 1000) * 1000 - b) <= 1000;
}

function commandIsEngine(seen: Observed, claim: EngineClaim): boolean {
  if (seen.argv !== undefined) {
    const i = seen.argv.indexOf("--serve");
    // `<mainClass> --serve`, or `-jar classpath.jar --serve` when the classpath needed a jar of its own (launch-args.ts)
    const entry = seen.argv[i - 1];
    return i > 0 && (entry === claim.mainClass || (entry === CLASS_PATH_JAR && seen.argv[i - 2] === "-jar")) && samePath(seen.argv[i + 1], claim.descriptorPath) && seen.argv[i + 2] === claim.key;
  }
  const command = seen.command ?? "";
  const tail = ` --serve ${claim.descriptorPath} ${claim.key} `;
  return command.includes(` ${claim.mainClass}${tail}`) || command.includes(` -jar ${CLASS_PATH_JAR}${tail}`);
}

/** The same descriptor file, also when one of the two names its folder through a link. */
function samePath(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  if (a === b) return true;
  try {
    return realpathSync(dirname(a)) === realpathSync(dirname(b)) && a.slice(dirname(a).length) === b.slice(dirname(b).length);
  } catch {
    return false;
  }
}
