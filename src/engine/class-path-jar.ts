import { delimiter } from "node:path";
import { crc32 } from "node:zlib";
import { fileUri } from "./file-uri.js";

/**
 * A classpath the JVM cannot take on `-cp`: there, entries are split on the path separator (`:`;
 * `;` on Windows) and nothing escapes it, so a jar below a folder whose name holds one (a cache under
 * "a:b", an install path with a `;`) would be cut in two. Such a classpath goes in a manifest-only
 * jar instead, started with `java -jar`: its Class-Path lists every entry as a percent-encoded `file:`
 * URL (fileUri), which the JVM decodes, and Main-Class names the entry point.
 *
 * @example
 *   needsClassPathJar(["/cache/a:b/maven/x.jar"]); // true on Linux and macOS
 *   writeFileSync(jarPath, classPathJar("dev.trailhive.engine.Main", classpath));
 *   spawn(java, [...flags, "-jar", jarPath, ...args]);
 */
export function needsClassPathJar(classpath: readonly string[], separator: string = delimiter): boolean {
  return classpath.some((entry) => entry.includes(separator));
}

/** The manifest's text: `Name: value` lines of at most 72 bytes, continued on lines that start with a space. */
export function classPathManifest(mainClass: string, classpath: readonly string[]): string {
  const fields = [
    ["Manifest-Version", "1.0"],
    ["Main-Class", mainClass],
    ["Class-Path", classpath.map((entry) => fileUri(entry)).join(" ")],
  ];
  return fields.map(([name, value]) => wrap(`${name}: ${value}`)).join("") + "\r\n";
}

/** The bytes of a jar holding only that manifest (a zip with one stored entry, fixed time: same input, same bytes). */
export function classPathJar(mainClass: string, classpath: readonly string[]): Buffer {
  const name = Buffer.from("META-INF/MANIFEST.MF", "ascii");
  const data = Buffer.from(classPathManifest(mainClass, classpath), "ascii");
  const crc = crc32(data);
  // 2026-01-01 00:00 in MS-DOS date/time fields
  const dosTime = 0;
  const dosDate = ((2026 - 1980) << 9) | (1 << 5) | 1;
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(10, 4); // version needed: 1.0 (stored)
  local.writeUInt16LE(0, 6); // flags
  local.writeUInt16LE(0, 8); // method: stored
  local.writeUInt16LE(dosTime, 10);
  local.writeUInt16LE(dosDate, 12);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);
  local.writeUInt16LE(0, 28);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4); // made by
  central.writeUInt16LE(10, 6);
  central.writeUInt16LE(0, 8);
  central.writeUInt16LE(0, 10);
  central.writeUInt16LE(dosTime, 12);
  central.writeUInt16LE(dosDate, 14);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(name.length, 28);
  // extra, comment, disk, internal and external attributes: 0; the local header at offset 0
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(local.length + name.length + data.length, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}

/** One manifest field as lines of at most 72 bytes (the value is ASCII: fileUri encodes the rest). */
function wrap(line: string): string {
  const out = [line.slice(0, 72)];
  for (let at = 72; at < line.length; at += 71) out.push(" " + line.slice(at, at + 71));
  return out.map((l) => l + "\r\n").join("");
}
