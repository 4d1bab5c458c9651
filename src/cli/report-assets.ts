import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ReportAssets } from "../report/render-report.js";

const require = createRequire(import.meta.url);
const REPORT_TEMPLATES = fileURLToPath(new URL("../../templates/report/", import.meta.url));

let cached: ReportAssets | undefined;

/**
 * The report page's scripts and style: d3 and Observable Plot's own minified UMD builds (pinned in
 * package-lock.json), then templates/report/report.js and report.css. Read once per process.
 */
export function reportAssets(): ReportAssets {
  cached ??= {
    scripts: [
      { name: "d3", text: readFileSync(join(packageDir("d3"), "dist", "d3.min.js"), "utf8") },
      { name: "@observablehq/plot", text: readFileSync(join(packageDir("@observablehq/plot"), "dist", "plot.umd.min.js"), "utf8") },
      { name: "trailhive-report", text: readFileSync(join(REPORT_TEMPLATES, "report.js"), "utf8") },
    ],
    style: readFileSync(join(REPORT_TEMPLATES, "report.css"), "utf8"),
  };
  return cached;
}

/** A package's folder: its exports hide package.json and dist/, so walk up from its entry point. */
function packageDir(name: string): string {
  let dir = dirname(require.resolve(name));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string };
      if (pkg.name === name) return dir;
    } catch {
      // no package.json here: keep walking up
    }
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find the folder of ${name} (installed with trailhive)`);
    dir = up;
  }
}
