// Writes the README's picture (docs/images/): the triage screen of a store that is set up, in
// Chinese, as the UI tests open it (the built renderer in Chromium on a real core).
// `npm run docs:screenshots`; needs Chromium (npm run test:setup).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import buildRendererIfStale from '../tests/e2e/global-setup';
import { closeBrowser, openApp, ROOT } from '../tests/e2e/harness';

const dir = join(ROOT, 'docs', 'images');
mkdirSync(dir, { recursive: true });
buildRendererIfStale();
const app = await openApp();
try {
  await app.page.getByTestId('code-box').waitFor();
  // The tiles and the device strip arrive a moment after the code box.
  await app.page.getByTestId('tiles').locator('li').first().waitFor();
  const file = join(dir, 'triage-zh-CN.png');
  await app.page.screenshot({ path: file });
  console.log(`wrote docs/images/triage-zh-CN.png`);
} finally {
  await app.close();
  await closeBrowser();
}
