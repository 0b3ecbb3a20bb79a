import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, openBrowser, screenshot, signIn } from './browser.js';
import { ApiClient } from './http.js';

/**
 * Lights and the 红黄榜 in the browser, on the demo's 2022: the cockpit counts both lists and its
 * project count opens the lights; the red and yellow lists filter them, each project tagged, as many as the overview
 * counts; the operator raises the red-list line on the settings page and the red list shrinks;
 * the funds and letters pages of a year without records (this year; the demo ends in 2022) open the latest;
 * next year's attraction targets are copied from the latest year with targets on the targets page.
 */
const YEAR = 2022;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let operator: ApiClient;

interface Overview {
  total: { projects: number; counts: Record<string, number>; honours: { red: number; yellow: number } };
}
interface Settings {
  version: number;
  reporting: Record<string, number>;
}

beforeAll(async () => {
  browser = await openBrowser();
  operator = await ApiClient.signIn('operator');
});
afterEach(async (context) => {
  if (context.task.result?.state === 'fail') await screenshot(browser.page, `monitoring-failed-${context.task.name.slice(0, 24)}`);
});
afterAll(async () => {
  await browser?.close();
});

const overview = () => operator.json<Overview>('GET', `/api/v1/monitoring/overview?year=${YEAR}`);

/** The number shown on a Segmented option (e.g. "红榜 12"). */
async function optionCount(page: Page, label: string): Promise<number> {
  const text = (await page.getByTestId('lights-filter').getByText(label).first().textContent()) ?? '';
  return Number(/(\d+)\s*$/.exec(text)?.[1] ?? -1);
}

