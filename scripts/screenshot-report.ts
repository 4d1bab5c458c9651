// Saves a PNG of a report page as Debian's headless Chromium draws it, for the README:
//   npm run -s build && node bin/trailhive.js run --query security-group-changes examples/logs --report /tmp/seed.html
//   npx tsx scripts/screenshot-report.ts /tmp/seed.html docs/report-security-group-changes.png
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const [page, out] = process.argv.slice(2);
if (page === undefined || out === undefined) {
  console.error("usage: tsx scripts/screenshot-report.ts REPORT.html OUT.png");
  process.exit(2);
}
const browser = await chromium.launch({ executablePath: process.env["CHROMIUM"] ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"] });
try {
  const context = await browser.newContext({ offline: true, viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  const tab = await context.newPage();
  await tab.goto(pathToFileURL(resolve(page)).href);
  await tab.waitForSelector("main#report h1");
  // the hover card of the first mark, as a user pointing at it would see it
  const mark = tab.locator('#timeline-chart svg g[aria-label="dot"] path').nth(6);
  if ((await mark.count()) > 0) await mark.hover({ force: true });
  await tab.screenshot({ path: out, fullPage: false });
} finally {
  await browser.close();
}
