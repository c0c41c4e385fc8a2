import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, openApp, type AppSession } from './harness';
import { simulatedPrinter, stopPrintersAfterEach } from './printer-sim';
import { visibleText, walkToOutcome } from './ui';
import { openLockedStore, TECHNICIAN_SCREENS, withoutPrintSystem } from './technician-screens';
import { needs } from '../helpers/needs';

const need = needs('socat', 'chromium');

afterAll(closeBrowser);
stopPrintersAfterEach();

/**
 * What may stay in Latin letters on a Chinese screen, and why:
 * - names of things as printed on them: makers, models, protocols, operating systems, the apps a
 *   customer pays with when no Chinese name is in use (Epson, TM-T88VI, Star, Concert, POSLink);
 * - capital abbreviations Chinese text uses as they are (DNS, USB, POS, PIN, MAC, CSV, ESC/POS);
 * - codes, numbers and units (A0, 51, 9600, ms), ports, paths, addresses and host names;
 * - the one shell command that fixes a refused serial port on Linux (sudo usermod -aG dialout), and
 *   the system tools a port listing names (udevadm, sysfs);
 * - keys as printed on the keyboard (Ctrl, Alt, Shift, Cmd, Option);
 * - "App", which Chinese writes in Latin letters (商户App);
 * - "English" on the language switch: it names the other language in that language;
 * - the app's own English name beside its Chinese one on About ("收银台助手 Counter Assist"), and
 *   the operating system's and the runtime's names for themselves in About's platform lines
 *   (linux, darwin; Node, Electron, Chromium).
 */
const NAMES = new Set([
  'Node',
  'Electron',
  'Chromium',
  'Epson',
  'Star',
  'Concert',
  'POSLink',
  'Ingenico',
  'Telium',
  'PAX',
  'Linux',
  'Windows',
  'macOS',
  'Excel',
  'Wi-Fi',
  'App',
  'English',
  'Ctrl',
  'Alt',
  'Shift',
  'Cmd',
  'Option',
  'Win',
]);
const WORDS = new Set([
  'ms',
  'escpos',
  'star',
  'concert',
  'poslink',
  'landi-mis',
  'allinpay-mis',
  'sudo',
  'usermod',
  'aG',
  'dialout',
  'USER',
  'lo',
  'tcp',
  'dev',
  'tty',
  'ttyS',
  'pts',
  'usb',
  'lp',
  'udevadm',
  'sysfs',
  'linux',
  'darwin',
]);