describe('lights and the red/yellow lists (红黄榜)', () => {
  it('the cockpit opens the lights; the red and yellow lists show their projects, as many as counted', async () => {
    const o = await overview();
    expect(o.total.honours.red + o.total.honours.yellow).toBeGreaterThan(0);
    const { page } = browser;
    await signIn(page, 'operator');
    await page.goto(`${baseUrl()}/cockpit?year=${YEAR}`);
    // The cockpit counts both lists.
    const kpi = async (list: string) => Number(((await page.getByTestId(`kpi-honour-${list}`).textContent()) ?? '').replace(/\D/g, ''));
    await expect.poll(() => kpi('red'), { timeout: 30_000 }).toBe(o.total.honours.red);
    expect(await kpi('yellow')).toBe(o.total.honours.yellow);
    // The year's latest closed observation tour ranks the units (the demo's second quarter of 2022).
    const observation = page.getByTestId('cockpit-observation');
    await expect.poll(async () => (await observation.textContent()) ?? '', { timeout: 15_000 }).toContain('2022年第二季度重大项目现场观摩');
    // The ranking comes with the tour's results, after the title.
    await expect.poll(() => observation.locator('tbody tr.ant-table-row').count(), { timeout: 15_000 }).toBe(3);
    await page.getByTestId('kpi-projects').click();
    await page.waitForURL(/\/monitoring\/lights\?/);
    await page.getByTestId('lights-filter').waitFor({ timeout: 30_000 });
    await expect.poll(() => optionCount(page, '红榜'), { timeout: 15_000 }).toBe(o.total.honours.red);
    expect(await optionCount(page, '黄榜')).toBe(o.total.honours.yellow);

    for (const [label, list, count] of [
      ['红榜', 'red', o.total.honours.red],
      ['黄榜', 'yellow', o.total.honours.yellow],
    ] as const) {
      await page.getByTestId('lights-filter').getByText(label).first().click();
      await expect.poll(() => new URL(page.url()).searchParams.get('honour'), { timeout: 15_000 }).toBe(list);
      // Every row carries the list's tag (the previous rows stay while the list loads).
      const rows = page.getByTestId('project-lights').locator('tbody tr.ant-table-row');
      await expect
        .poll(() => rows.filter({ has: page.getByTestId(`honour-${list}`) }).count(), { timeout: 15_000 })
        .toBe(Math.min(count, 20));
      expect(await rows.count()).toBe(Math.min(count, 20));
      await screenshot(page, `lights-honour-${list}`);
    }
    // The yellow list as a workbook: every project on it, tagged.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('lights-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^黄榜-.*\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await download.path())!);
    const sheet = book.worksheets[0]!;
    expect(sheet.actualRowCount).toBe(o.total.honours.yellow + 1);
    expect(sheet.getRow(2).getCell(4).text).toBe('黄榜');
  });

  it('the operator raises the red-list line on the settings page and the red list shrinks', async () => {
    const before = await overview();
    const settings = await operator.json<Settings>('GET', '/api/v1/settings/registry');
    const { page } = browser;
    await page.goto(`${baseUrl()}/settings/registry`);
    const line = page.locator('input[data-testid="settings-honour"], [data-testid="settings-honour"] input').first();
    await line.waitFor({ timeout: 15_000 });
    expect(await line.inputValue()).toBe(String(Math.round((settings.reporting.honourRatio ?? 1) * 100)));
    await line.fill('300');
    await page.getByTestId('settings-save').click();
    await expect
      .poll(async () => (await operator.json<Settings>('GET', '/api/v1/settings/registry')).reporting.honourRatio, { timeout: 15_000 })
      .toBe(3);
    const after = await overview();
    expect(after.total.honours.red).toBeLessThan(before.total.honours.red);
    expect(after.total.honours.yellow).toBe(before.total.honours.yellow);
    // Put the line back for whatever runs next.
    const saved = await operator.json<Settings>('GET', '/api/v1/settings/registry');
    await operator.json('PUT', '/api/v1/settings/registry', {
      ...saved,
      reporting: { ...saved.reporting, honourRatio: settings.reporting.honourRatio },
    });
  });

  it('a year without funds won or letters offers the latest year with records and opens it', async () => {
    const { page } = browser;
    const newest = await operator.json<{ items: { wonOn: string }[] }>('GET', '/api/v1/funds?page=1&pageSize=1');
    const latest = newest.items[0]!.wonOn.slice(0, 4);
    expect(Number(latest)).toBeLessThan(new Date().getFullYear());
    await page.goto(`${baseUrl()}/funds`);
    const link = page.getByTestId('fund-empty-latest');
    await link.waitFor({ timeout: 15_000 });
    expect(await link.textContent()).toContain(latest);
    await link.click();
    await expect
      .poll(async () => page.getByTestId('fund-table').locator('tbody tr.ant-table-row').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    expect(await page.locator('input[data-testid="fund-year"], [data-testid="fund-year"] input').first().inputValue()).toBe(latest);
    const dates = await page.getByTestId('fund-table').locator('tbody tr.ant-table-row td:first-child').allTextContents();
    expect(dates.every((d) => d.startsWith(latest))).toBe(true);
    // The year's list as Excel: every current row of the year, as many as the list counts.
    const year = await operator.json<{ total: number }>('GET', `/api/v1/funds?year=${latest}&pageSize=1`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('fund-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^争资-.*\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await download.path())!);
    const sheet = book.worksheets[0]!;
    expect(sheet.actualRowCount).toBe(year.total + 1);
    expect(sheet.getRow(2).getCell(1).text.startsWith(latest)).toBe(true);

    // The same for commitment letters, whose list is per year (20 to a page).
    const letters = await operator.json<{ items: unknown[] }>('GET', `/api/v1/commitments?year=${YEAR}`);
    await page.goto(`${baseUrl()}/commitments`);
    const letterLink = page.getByTestId('letter-empty-latest');
    await letterLink.waitFor({ timeout: 15_000 });
    expect(await letterLink.textContent()).toContain(String(YEAR));
    await letterLink.click();
    await expect
      .poll(async () => page.getByTestId('letter-table').locator('tbody tr.ant-table-row').count(), { timeout: 15_000 })
      .toBe(Math.min(letters.items.length, 20));
    expect(page.url()).toContain(`year=${YEAR}`);
    // The year's letters as Excel, one row each with its fulfilment.
    const [letterBook] = await Promise.all([page.waitForEvent('download'), page.getByTestId('letter-export').click()]);
    expect(letterBook.suggestedFilename()).toBe(`承诺书-${YEAR}.xlsx`);
    const letterSheet = new ExcelJS.Workbook();
    await letterSheet.xlsx.readFile((await letterBook.path())!);
    expect(letterSheet.worksheets[0]!.actualRowCount).toBe(letters.items.length + 1);
  });

  it('the targets of a year without any start from the latest earlier year’s, copied on the targets page', async () => {
    interface Targets {
      items: { unitId: number; amount: string }[];
      previousYear: number | null;
    }
    const year = new Date().getFullYear() + 1;
    const before = await operator.json<Targets>('GET', `/api/v1/settings/deal-targets?year=${year}`);
    expect(before.items).toEqual([]);
    expect(before.previousYear).not.toBeNull();
    const source = await operator.json<Targets>('GET', `/api/v1/settings/deal-targets?year=${before.previousYear}`);
    expect(source.items.length).toBeGreaterThan(0);
    const { page } = browser;
    await page.goto(`${baseUrl()}/settings/targets`);
    const picker = page.locator('input[data-testid="targets-year"], [data-testid="targets-year"] input').first();
    await picker.waitFor({ timeout: 15_000 });
    await picker.click();
    await picker.fill(String(year));
    await picker.press('Enter');
    const copy = page.getByTestId('targets-copy');
    await copy.waitFor({ timeout: 15_000 });
    expect(await copy.textContent()).toContain(String(before.previousYear));
    await copy.click();
    await expect
      .poll(async () => (await operator.json<Targets>('GET', `/api/v1/settings/deal-targets?year=${year}`)).items.length, {
        timeout: 15_000,
      })
      .toBe(source.items.length);
    await page.getByTestId('targets-copy-alert').waitFor({ state: 'detached', timeout: 15_000 });
    const first = source.items[0]!;
    const input = page.locator(`input[data-testid="target-${first.unitId}"], [data-testid="target-${first.unitId}"] input`).first();
    await expect.poll(async () => Number((await input.inputValue()).replace(/,/g, '')), { timeout: 15_000 }).toBe(Number(first.amount));
  });
});
