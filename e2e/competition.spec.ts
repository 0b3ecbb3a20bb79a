import fs from 'node:fs/promises';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, openBrowser, pickOption, screenshot, signIn } from './browser.js';
import { ApiClient } from './http.js';

/**
 * The competition for excellence (争先创优) as the city runs it, in headless Chromium against the
 * demo: the operator opens the 2022 scheme's year results (every unit scored from the platform's
 * data, the first commended, the last warned), looks into the last unit's indicators, gives it a
 * bonus item with its scanned decision and sees it climb on the page and in the exported workbook,
 * removes the item again; a county reads the same results without any editing control and
 * downloads the published quarter's notice (通报) as Word; the operator drafts a scheme for
 * another year from the default indicator system, sees it as a draft and deletes it.
 */
let browser: Awaited<ReturnType<typeof openBrowser>>;
let operator: ApiClient;
const pageErrors: string[] = [];

interface Results {
  units: { unitId: number; unitName: string; total: number; rank: number; band: string | null }[];
}

beforeAll(async () => {
  browser = await openBrowser();
  browser.page.on('pageerror', (error) => pageErrors.push(error.message));
  operator = await ApiClient.signIn('operator');
});
afterEach(async (context) => {
  if (context.task.result?.state === 'fail') {
    await screenshot(browser.page, `competition-failed-${context.task.name.slice(0, 20)}`);
    if (pageErrors.length) console.error('page errors:', pageErrors);
  }
});
afterAll(async () => {
  await browser?.close();
});

async function as(page: Page, username: string): Promise<void> {
  await page.context().clearCookies();
  await signIn(page, username);
}

const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).first().textContent()) ?? '').trim();

