// The sha256 of an entry jar's Java sources (common + the version's module), recorded in the jar's
// manifest so a test can tell a committed jar that no longer matches its sources.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { engineModule, type HiveVersion } from "../../src/engine/hive-version.js";

export const engineRoot = fileURLToPath(new URL("..", import.meta.url));

export function sourceRoots(version: HiveVersion): string[] {
  return [join(engineRoot, "common/src/main/java"), join(engineRoot, engineModule(version), "src/main/java")];
}

export function javaSources(version: HiveVersion): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? walk(p) : n.endsWith(".java") ? [p] : [];
    });
  return sourceRoots(version).flatMap(walk).sort();
}

export function sourceHash(version: HiveVersion): string {
  const h = createHash("sha256");
  for (const f of javaSources(version)) {
    h.update(relative(engineRoot, f).replaceAll("\\", "/") + "\0");
    h.update(readFileSync(f, "utf8").replaceAll("\r\n", "\n") + "\0");
  }
  return h.digest("hex");
}
