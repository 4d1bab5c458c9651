import { TrailhiveError } from "../errors.js";

/**
 * One jar of an engine classpath, pinned by Maven coordinates and the sha1 Maven Central serves
 * beside it. The lock file (`hive-engine/dist/hive-<version>.jars.tsv`) lists them in classpath order,
 * one per line: groupId, artifactId, version, classifier (or empty), sha1, size in bytes.
 *
 * @example
 *   const refs = parseJarLock(readFileSync(lockPath, "utf8"), lockPath);
 *   mavenPath(refs[0]!); // "org/apache/hive/hive-exec/4.1.0/hive-exec-4.1.0.jar"
 */
export interface JarRef {
  groupId: string;
  artifactId: string;
  version: string;
  classifier?: string;
  sha1: string;
  size: number;
}

const SHA1 = /^[0-9a-f]{40}$/;

export function parseJarLock(text: string, path: string): JarRef[] {
  const refs: JarRef[] = [];
  text.split("\n").forEach((line, i) => {
    if (line.trim() === "" || line.startsWith("#")) return;
    const [groupId, artifactId, version, classifier, sha1, size] = line.split("\t");
    if (!groupId || !artifactId || !version || classifier === undefined || !sha1 || !SHA1.test(sha1) || !size || !/^\d+$/.test(size)) {
      throw new TrailhiveError("LOCAL_JAR_LIST_INVALID", { problem: "bad-line", path, line: i + 1 });
    }
    refs.push({ groupId, artifactId, version, ...(classifier ? { classifier } : {}), sha1, size: Number(size) });
  });
  if (refs.length === 0) throw new TrailhiveError("LOCAL_JAR_LIST_INVALID", { problem: "empty", path });
  return refs;
}

export function formatJarLock(refs: readonly JarRef[], header: readonly string[]): string {
  const lines = header.map((h) => `# ${h}`);
  for (const r of refs) lines.push([r.groupId, r.artifactId, r.version, r.classifier ?? "", r.sha1, String(r.size)].join("\t"));
  return lines.join("\n") + "\n";
}

/** The jar's path in Maven repository layout (the same under Maven Central and a local repository). */
export function mavenPath(ref: Pick<JarRef, "groupId" | "artifactId" | "version" | "classifier">): string {
  const file = `${ref.artifactId}-${ref.version}${ref.classifier ? `-${ref.classifier}` : ""}.jar`;
  return [...ref.groupId.split("."), ref.artifactId, ref.version, file].join("/");
}

/** The coordinates of a jar from its path inside a Maven repository (inverse of mavenPath). */
export function refFromMavenPath(relPath: string): Pick<JarRef, "groupId" | "artifactId" | "version" | "classifier"> {
  const parts = relPath.split(/[\\/]/);
  const file = parts.pop();
  const version = parts.pop();
  const artifactId = parts.pop();
  if (!file || !version || !artifactId || parts.length === 0 || !file.endsWith(".jar")) {
    throw new TrailhiveError("INTERNAL_MAVEN_PATH", { relPath });
  }
  const stem = `${artifactId}-${version}`;
  const rest = file.slice(stem.length, -".jar".length);
  return { groupId: parts.join("."), artifactId, version, ...(rest.startsWith("-") ? { classifier: rest.slice(1) } : {}) };
}
