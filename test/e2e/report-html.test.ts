import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { useTestDb } from '../helpers/db.js';
import { runCli } from '../helpers/cli.js';
import { addDaysIso, seedUser } from '../helpers/seed.js';

const today = new Date().toISOString().slice(0, 10);

describe('report --html', () => {
  const t = useTestDb('postgres');
  let browser: Browser;
  beforeAll(async () => {
    await seedUser(t.db, 'dana', { days: 30, start: addDaysIso(today, -30) });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('writes one self-contained page whose charts render, with no network request', async () => {
    const file = path.join(t.dir, 'report.html');
    const r = await runCli(['report', '--html', file], { db: t.url, home: t.dir });
    expect(r.stderr).toContain('wrote');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const html = fs.readFileSync(file, 'utf8');
    expect(html).not.toMatch(/<script|<link|src=|url\(/i);
    expect(fs.readdirSync(t.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (req) => {
      if (!req.url().startsWith('file://')) requests.push(req.url());
    });
    await page.goto(`file://${file}`);
    await page.waitForLoadState('load');

    const charts = await page.$$eval('svg.chart', (svgs) => svgs.map((s) => ({ w: s.getBoundingClientRect().width, h: s.getBoundingClientRect().height })));
    expect(charts.length).toBe(2);
    for (const c of charts) {
      expect(c.w).toBeGreaterThan(100);
      expect(c.h).toBeGreaterThan(50);
    }
    const paths = await page.$$eval('#weight path.series', (ps) => ps.map((p) => ({ name: p.getAttribute('data-series'), d: p.getAttribute('d') ?? '', len: (p as SVGPathElement).getTotalLength() })));
    expect(paths.map((p) => p.name)).toEqual(['weight', 'trend']);
    for (const p of paths) {
      expect(p.d).toMatch(/^M[\d.]+,[\d.]+( L[\d.]+,[\d.]+){29}$/);
      expect(p.len).toBeGreaterThan(100);
    }
    // The band coaches recommend (0.5–1.0 % a week) is shaded on the weight chart, over the last four weeks.
    const band = await page.$$eval('#weight path.band', (ps) => ps.map((p) => ({ name: p.getAttribute('data-band'), box: p.getBoundingClientRect() })));
    expect(band).toHaveLength(1);
    expect(band[0]!.name).toBe('recommended 0.5–1.0 % a week');
    expect(band[0]!.box.width).toBeGreaterThan(300);
    expect(band[0]!.box.height).toBeGreaterThan(5);
    expect(await page.textContent('#weight')).toMatch(/Weekly rate −\d\.\d\d % of body weight: (below|within|above) the 0\.5–1\.0 % a week recommended for a cut/);
    expect(await page.textContent('#weight')).toContain('Goal "Reach 220 lb": needs −');
    const bars = await page.$$eval('#lifts rect.bar', (rs) => rs.map((b) => b.getBoundingClientRect().height));
    expect(bars.length).toBeGreaterThanOrEqual(4);
    expect(Math.max(...bars)).toBeGreaterThan(10);
    const goalBars = await page.$$eval('#goals svg.progress', (ss) => ss.length);
    expect(goalBars).toBe(2);
    expect(await page.textContent('#summary')).toContain('Open action');
    expect(await page.title()).toBe('fittrack report — Dana');
    expect(requests).toEqual([]);
    await page.close();
  });
});
