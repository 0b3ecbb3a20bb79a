import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { baseUrl, openBrowser, pickOption, screenshot, signIn } from './browser.js';
import { ApiClient } from './http.js';

/**
 * The per-mu evaluation (亩均论英雄) as its people use it, on the demo: two departments upload
 * a year's data on the template; the operator enters a bonus with its evidence; the operator runs the year and publishes it for comment (公示);
 * the enterprise sees its class and objects; the operator rejects the objection; the policy list
 * is exported as .xlsx and opens with its rows.
 */
const YEAR = 2022;
const ENTERPRISE = '衡阳示例新材料有限公司';
let browser: Awaited<ReturnType<typeof openBrowser>>;
let operator: ApiClient;
let dir: string;
let runId = 0;
const objectionText = `e2e 异议：${Date.now()} 研发经费支出未计入，请核实。`;
const BONUS_EVIDENCE = `获评省级安全生产标准化二级企业（e2e ${Date.now()}）`;

beforeAll(async () => {
  browser = await openBrowser();
  operator = await ApiClient.signIn('operator');
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'juli-evaluation-'));
});
afterAll(async () => {
  await browser?.close();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

beforeEach((context) => {
  // A failed step leaves its page for the next one to start from: keep a picture, start signed out.
  context.onTestFailed(async () => {
    await screenshot(browser.page, `evaluation-failed-${context.task.name.slice(0, 24).replace(/\W+/g, '-')}`);
  });
});

/** Sign in on a clean slate (a failed step may have left a session behind). */
async function signInFresh(page: Page, username: string): Promise<void> {
  await page.context().clearCookies();
  await signIn(page, username);
}

async function logout(page: Page): Promise<void> {
  await page.getByTestId('logout').click();
  await page.waitForURL(/\/login/);
}

describe('per-mu evaluation', () => {
  /**
   * Two departments each upload the column they own (税务局 the tax paid, 统计局 the value
   * added) for the demo enterprise, a little above what they had reported, on the template the
   * page offers, filled in like a person would: one row under the headers.
   */
  it.each([
    { username: 'tax', department: '税务局', field: 'tax', header: '实缴税收' },
    { username: 'stats', department: '统计局', field: 'valueAdded', header: '工业增加值' },
  ])('$department uploads a year of its $field on the template and sees the upload', async ({ username, department, field, header }) => {
    const register = await operator.json<{ items: { uscc: string; name: string }[] }>(
      'GET',
      `/api/v1/evaluation/register?q=${encodeURIComponent(ENTERPRISE)}`,
    );
    const uscc = register.items.find((e) => e.name === ENTERPRISE)?.uscc;
    expect(uscc).toBeTruthy();
    const client = await ApiClient.signIn(username);
    const current = await client.json<{ items: { value: string }[] }>(
      'GET',
      `/api/v1/evaluation/data?year=${YEAR}&q=${uscc}&field=${field}`,
    );
    const value = (Number(current.items[0]?.value ?? '1000') + 12.5).toFixed(2);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await client.bytes('/api/v1/evaluation/data/import-template')) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const headers: string[] = [];
    sheet.getRow(1).eachCell((cell, at) => {
      headers[at] = cell.text;
    });
    const column = (prefix: string) => {
      const at = headers.findIndex((h) => h?.startsWith(prefix));
      if (at < 1) throw new Error(`no column ${prefix} in ${headers.join(' | ')}`);
      return at;
    };
    const row = sheet.getRow(2);
    row.getCell(column('统一社会信用代码')).value = uscc!;
    row.getCell(column('企业名称')).value = ENTERPRISE;
    row.getCell(column('年度')).value = YEAR;
    row.getCell(column(header)).value = Number(value);
    row.commit();
    const filename = `${department}-${YEAR}年度亩均评价数据-e2e.xlsx`;
    const file = path.join(dir, filename);
    await fs.writeFile(file, Buffer.from(await workbook.xlsx.writeBuffer()));

    const { page } = browser;
    await signInFresh(page, username);
    await page.goto(`${baseUrl()}/evaluation/data`);
    await page.getByTestId('evaluation-uploads').waitFor();
    await page.getByTestId('evaluation-data-import').setInputFiles(file);
    const progress = page.locator('[data-testid="import-progress"]');
    await expect.poll(async () => progress.getAttribute('data-phase'), { timeout: 60_000 }).toMatch(/succeeded|failed/);
    if ((await progress.getAttribute('data-phase')) === 'failed') throw new Error(`import failed: ${await progress.textContent()}`);
    await screenshot(page, `evaluation-import-${username}`);
    await page.keyboard.press('Escape');
    await expect
      .poll(async () => (await page.getByTestId('evaluation-uploads').textContent()) ?? '', { timeout: 15_000 })
      .toContain(filename);
    const uploads = await client.json<{ items: { filename: string; status: string; sourceUnitName: string | null }[] }>(
      'GET',
      '/api/v1/evaluation/data/imports',
    );
    const mine = uploads.items.find((u) => u.filename === filename);
    expect(mine?.status).toBe('succeeded');
    expect(mine?.sourceUnitName).toContain(department);
    // The value now stored is the uploaded one, with this department and file as its source.
    const stored = await operator.json<{ items: { value: string; sourceUnitName?: string | null; filename?: string | null }[] }>(
      'GET',
      `/api/v1/evaluation/data?year=${YEAR}&q=${uscc}&field=${field}`,
    );
    expect(stored.items.map((item) => Number(item.value))).toContain(Number(value));
    await logout(page);
  });

  it('the operator finds an enterprise in the register and reads the methods', async () => {
    const { page } = browser;
    await signInFresh(page, 'operator');
    await page.goto(`${baseUrl()}/evaluation/register`);
    const register = page.getByTestId('register-table').locator('tbody tr.ant-table-row');
    await expect.poll(async () => register.count(), { timeout: 15_000 }).toBeGreaterThan(5);
    await page.getByTestId('register-q').fill(ENTERPRISE);
    await page.getByTestId('search-submit').click();
    await expect.poll(async () => register.count(), { timeout: 15_000 }).toBe(1);
    expect(await register.first().textContent()).toContain(ENTERPRISE);

    await page.goto(`${baseUrl()}/evaluation/methods`);
    await expect.poll(async () => page.getByTestId('preset-table').locator('tbody tr.ant-table-row').count(), { timeout: 15_000 }).toBe(3);
    await expect
      .poll(async () => page.getByTestId('method-table').locator('tbody tr.ant-table-row').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await page.getByTestId('method-table').locator('tbody tr.ant-table-row').first().getByRole('button').first().click();
    await page.getByTestId('method-view').waitFor();
    expect(await page.getByTestId('method-view').textContent()).toContain('亩均税收');
    await screenshot(page, 'evaluation-method');
  });

  it('the operator enters a bonus with its evidence for the year', async () => {
    const { page } = browser;
    await signInFresh(page, 'operator');
    await page.goto(`${baseUrl()}/evaluation/data`);
    await page.getByTestId('adjustments').waitFor();
    await pickOption(page, 'adjustment-year', `${YEAR} 年度`);
    await page.getByTestId('adjustment-add').click();
    await page.getByTestId('adjustment-save').click();
    // Nothing chosen: the contract schema names the missing fields before anything is sent.
    await expect
      .poll(async () => (await page.locator('.ant-modal .ant-form-item-explain-error').allTextContents()).join('|'), { timeout: 15_000 })
      .toContain('必填');
    // A remote search: the helper types into the select's own box and checks the pick held.
    await pickOption(page, 'adjustment-enterprise', ENTERPRISE, ENTERPRISE.slice(0, 6));
    await pickOption(page, 'adjustment-item', '安全生产');
    await page.getByTestId('adjustment-evidence').fill(BONUS_EVIDENCE);
    // What was filled in is no longer marked as missing.
    await expect.poll(async () => page.locator('.ant-modal .ant-form-item-explain-error').count()).toBe(0);
    await screenshot(page, 'evaluation-adjustment');
    await page.getByTestId('adjustment-save').click();
    await expect
      .poll(async () => (await page.getByTestId('adjustment-table').textContent()) ?? '', { timeout: 15_000 })
      .toContain(BONUS_EVIDENCE);
    const entries = await operator.json<{ items: { enterpriseName: string; itemKey: string; points: string; evidence: string }[] }>(
      'GET',
      `/api/v1/evaluation/adjustments?year=${YEAR}`,
    );
    expect(entries.items.find((e) => e.evidence === BONUS_EVIDENCE)).toMatchObject({
      enterpriseName: ENTERPRISE,
      itemKey: 'workSafety',
      points: '1',
    });
    await logout(page);
  });

  it('the operator runs the year and publishes it for comment', async () => {
    // Set-up: the department figures that disagree are settled first (the data page does this one by one).
    const conflicts = await operator.json<{ items: { enterpriseId: number; field: string; values: { sourceUnitId: number }[] }[] }>(
      'GET',
      `/api/v1/evaluation/conflicts?year=${YEAR}&isResolved=false`,
    );
    for (const c of conflicts.items) {
      await operator.json('POST', '/api/v1/evaluation/conflicts/resolve', {
        enterpriseId: c.enterpriseId,
        year: YEAR,
        field: c.field,
        sourceUnitId: c.values[0]!.sourceUnitId,
        reason: '经核实采用该来源数据（e2e）',
      });
    }

    const { page } = browser;
    await signInFresh(page, 'operator');
    await page.goto(`${baseUrl()}/evaluation/runs`);
    await page.getByTestId('run-create').click();
    await pickOption(page, 'run-year', `${YEAR} 年度`);
    // The requests themselves are awaited: a failure then names what the server answered (or that nothing was sent).
    const [created] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/evaluation/runs'), { timeout: 60_000 }),
      page.getByTestId('run-create-ok').click(),
    ]);
    expect(created.status(), await created.text()).toBe(201);
    runId = ((await created.json()) as { id: number }).id;
    const card = page.locator(`[data-testid="run-card"][data-run-id="${runId}"]`);
    await expect
      .poll(async () => card.locator('[data-testid="run-status"]').getAttribute('data-status'), { timeout: 30_000 })
      .toBe('draft');
    await expect.poll(async () => page.getByTestId('result-table').locator('tbody tr').count(), { timeout: 15_000 }).toBeGreaterThan(1);

    await card.getByTestId('run-publish').click();
    await page.getByTestId('run-deadline').waitFor();
    const [published] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/api/v1/evaluation/runs/${runId}/publish`)),
      page.getByTestId('run-publish-ok').click(),
    ]);
    expect(published.status(), await published.text()).toBe(200);
    await expect
      .poll(async () => card.locator('[data-testid="run-status"]').getAttribute('data-status'), { timeout: 30_000 })
      .toBe('published');
    await screenshot(page, 'evaluation-run-published');
    const run = await operator.json<{ status: string; year: number; objectionDeadline: string | null }>(
      'GET',
      `/api/v1/evaluation/runs/${runId}`,
    );
    expect(run).toMatchObject({ status: 'published', year: YEAR });
    expect(run.objectionDeadline).not.toBeNull();
    await logout(page);
  });

  it('the enterprise sees its class and score and objects with evidence', async () => {
    const { page } = browser;
    await signInFresh(page, 'enterprise');
    await page.goto(`${baseUrl()}/evaluation/mine`);
    await page.getByTestId('explanation').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('my-run').textContent()).toContain(`${YEAR}`);
    const shownClass = ((await page.getByTestId('my-class').textContent()) ?? '').trim();
    const explained = await operator.json<{ result: { class: string | null; status: string } }>(
      'GET',
      `/api/v1/evaluation/runs/${runId}/results/${await enterpriseId()}`,
    );
    expect(shownClass).toBe(explained.result.status === 'classed' ? explained.result.class : '—');
    expect(await page.getByTestId('explanation-indicators').locator('tbody tr').count()).toBeGreaterThan(0);
    // The bonus the city entered, with its evidence.
    expect(await page.getByTestId('explanation').textContent()).toContain(BONUS_EVIDENCE);

    await page.getByTestId('objection-text').fill(objectionText);
    await page.getByTestId('objection-evidence').fill('2022 年度研发费用专项审计报告（演示）');
    await page.getByTestId('objection-submit').click();
    await expect
      .poll(
        async () =>
          (await page
            .getByTestId('my-objections')
            .textContent()
            .catch(() => '')) ?? '',
        { timeout: 15_000 },
      )
      .toContain(objectionText);
    await screenshot(page, 'evaluation-enterprise');
    await logout(page);
  });

  it('the operator rejects the objection with a reason and exports the policy list', async () => {
    const { page } = browser;
    await signInFresh(page, 'operator');
    await page.goto(`${baseUrl()}/evaluation/runs?run=${runId}`);
    await page.getByTestId('tab-objections').click();
    const row = page.getByTestId('objection-table').locator('tbody tr', { hasText: objectionText });
    await row.getByTestId('objection-reject').click();
    await page.getByTestId('objection-reason').fill('研发经费以统计部门联网直报数据为准，经核实无误，不予采纳。');
    await page.getByTestId('objection-resolve-ok').click();
    await expect.poll(async () => row.getByTestId('objection-status').getAttribute('data-status'), { timeout: 15_000 }).toBe('rejected');
    const objections = await operator.json<{ items: { text: string; status: string; resolution: string | null }[] }>(
      'GET',
      `/api/v1/evaluation/objections?runId=${runId}`,
    );
    expect(objections.items.find((o) => o.text === objectionText)).toMatchObject({ status: 'rejected' });

    await page.getByTestId('tab-policies').click();
    await expect
      .poll(async () => page.getByTestId('policy-table').locator('tbody tr.ant-table-row').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByTestId('policy-export').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const saved = path.join(dir, 'policy.xlsx');
    await download.saveAs(saved);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(saved);
    const sheet = workbook.worksheets[0]!;
    expect(String(sheet.getRow(1).getCell(1).value)).toContain('统一社会信用代码');
    expect(sheet.actualRowCount).toBeGreaterThan(1);
    expect(String(sheet.getRow(2).getCell(1).value)).toMatch(/^[0-9A-Z]{18}$/);
    await screenshot(page, 'evaluation-policies');
  });

  it('the operator copies a published method and edits it on the form, a wrong weight shown on its field first', async () => {
    const name = `衡阳市亩均评价办法（e2e 修订 ${Date.now()}）`;
    const copy = await operator.json<{ id: number; config: { groups: { indicators: { weight: number }[] }[] } }>(
      'POST',
      '/api/v1/evaluation/methods',
      { name, copyOfPreset: 'huangyan' },
    );
    const { page } = browser;
    await signInFresh(page, 'operator');
    await page.goto(`${baseUrl()}/evaluation/methods`);
    const row = page.getByTestId('method-table').locator('tbody tr.ant-table-row', { hasText: name });
    await row.getByTestId('method-edit').click();
    await page.getByTestId('method-form').waitFor();
    await page.getByTestId('method-tab-groups').click();
    const weight = page.locator('[data-testid="method-weight-0-0"] input, input[data-testid="method-weight-0-0"]').first();
    await weight.fill('0');
    await page.getByTestId('method-save').click();
    await expect.poll(async () => (await page.getByTestId('method-problems').textContent()) ?? '', { timeout: 15_000 }).toContain('权重');
    await expect
      .poll(async () => page.getByTestId('method-indicator-0-0').locator('.ant-form-item-explain-error').count())
      .toBeGreaterThan(0);
    await screenshot(page, 'evaluation-method-form');
    await weight.fill('35');
    await page.getByTestId('method-save').click();
    await page.getByTestId('method-form').waitFor({ state: 'detached', timeout: 15_000 });
    const saved = await operator.json<{ config: { groups: { indicators: { weight: number }[] }[] } }>(
      'GET',
      `/api/v1/evaluation/methods/${copy.id}`,
    );
    expect(saved.config.groups[0]!.indicators[0]!.weight).toBe(35);
    // Everything not touched is as it was.
    expect(saved.config.groups[0]!.indicators.slice(1)).toEqual(copy.config.groups[0]!.indicators.slice(1));
    await logout(page);
  });
});

async function enterpriseId(): Promise<number> {
  const register = await operator.json<{ items: { enterpriseId: number; name: string }[] }>(
    'GET',
    `/api/v1/evaluation/register?q=${encodeURIComponent(ENTERPRISE)}`,
  );
  const found = register.items.find((e) => e.name === ENTERPRISE);
  if (!found) throw new Error(`${ENTERPRISE} is not in the register`);
  return found.enterpriseId;
}
