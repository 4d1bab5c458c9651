import { createHash } from "node:crypto";
import { escapeHtml, inlineScriptText, jsonForScript } from "./html-text.js";
import type { ReportData } from "./report-data.js";

/** The page's scripts and style, read once at the edge (src/cli/report-assets.ts). */
export interface ReportAssets {
  /** in load order: the charting library's dependencies, the library, then the page's own script */
  scripts: { name: string; text: string }[];
  style: string;
}

/**
 * One self-contained HTML page: the data as JSON, the scripts and style inline, and a
 * Content-Security-Policy that runs only those scripts (by hash) and lets nothing load, so the page
 * makes no request at all (docs/ARCHITECTURE.md, Reports). The same data and assets give the same
 * bytes. Pure.
 *
 * @example
 *   const html = renderReport(rowsReport(rows, source), assets);
 */
export function renderReport(data: ReportData, assets: ReportAssets): string {
  const scripts = assets.scripts.map((s) => ({ name: s.name, text: inlineScriptText(s.text) }));
  const hashes = scripts.map((s) => `'sha256-${createHash("sha256").update(s.text, "utf8").digest("base64")}'`);
  // style-src allows inline styles: the charting library writes its own <style> and style attributes;
  // with default-src 'none' no style can fetch anything, and styles cannot run script.
  const csp = [`default-src 'none'`, `script-src ${hashes.join(" ")}`, `style-src 'unsafe-inline'`, `img-src data:`, `base-uri 'none'`, `form-action 'none'`].join("; ");
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(data.title)}</title>`,
    `<style>${assets.style.replace(/<\/(style)/gi, "<\\/$1")}</style>`,
    "</head>",
    "<body>",
    `<noscript><p>This report draws its timeline and tables with JavaScript, which is turned off. The data is in the page source (report-data).</p></noscript>`,
    '<main id="report" aria-live="polite"></main>',
    `<script type="application/json" id="report-data">${jsonForScript(data)}</script>`,
    ...scripts.map((s) => `<script data-name="${escapeHtml(s.name)}">${s.text}</script>`),
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