describe('competition for excellence (争先创优)', () => {
  let schemeId = 0;
  let first: Results['units'][number];
  let last: Results['units'][number];

  it('the operator opens the 2022 year results: every unit ranked, the first commended, the last warned', async () => {
    const schemes = await operator.json<{ items: { id: number; year: number }[] }>('GET', '/api/v1/competition/schemes?year=2022');
    schemeId = schemes.items[0]!.id;
    const results = await operator.json<Results>('GET', `/api/v1/competition/schemes/${schemeId}/results?period=Y`);
    last = results.units.at(-1)!;
    expect(last.band).toBe('warning');

    const { page } = browser;
    await signIn(page, 'operator');
    await page.goto(`${baseUrl()}/competition`);
    await page.getByTestId(`scheme-link-${schemeId}`).click();
    await page.getByTestId('results-table').waitFor();
    await page.getByTestId('results-period').getByText('全年').click();
    await expect.poll(() => text(page, 'results-as-of'), { timeout: 15_000 }).toContain('2022-12-31');
    await expect
      .poll(async () => await page.locator('[data-testid="results-table"] tbody tr.ant-table-row').count(), { timeout: 15_000 })
      .toBe(results.units.length);
    first = results.units[0]!;
    expect(await text(page, `band-${first.unitId}`)).toBe('表扬');
    expect(await text(page, `band-${last.unitId}`)).toBe('警示');
    expect(await text(page, `result-total-${last.unitId}`)).toBe(last.total.toFixed(2));

    // The last unit's indicators: each with its value, rule, points and the page of its source rows.
    await page.locator(`[data-testid="results-table"] tr[data-row-key="${last.unitId}"] .ant-table-row-expand-icon`).click();
    const breakdown = page.getByTestId(`result-breakdown-${last.unitId}`);
    await breakdown.waitFor();
    expect(await text(page, `value-${last.unitId}-business_env`)).not.toBe('');
    const source = page.getByTestId(`source-${last.unitId}-investment_ratio`);
    expect(await source.getAttribute('href')).toContain(`unitId=${last.unitId}`);
  });

  it('a bonus item moves the last unit up, on the page and in the exported workbook, and can be removed', async () => {
    const { page } = browser;
    await page.getByTestId('tab-adjustments').click();
    await page
      .getByTestId('results-period')
      .waitFor({ state: 'detached' })
      .catch(() => undefined);
    await page.getByTestId('adjustment-add').click();
    await page.getByTestId('adjustment-form').waitFor();
    await pickOption(page, 'adjustment-unit', last.unitName);
    await page.locator('[data-testid="adjustment-points"] input, input[data-testid="adjustment-points"]').first().fill('20');
    await page.getByTestId('adjustment-reason').fill('重大项目获国务院督查激励');
    await page.getByTestId('adjustment-evidence').fill('国办发〔2022〕23号');
    const [saved] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/competition/schemes/${schemeId}/adjustments`)),
      page.getByTestId('adjustment-save').click(),
    ]);
    expect(saved.status()).toBe(201);
    const adjustment = (await saved.json()) as { id: number; period: string };
    expect(adjustment.period).toBe('Y');
    await page.getByTestId(`adjustment-delete-${adjustment.id}`).waitFor();
    // The decision as a scanned document beside the item, opened again from its name.
    const scan = Buffer.from('%PDF-1.7\n%国务院督查激励通报\n%%EOF\n');
    const [attached] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/adjustments/${adjustment.id}/file`)),
      page
        .getByTestId(`adjustment-file-${adjustment.id}-input`)
        .setInputFiles({ name: '督查激励通报.pdf', mimeType: 'application/pdf', buffer: scan }),
    ]);
    expect(attached.status(), await attached.text()).toBe(200);
    await expect.poll(() => text(page, `adjustment-file-${adjustment.id}`), { timeout: 15_000 }).toBe('督查激励通报.pdf');
    const [evidence] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.getByTestId(`adjustment-file-${adjustment.id}`).click(),
    ]);
    expect(evidence.suggestedFilename()).toBe('督查激励通报.pdf');
    expect((await fs.readFile((await evidence.path())!)).equals(scan)).toBe(true);

    // The business-environment ratings of the year come from one assessment report, kept beside them.
    await page.getByTestId('tab-entries').click();
    await page.getByTestId('entry-documents').waitFor({ timeout: 15_000 });
    // A wrong file first, removed again (nothing shows where it was).
    const [wrong] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/entries/document?')),
      page
        .getByTestId('entry-document-business_env-input')
        .setInputFiles({ name: '上传错了.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n%%EOF\n') }),
    ]);
    expect(wrong.status()).toBe(200);
    await expect.poll(() => text(page, 'entry-document-business_env'), { timeout: 15_000 }).toBe('上传错了.pdf');
    await page.getByTestId('entry-document-business_env-remove').click();
    const [unattached] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'DELETE' && r.url().includes('/entries/document?')),
      page.getByTestId('entry-document-business_env-remove-ok').click(),
    ]);
    expect(unattached.status(), await unattached.text()).toBe(200);
    await expect.poll(() => page.getByTestId('entry-document-business_env').count(), { timeout: 15_000 }).toBe(0);

    const report = Buffer.from('%PDF-1.7\n%2022年度营商环境测评报告\n%%EOF\n');
    const [reported] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/entries/document?')),
      page
        .getByTestId('entry-document-business_env-input')
        .setInputFiles({ name: '2022年度营商环境测评报告.pdf', mimeType: 'application/pdf', buffer: report }),
    ]);
    expect(reported.status(), await reported.text()).toBe(200);
    await expect.poll(() => text(page, 'entry-document-business_env'), { timeout: 15_000 }).toBe('2022年度营商环境测评报告.pdf');

    await page.getByTestId('tab-results').click();
    const raised = (last.total + 20).toFixed(2);
    await expect.poll(() => text(page, `result-total-${last.unitId}`), { timeout: 15_000 }).toBe(raised);
    // It climbs: ranked ahead of where it was (the band follows the rank, as the results say).
    const raisedResults = await operator.json<Results>('GET', `/api/v1/competition/schemes/${schemeId}/results?period=Y`);
    const climbed = raisedResults.units.find((u) => u.unitId === last.unitId)!;
    expect(climbed.rank).toBeLessThan(last.rank);
    expect(await page.getByTestId(`band-${last.unitId}`).count()).toBe(climbed.band ? 1 : 0);

    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByTestId('results-export').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await download.path())!);
    const sheet = book.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    expect(header[1]).toBe('排名');
    expect(header).toContain('总分');
    const totalColumn = header.indexOf('总分');
    const rows = Array.from({ length: sheet.rowCount - 1 }, (_, i) => sheet.getRow(i + 2).values as unknown[]);
    const row = rows.find((r) => r[2] === last.unitName)!;
    expect(row[totalColumn]).toBe(Number(raised));
    expect(row[1]).toBeLessThan(rows.length);

    await page.getByTestId('tab-adjustments').click();
    await page.getByTestId(`adjustment-delete-${adjustment.id}`).click();
    const [removed] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'DELETE' && r.url().endsWith(`/adjustments/${adjustment.id}`)),
      page.locator('.ant-popconfirm:visible .ant-btn-dangerous, .ant-popover:visible .ant-btn-dangerous').first().click(),
    ]);
    expect(removed.status()).toBe(200);
    await page.getByTestId('tab-results').click();
    await expect.poll(() => text(page, `result-total-${last.unitId}`), { timeout: 15_000 }).toBe(last.total.toFixed(2));
  });

  it('the operator publishes the first quarter: frozen, the period closed to changes, each county told its place', async () => {
    const { page } = browser;
    // The workbench counts the periods over and not yet published (all five of 2022) and opens the schemes.
    await page.goto(`${baseUrl()}/`);
    const todo = page.getByTestId('todo-competitionToPublish');
    await expect.poll(async () => await todo.getAttribute('data-count'), { timeout: 15_000 }).toBe('5');
    await todo.getByRole('link').click();
    await page.waitForURL(/\/competition$/);
    await page.getByTestId(`to-publish-${schemeId}-Q1`).waitFor();
    await page.goto(`${baseUrl()}/competition/${schemeId}?tab=results&period=Q1`);
    await page.getByTestId('results-live').waitFor({ timeout: 15_000 });
    await page.getByTestId('results-publish').click();
    const [published] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/competition/schemes/${schemeId}/publish`)),
      page.getByTestId('results-publish-ok').click(),
    ]);
    expect(published.status(), await published.text()).toBe(200);
    const q1 = (await published.json()) as Results & { published: { by: string } };
    expect(q1.published.by).toBe('operator');
    await page.getByTestId('results-published').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('results-publish').count()).toBe(0);
    await page.getByTestId('tab-adjustments').click();
    await page.getByTestId('adjustments-published').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('adjustment-add').count()).toBe(0);
    await page.goto(`${baseUrl()}/`);
    await expect.poll(async () => await todo.getAttribute('data-count'), { timeout: 15_000 }).toBe('4');
    // The cockpit shows the commended and warned units of the latest published period.
    await page.goto(`${baseUrl()}/cockpit?year=2022`);
    const card = page.getByTestId('cockpit-competition');
    const commended = q1.units.filter((u) => u.band === 'reward');
    await card.getByTestId(`cockpit-competition-${commended[0]!.unitId}`).waitFor({ timeout: 15_000 });
    expect(await card.getByTestId(`cockpit-competition-${commended[0]!.unitId}`).textContent()).toBe(commended[0]!.total.toFixed(2));
    expect(await card.locator('tbody tr.ant-table-row').count()).toBe(q1.units.filter((u) => u.band !== null).length);

    const zhuhui = await ApiClient.signIn('zhuhui');
    const units = await zhuhui.json<{ items: { id: number; nameZh: string }[] }>('GET', '/api/v1/org/units?q=%E7%8F%A0%E6%99%96%E5%8C%BA');
    const own = q1.units.find((u) => u.unitId === units.items.find((x) => x.nameZh === '珠晖区')!.id)!;
    const inbox = await zhuhui.json<{ items: { kind: string; text: string }[] }>('GET', '/api/v1/notifications');
    const told = inbox.items.filter((n) => n.kind === 'competition.published').map((n) => n.text);
    expect(told).toHaveLength(1);
    expect(told[0]).toContain(
      `2022年第1季度考评结果已发布：你单位得分 ${own.total.toFixed(2)} 分，在 ${q1.units.length} 个单位中排第 ${own.rank} 名`,
    );
  });

  it('a county reads the same results without any editing control', async () => {
    const { page } = browser;
    await as(page, 'zhuhui');
    await page.goto(`${baseUrl()}/competition/${schemeId}?tab=results&period=Y`);
    await page.getByTestId('results-table').waitFor();
    await expect.poll(() => text(page, `result-total-${last.unitId}`), { timeout: 15_000 }).toBe(last.total.toFixed(2));
    // The year is not published: no notice to download yet.
    expect(await page.getByTestId('results-notice').count()).toBe(0);
    // Its own indicators open its own source rows; another unit's would open on an empty page, so they have no link.
    const county = await ApiClient.signIn('zhuhui');
    const named = await county.json<{ items: { id: number; nameZh: string }[] }>('GET', '/api/v1/org/units?q=%E7%8F%A0%E6%99%96%E5%8C%BA');
    const ownId = named.items.find((x) => x.nameZh === '珠晖区')!.id;
    const otherId = last.unitId === ownId ? first.unitId : last.unitId;
    for (const unitId of [ownId, otherId]) {
      await page.locator(`[data-testid="results-table"] tr[data-row-key="${unitId}"] .ant-table-row-expand-icon`).click();
      await page.getByTestId(`result-breakdown-${unitId}`).waitFor();
    }
    expect(await page.getByTestId(`source-${ownId}-investment_ratio`).getAttribute('href')).toContain(`unitId=${ownId}`);
    expect(await page.getByTestId(`source-${otherId}-investment_ratio`).count()).toBe(0);
    await page.getByTestId('tab-adjustments').click();
    await page.getByTestId('adjustments-table').waitFor();
    expect(await page.getByTestId('adjustment-add').count()).toBe(0);
    await page.getByTestId('tab-indicators').click();
    await page.getByTestId('indicator-table').waitFor();
    expect(await page.getByTestId('scheme-edit').count()).toBe(0);

    // The published first quarter's notice (通报), as the county files it: a real Word document.
    const q1 = await operator.json<Results>('GET', `/api/v1/competition/schemes/${schemeId}/results?period=Q1`);
    await page.goto(`${baseUrl()}/competition/${schemeId}?tab=results&period=Q1`);
    await page.getByTestId('results-published').waitFor({ timeout: 15_000 });
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByTestId('results-notice').click()]);
    expect(download.suggestedFilename()).toBe('关于2022年第一季度争先创优考评结果的通报.docx');
    const xml = await (await JSZip.loadAsync(await fs.readFile((await download.path())!))).file('word/document.xml')!.async('string');
    const notice = xml.replace(/<[^>]+>/g, '');
    expect(notice).toContain(
      `根据《2022年度重大项目建设争先创优考评方案》，以平台截至2022年3月31日的数据为准，对${q1.units.length}个参评单位`,
    );
    const commended = q1.units.filter((u) => u.band === 'reward').map((u) => u.unitName);
    expect(notice).toContain(`对排名靠前的${commended.join('、')}予以通报表扬`);
    for (const u of q1.units) expect(notice).toContain(`${u.rank}${u.unitName}`);
  });

  it('the operator drafts a scheme for another year from the default system, then deletes the draft', async () => {
    const { page } = browser;
    await as(page, 'operator');
    await page.goto(`${baseUrl()}/competition`);
    await page.getByTestId('scheme-create').click();
    await page.getByTestId('scheme-drawer').waitFor();
    await expect.poll(() => text(page, 'scheme-points-total'), { timeout: 15_000 }).toContain('100');
    const year = page.locator('[data-testid="scheme-year"] input, input[data-testid="scheme-year"]').first();
    await year.fill('2023');
    const [created] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/competition/schemes')),
      page.getByTestId('scheme-save').click(),
    ]);
    expect(created.status(), await created.text()).toBe(201);
    const draft = (await created.json()) as { id: number; year: number; fullPoints: number };
    expect(draft).toMatchObject({ year: 2023, fullPoints: 100 });
    await expect.poll(() => page.url(), { timeout: 15_000 }).toContain(`/competition/${draft.id}`);
    await expect
      .poll(async () => await page.getByTestId('scheme-status').first().getAttribute('data-status'), { timeout: 15_000 })
      .toBe('draft');
    await page.getByTestId('scheme-delete').click();
    const [deleted] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'DELETE' && r.url().endsWith(`/api/v1/competition/schemes/${draft.id}`)),
      page.getByTestId('scheme-delete-ok').click(),
    ]);
    expect(deleted.status()).toBe(200);
    await expect.poll(() => page.url(), { timeout: 15_000 }).toMatch(/\/competition$/);
    expect(pageErrors).toEqual([]);
  });
});
