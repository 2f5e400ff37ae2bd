/**
 * report.html as a person sees it: the lab's report folder, made by the built CLI, opened in
 * real headless Chromium (Debian's, driven by playwright-core; .ci/run installs it). Fails on
 * any console error, page error or request; checks every chart drew, every verdict link lands,
 * a phone's width needs no sideways scroll of the page, and print renders; saves a screenshot.
 * Under CI=true it runs, never skips.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHROMIUM = '/usr/bin/chromium';
const runs = process.env.CI === 'true' || existsSync(CHROMIUM);

describe.runIf(runs)('report.html in Chromium', () => {
  const folder = join(mkdtempSync(join(tmpdir(), 'headroom-browser-')), 'lab');
  const url = pathToFileURL(join(folder, 'report.html')).href;
  let browser: Browser;

  beforeAll(async () => {
    const run = spawnSync(process.execPath, ['bin/run.js', 'report', '--out', folder], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    browser = await chromium.launch({ executablePath: CHROMIUM });
  }, 120_000);
  afterAll(async () => browser?.close());

  async function open(viewport: { width: number; height: number }) {
    const page = await browser.newPage({ viewport });
    const problems: string[] = [];
    page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) => problems.push(`failed request: ${request.url()}`));
    page.on('request', (request) => request.url() !== url && problems.push(`request: ${request.url()}`));
    await page.goto(url);
    await page.waitForFunction(() => (window as unknown as { Chart?: { instances: object } }).Chart !== undefined);
    return { page, problems };
  }

  it('loads with no error and no request, and every chart canvas has drawn', async () => {
    const { page, problems } = await open({ width: 1280, height: 900 });
    const canvases = await page.$$eval('canvas', (all) =>
      all.map((canvas) => {
        const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
        let inked = 0;
        const colours = new Set<number>();
        for (let i = 0; i < data.length; i += 4) {
          if (data[i + 3]! > 0) inked++;
          colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
        }
        return { id: canvas.id, width: canvas.width, inked: inked / (data.length / 4), colours: colours.size };
      }),
    );
    // The lab: CPU, memory, disk, failover, after the worst failure, headroom, and two forecast
    // charts (the daily peaks, the day ahead) for each of 17 series (5 nodes and the cluster ×
    // CPU, memory, disk, but node05 serves its disks as pools): 6 + 2 × 17 = 40.
    expect(canvases.length).toBe(40);
    for (const canvas of canvases) {
      expect(canvas.width, canvas.id).toBeGreaterThan(0);
      expect(canvas.inked, canvas.id).toBeGreaterThan(0.02);
      expect(canvas.colours, canvas.id).toBeGreaterThan(10);
    }
    const shot = join(folder, '..', 'report.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(50_000);
    expect(problems).toEqual([]);
  });

  it('every verdict links to its evidence, and following one lands there', async () => {
    const { page, problems } = await open({ width: 1280, height: 900 });
    const targets = await page.$$eval('.verdicts a', (links) => links.map((a) => ({ href: a.getAttribute('href')!, exists: document.getElementById(a.getAttribute('href')!.slice(1)) !== null })));
    expect(targets.map((t) => t.href)).toEqual(['#failover', '#spof', '#forecast', '#forecast-loss', '#headroom']);
    expect(targets.every((t) => t.exists)).toBe(true);
    await page.click('.verdicts a[href="#headroom"]');
    expect(await page.evaluate(() => location.hash)).toBe('#headroom');
    expect(await page.evaluate(() => Math.abs(document.getElementById('headroom')!.getBoundingClientRect().top) < 5)).toBe(true);
    expect(problems).toEqual([]);
  });

  it("fits a phone's width (tables scroll inside their box) and prints", async () => {
    const { page, problems } = await open({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(100_000);
    expect(problems).toEqual([]);
  });
});
