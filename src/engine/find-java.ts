import { spawn } from "node:child_process";
import { join } from "node:path";
import { TrailhiveError } from "../errors.js";

/**
 * Finds a Java 17+ runtime: `<javaHome>/bin/java` when a Java home is given (the CLI passes
 * JAVA_HOME), else `java` on the PATH. Only the local engine and the Hive harness need Java.
 *
 * @example
 *   const java = await findJava({ javaHome: process.env.JAVA_HOME }); // { path: "java", major: 17, version: "17.0.15" }
 */
export interface JavaRuntime {
  path: string;
  major: number;
  version: string;
}

export const MIN_JAVA = 17;

export const INSTALL_JAVA_HINT =
  "install a Java 17 (or newer) runtime: `apt-get install openjdk-17-jre-headless` on Debian/Ubuntu, " +
  "`brew install openjdk@17` on macOS, or Eclipse Temurin from https://adoptium.net; or point JAVA_HOME at one";

export async function findJava(options: { javaHome?: string | undefined; pathJava?: string } = {}): Promise<JavaRuntime> {
  const onPath = options.pathJava ?? "java";
  const candidates = options.javaHome ? [join(options.javaHome, "bin", "java"), onPath] : [onPath];
  const seen: string[] = [];
  for (const path of candidates) {
    const out = await versionOutput(path);
    if (out === undefined) {
      seen.push(`${path}: not found`);
      continue;
    }
    const m = /version "(\d+)(?:\.(\d+))?[^"]*"/.exec(out);
    const first = Number(m?.[1] ?? 0);
    // Java 8 and older report "1.8.0_..."
    const major = first === 1 ? Number(m?.[2] ?? 0) : first;
    const version = /version "([^"]+)"/.exec(out)?.[1] ?? "unknown";
    if (major >= MIN_JAVA) return { path, major, version };
    seen.push(`${path}: Java ${version}`);
  }
  throw new TrailhiveError("LOCAL_JAVA_MISSING", { candidates: seen, minJava: MIN_JAVA, hint: INSTALL_JAVA_HINT });
}

function versionOutput(path: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    let out = "";
    const child = spawn(path, ["-version"], { stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", () => resolve(undefined));
    child.on("close", (code) => resolve(code === 0 ? out : undefined));
  });
}
