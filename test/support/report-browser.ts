import assert from "node:assert/strict";
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";

/**
 * Opens report pages in Debian's headless Chromium through playwright-core, with the network cut:
 * the context is offline and every request but the page's own file is aborted and recorded, so a test
 * sees any request the page tries. Console messages and page errors are recorded too.
 *
 * @example
 *   await withReportPage(file, "schema", async (page, seen) => { ... });
 */
export const CHROMIUM = process.env["CHROMIUM"] ?? "/usr/bin/chromium";

/** Screenshots go here (ignored by git): test output, not fixtures. */
export const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "test-output", "reports");

/**
 * Why the browser tests cannot run here, or undefined when they can. In CI a missing browser fails
 * the run instead (`.ci/run` installs it).
 */
export function browserMissing(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  const why = `${CHROMIUM} not found: install Debian's chromium (apt-get install chromium), as .ci/run does, or set CHROMIUM`;
  if (process.env["CI"] === "true") throw new Error(why);
  return why;
}

export interface PageWatch {
  /** every console message of type error or warning, and every uncaught page error */
  problems: string[];
  /** every URL the page asked for besides its own file */
  requests: string[];
}

let shared: Promise<Browser> | undefined;

function browser(): Promise<Browser> {
  // Flags: no sandbox (CI runs as root), and none of Chromium's own background connections, which
  // this machine's closed network refuses (they would show as failed requests of the browser, not the page).
  shared ??= chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  return shared;
}

export async function closeBrowser(): Promise<void> {
  if (shared !== undefined) await (await shared).close();
  shared = undefined;
}

/** Opens `file` and gives the page and what it did; the screenshot `name`.png is saved after `use`. */
export async function withReportPage<T>(file: string, name: string, use: (page: Page, watch: PageWatch) => Promise<T>): Promise<T> {
  const context = await (await browser()).newContext({ offline: true, viewport: { width: 1400, height: 1000 } });
  const watch: PageWatch = { problems: [], requests: [] };
  const own = pathToFileURL(file).href;
  await context.route("**/*", async (route) => {
    const url = route.request().url();
    if (url === own) return route.continue();
    watch.requests.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") watch.problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => watch.problems.push(`pageerror: ${e.message}`));
  page.on("request", (r) => {
    if (r.url() !== own && !watch.requests.includes(r.url())) watch.requests.push(r.url());
  });
  try {
    await page.goto(own, { waitUntil: "load" });
    await page.waitForSelector("main#report h1");
    const result = await use(page, watch);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
    assert.deepEqual(watch.problems, [], "no console error or warning, no page error");
    assert.deepEqual(watch.requests, [], "the page makes no request");
    return result;
  } finally {
    await context.close();
  }
}

/** The timeline's marks: one SVG element per mark inside Plot's dot group. */
export async function timelineMarks(page: Page): Promise<number> {
  return page.locator('#timeline-chart svg g[aria-label="dot"] :is(circle, path)').count();
}

/** The text of the data rows the virtualised table shows now (spacer rows left out). */
export async function shownRows(page: Page): Promise<string[][]> {
  return page.$$eval("#rows table.rows tbody tr:not(.spacer)", (trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")));
}

/** Waits until the table's row count reads exactly `text` (the filter is applied after a short pause). */
export async function waitForRowCount(page: Page, text: string): Promise<void> {
  await page.locator("#row-count", { hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`) }).waitFor();
}
