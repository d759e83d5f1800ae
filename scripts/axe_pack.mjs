// axe-core over one HTML file in the system's Chromium (puppeteer-core: no browser is
// downloaded). Every rule axe has, at every impact; prints the violations, exits 1 on any.
// Usage: node axe_pack.mjs FILE.html   (CHROMIUM names the browser; NODE_PATH the modules)
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const require = createRequire(process.env.NODE_PATH ? process.env.NODE_PATH + "/" : import.meta.url);
const puppeteer = require("puppeteer-core");
const axeSource = require("axe-core").source;

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
try {
  const page = await browser.newPage();
  await page.goto(pathToFileURL(process.argv[2]).href);
  // The pack's Content-Security-Policy forbids scripts: axe comes in through the
  // DevTools protocol, past the page's policy, as a browser extension would.
  await page.setBypassCSP(true);
  await page.reload();
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => axe.run(document, { resultTypes: ["violations"] }));
  for (const v of result.violations) {
    console.log(`${v.impact}: ${v.id} – ${v.help} (${v.nodes.length})`);
    for (const n of v.nodes.slice(0, 3)) console.log(`    ${n.target.join(" ")}`);
  }
  console.log(`axe-core ${result.testEngine.version}: ${result.violations.length} violations, ` +
              `${result.passes.length} rules passed`);
  process.exitCode = result.violations.length ? 1 : 0;
} finally {
  await browser.close();
}