/** Latin words on the page that are not a name, an abbreviation, a code or a path. */
function englishWords(text: string): string[] {
  const cleaned = text
    .replace(/\b[a-z]+:\/\/\S+/g, ' ') // tcp://127.0.0.1:9100
    .replace(/(?:\/[\w.-]+)+/g, ' ') // /dev/ttyUSB0, /tmp/…/settings.json
    .replace(/\b[\w-]+(?:\.[\w-]+)+\b/g, ' ') // www.95516.com, settings.json, 1.2.3
    .replace(/\b[A-Za-z]:\\\S*/g, ' '); // C:\…
  const out: string[] = [];
  for (const w of cleaned.match(/[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*/g) ?? []) {
    if (/\d/.test(w)) continue; // models and codes: TM-T88VI, A0, eth0
    if (/^[A-Z][A-Z/+-]*$/.test(w)) continue; // DNS, USB, ESC, POS, PIN
    if (NAMES.has(w) || WORDS.has(w)) continue;
    out.push(w);
  }
  return out;
}

/** Every screen is looked at before the test fails, so one run lists all that is left. */
const left: Record<string, string[]> = {};
async function expectNoEnglish(app: AppSession, screen: string): Promise<void> {
  const text = await visibleText(app.page);
  const lines = text.split('\n').filter((l) => englishWords(l).length > 0);
  if (lines.length) left[screen] = lines;
  await app.shot(`chinese-${screen}`);
}

describe.skipIf(need.skip)('the Chinese screens', () => {
  it('the rule itself: English words fail, names, codes and paths pass', () => {
    expect(englishWords('路由器 127.0.0.1 有应答（端口 53：拒绝连接（说明它在），2 ms）')).toEqual([]);
    expect(englishWords('爱普生 Epson TM-T88VI，ESC/POS，/dev/ttyUSB0，代码 A0，sudo usermod -aG dialout $USER')).toEqual([]);
    expect(englishWords('router 127.0.0.1 answers (port 53: refused)')).toEqual(['router', 'answers', 'port', 'refused']);
    expect(englishWords('详情：printer notes: printing stopped at paper end')).toContain('printer');
    expect(englishWords('不能解析：ENOTFOUND')).toEqual([]);
  });

  it('carry no English sentence on any screen', { timeout: 120_000 }, async () => {
    // Paper end with bit 5 of DLE EOT 2 set: the printer's own note "printing stopped at paper end".
    const { pty } = await simulatedPrinter('paper-end');
    const app = await openApp({ viewport: { width: 1024, height: 768 } });
    const { page } = app;
    await app.core.api.settings.set({
      store: { name: 'Happy Mart 幸福超市', merchantId: '898310048161234', terminalId: '10293847' },
      devices: { printer: { target: pty.app, protocol: 'escpos', monitored: false, owned: false } },
    });
    NAMES.add('Happy').add('Mart'); // the store's own name, as the owner typed it
    await app.core.api.incidents.record({ symptom: 'receipt-print', paidBy: 'wechat', amount: 25.5, note: '换了纸卷' });
    await app.reload();
    await page.getByTestId('tiles').locator('button').first().waitFor();

    await page.getByTestId('code-box').fill('51');
    await page.getByTestId('code-card').waitFor();
    await page.getByTestId('search-box').fill('缺纸');
    await page.getByTestId('search-results').waitFor();
    await expectNoEnglish(app, 'triage');

    await page.getByTestId('code-box').press('Enter');
    await page.getByTestId('code-screen').getByTestId('code-card').waitFor();
    await expectNoEnglish(app, 'code');
    await page.getByTestId('tab-triage').click();
    await page.getByTestId('code-box').fill('Z9');
    await page.getByTestId('code-unknown').waitFor();
    await expectNoEnglish(app, 'code-unknown');

    await page.getByTestId('tab-triage').click();
    await page.getByTestId('tile-declined').click();
    await page.getByTestId('flow-step').waitFor();
    await expectNoEnglish(app, 'flow-step');
    await walkToOutcome(page);
    await expectNoEnglish(app, 'flow-outcome');

    await page.getByTestId('tab-payments').click();
    await page.getByTestId('payment').first().waitFor();
    for (const head of await page.getByTestId('payment').locator('button.head').all()) {
      if ((await head.getAttribute('aria-expanded')) !== 'true') await head.click();
    }
    await expectNoEnglish(app, 'payments');

    // The technician's screen with everything open: the printer read (its notes), the network
    // layers on loopback, the port list and the traffic log.
    await page.getByTestId('tab-devices').click();
    await page.getByTestId('probe-printer').click();
    const status = page.getByTestId('device-printer').getByTestId('device-status');
    await status.waitFor();
    await status.locator('details summary').click();
    await page.getByTestId('check-network').click();
    await page.getByTestId('network').locator('table').waitFor({ timeout: 20_000 });
    await page.getByTestId('scan-ports').click();
    await page.getByTestId('ports').locator('[data-testid="port"], p.muted').first().waitFor();
    await expectNoEnglish(app, 'devices');

    await page.getByTestId('open-incidents').click();
    await page.getByTestId('incidents-list').waitFor();
    await page.getByTestId('export-csv').click();
    await page.getByTestId('exported').waitFor();
    await expectNoEnglish(app, 'incidents');
    await page.getByTestId('tab-devices').click();
    await page.getByTestId('open-maintenance').click();
    await page.getByTestId('maintenance-tick').first().waitFor();
    await expectNoEnglish(app, 'maintenance');

    await page.getByTestId('tab-settings').click();
    await page.getByTestId('field-store.terminalId').fill('10-29');
    await page.getByTestId('save-settings').click();
    await page.getByTestId('reason-store.terminalId').waitFor();
    await expectNoEnglish(app, 'settings');
    expect(left, 'English left on the Chinese screens').toEqual({});
    expect(app.blocked).toEqual([]);
    await app.close();
  });

  it('carry no English sentence on the technician screens, the setup and About', { timeout: 120_000 }, async () => {
    const restore = await withoutPrintSystem();
    const app = await openLockedStore({ width: 1024, height: 768 });
    try {
      for (const screen of TECHNICIAN_SCREENS) {
        await screen.open(app.page);
        const text = (await visibleText(app.page)).split('Counter Assist').join('');
        const lines = text.split('\n').filter((l) => englishWords(l).length > 0);
        expect(lines, `English left on the Chinese ${screen.name} screen`).toEqual([]);
        await app.shot(`chinese-${screen.name}`);
      }
      expect(app.blocked).toEqual([]);
    } finally {
      restore();
      await app.close();
    }
  });
});
