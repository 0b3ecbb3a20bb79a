import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, openBrowser, pickOption, screenshot, signIn } from './browser.js';
import { ApiClient } from './http.js';
import { jpegWithExifFixture } from '../src/test/photos.js';

/**
 * On-site observation (现场观摩) as the city runs it, in headless Chromium against the demo: the
 * operator drafts a tour (two sites of two units, the operator and a leader as judges) and opens
 * it; the leader scores both sites on a phone-width screen; the operator scores them too and
 * closes the tour; the results rank the units and export as a real workbook.
 */
let browser: Awaited<ReturnType<typeof openBrowser>>;
let operator: ApiClient;
const pageErrors: string[] = [];
const TITLE = `现场观摩 e2e ${Date.now().toString(36)}`;

interface Site {
  projectId: number;
  name: string;
  unitId: number;
  unitName: string;
}
interface TourBody {
  id: number;
  status: string;
  criteria: { key: string; weight: number }[];
  sites: { projectId: number; position: number; scoredBy: number; myScore: { total: string } | null }[];
  judges: { displayName: string; scored: number; toScore: number }[];
}
interface Results {
  sites: { projectId: number; score: string | null; rank: number | null }[];
  units: { unitId: number; unitName: string; score: string; rank: number }[];
}

beforeAll(async () => {
  browser = await openBrowser();
  browser.page.on('pageerror', (error) => pageErrors.push(error.message));
  operator = await ApiClient.signIn('operator');
});
afterEach(async (context) => {
  if (context.task.result?.state === 'fail') {
    await screenshot(browser.page, `observation-failed-${context.task.name.slice(0, 20)}`);
    if (pageErrors.length) console.error('page errors:', pageErrors);
  }
});
afterAll(async () => {
  await browser?.close();
});

/** Sign in as another user: the old session cookie is dropped (the pages of one context share it). */
async function as(page: Page, username: string): Promise<void> {
  await page.context().clearCookies();
  await signIn(page, username);
}

/** Nothing on the page is wider than the screen (no sideways scrolling on a phone). */
async function fitsWidth(page: Page): Promise<boolean> {
  return await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
}

/** A project registered directly under the unit (not one of its parks), to be a site of the tour. */
async function siteOf(unitName: string): Promise<Site> {
  const units = await operator.json<{ items: { id: number; nameZh: string }[] }>(
    'GET',
    `/api/v1/org/units?q=${encodeURIComponent(unitName)}`,
  );
  const unit = units.items.find((candidate) => candidate.nameZh === unitName);
  if (!unit) throw new Error(`${unitName} not found`);
  const projects = await operator.json<{ items: { id: number; name: string; unitId: number; unitName: string }[] }>(
    'GET',
    `/api/v1/projects?unitId=${unit.id}&pageSize=100&sort=name`,
  );
  const project = projects.items.find((p) => p.unitId === unit.id) ?? projects.items[0];
  if (!project) throw new Error(`no project of ${unitName}`);
  return { projectId: project.id, name: project.name, unitId: project.unitId, unitName: project.unitName };
}

/** The number input of a criterion on a site's card. */
function pointsInput(page: Page, projectId: number, key: string) {
  const id = `score-${projectId}-${key}`;
  return page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first();
}

/** Type the points of every criterion, check the live total, save and wait for the server. */
async function scoreSite(page: Page, tourId: number, site: Site, points: Record<string, number>, total: string): Promise<void> {
  const card = page.getByTestId(`score-card-${site.projectId}`);
  await card.scrollIntoViewIfNeeded();
  for (const [key, value] of Object.entries(points)) await pointsInput(page, site.projectId, key).fill(String(value));
  await expect.poll(async () => (await page.getByTestId(`score-total-${site.projectId}`).textContent()) ?? '').toBe(total);
  await page.getByTestId(`score-note-${site.projectId}`).fill('现场施工组织有序');
  const [response] = await Promise.all([
    page.waitForResponse(
      (r) => r.request().method() === 'PUT' && r.url().endsWith(`/api/v1/observation/tours/${tourId}/sites/${site.projectId}/score`),
      { timeout: 30_000 },
    ),
    page.getByTestId(`score-save-${site.projectId}`).click(),
  ]);
  expect(response.status()).toBe(200);
  await expect
    .poll(async () => (await page.getByTestId(`score-saved-${site.projectId}`).textContent()) ?? '', { timeout: 15_000 })
    .toContain(total);
}

describe('on-site observation (现场观摩)', () => {
  let zhuhui: Site;
  let leiyang: Site;
  let tourId = 0;
  // Default criteria: scale 30, progress 30, technology 20, land 20.
  const LEADER = {
    a: { points: { scale: 80, progress: 90, technology: 70, land: 60 }, total: '77.00' },
    b: { points: { scale: 70, progress: 70, technology: 70, land: 70 }, total: '70.00' },
  };
  const OPERATOR = {
    a: { points: { scale: 90, progress: 80, technology: 85, land: 75 }, total: '83.00' },
    b: { points: { scale: 60, progress: 65, technology: 70, land: 75 }, total: '66.50' },
  };

  it('the operator drafts a tour (checked first, in Chinese) and opens it for scoring', async () => {
    zhuhui = await siteOf('珠晖区');
    leiyang = await siteOf('耒阳市');
    const { page } = browser;
    await signIn(page, 'operator');
    await page.goto(`${baseUrl()}/observation`);
    await expect.poll(async () => (await page.getByTestId('page-title').textContent()) ?? '', { timeout: 15_000 }).toBe('现场观摩');
    await page.getByTestId('tour-create').click();
    await page.getByTestId('tour-drawer').waitFor();
    // The default criteria, their weights adding up to 100.
    await expect.poll(async () => (await page.getByTestId('tour-weight-total').textContent()) ?? '').toBe('权重合计 100');
    expect(await page.locator('[data-testid="criterion-zh-0"]').inputValue()).toBe('投资规模');

    // Nothing sent: the contract schema finds the empty fields.
    await page.getByTestId('tour-save').click();
    await expect
      .poll(async () => (await page.locator('.ant-drawer .ant-form-item-explain-error').allTextContents()).join('|'), { timeout: 15_000 })
      .toContain('必填');

    await page.getByTestId('tour-title').fill(TITLE);
    // Each pick in its own opening of the select (a multiple select stays open: a click elsewhere closes it).
    for (const [testId, text] of [
      ['tour-sites', zhuhui.name],
      ['tour-sites', leiyang.name],
      ['tour-judges', '张明'],
      ['tour-judges', '李华'],
    ] as const) {
      await pickOption(page, testId, text, text);
      await page.getByTestId('tour-title').click();
      await page
        .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
        .waitFor({ state: 'detached', timeout: 5000 })
        .catch(() => undefined);
    }
    await screenshot(page, 'observation-new-tour');
    const [created] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/observation/tours'), { timeout: 30_000 }),
      page.getByTestId('tour-save').click(),
    ]);
    expect(created.status()).toBe(201);
    await page.waitForURL(/\/observation\/\d+$/, { timeout: 30_000 });
    tourId = Number(/\/observation\/(\d+)$/.exec(page.url())?.[1]);
    await expect.poll(() => page.getByTestId('tour-status').getAttribute('data-status'), { timeout: 15_000 }).toBe('draft');

    const draft = await operator.json<TourBody>('GET', `/api/v1/observation/tours/${tourId}`);
    expect(draft.sites.sort((x, y) => x.position - y.position).map((s) => s.projectId)).toEqual([zhuhui.projectId, leiyang.projectId]);
    expect(draft.judges.map((j) => j.displayName).sort()).toEqual(['市重点办 张明', '市领导 李华'].sort());
    expect(draft.criteria.map((c) => c.key)).toEqual(['scale', 'progress', 'technology', 'land']);

    await page.getByTestId('tour-open').click();
    await page.getByTestId('tour-open-ok').click();
    await expect.poll(() => page.getByTestId('tour-status').getAttribute('data-status'), { timeout: 15_000 }).toBe('scoring');
    await expect.poll(() => page.getByTestId('tour-edit').count()).toBe(0);
    // The list shows it with its progress.
    await page.goto(`${baseUrl()}/observation`);
    await expect
      .poll(async () => (await page.getByTestId(`tour-progress-${tourId}`).textContent()) ?? '', { timeout: 15_000 })
      .toContain('0/4');
  });

  it('on a phone-width screen (375px) the leader scores both sites', async () => {
    const page = await browser.context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    try {
      await page.setViewportSize({ width: 375, height: 740 });
      await as(page, 'leader');
      // The workbench counts the tours waiting for the leader's scores and opens that list.
      const leaderApi = await ApiClient.signIn('leader');
      const waiting = (await leaderApi.json<{ total: number }>('GET', '/api/v1/observation/tours?toScore=true&pageSize=1')).total;
      expect(waiting).toBeGreaterThan(0);
      await page.goto(`${baseUrl()}/`);
      const todo = page.getByTestId('todo-toursToScore');
      await expect.poll(async () => await todo.getAttribute('data-count'), { timeout: 15_000 }).toBe(String(waiting));
      await todo.getByRole('link').click();
      await page.waitForURL(/\/observation\?toScore=true$/);
      await page.getByTestId('tour-filter-to-score').waitFor();
      await page.getByTestId(`tour-link-${tourId}`).click();
      await page.waitForURL(new RegExp(`/observation/${tourId}$`));
      // A judge lands on 我的评分 while the tour is scoring.
      await page.getByTestId('score-cards').waitFor({ timeout: 15_000 });
      await page.getByTestId(`score-card-${leiyang.projectId}`).waitFor();
      expect(await fitsWidth(page)).toBe(true);
      // The save button stays on the screen.
      const save = page.getByTestId(`score-save-${zhuhui.projectId}`);
      const box = (await save.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(375);
      expect(await save.isDisabled()).toBe(true);

      await scoreSite(page, tourId, zhuhui, LEADER.a.points, LEADER.a.total);
      await scoreSite(page, tourId, leiyang, LEADER.b.points, LEADER.b.total);
      // A photo of the site from the phone (a real JPEG with its camera time and position).
      const added = page.waitForResponse((r) => r.url().includes(`/sites/${zhuhui.projectId}/photos`) && r.request().method() === 'POST');
      await page
        .getByTestId(`photo-input-${zhuhui.projectId}`)
        .setInputFiles({ name: '现场全景.jpg', mimeType: 'image/jpeg', buffer: jpegWithExifFixture() });
      expect((await added).status()).toBe(201);
      const photo = page.getByTestId(`photos-${zhuhui.projectId}`).locator('img').first();
      await photo.waitFor({ timeout: 15_000 });
      await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 15_000 }).toBe(16);
      expect(await fitsWidth(page)).toBe(true);
      await screenshot(page, 'observation-score-375');
      // Results are not the leader's to see while the tour is scoring.
      expect(await page.getByTestId('tab-results').count()).toBe(0);
    } finally {
      await page.close();
    }
    const tour = await operator.json<TourBody>('GET', `/api/v1/observation/tours/${tourId}`);
    expect(tour.sites.every((s) => s.scoredBy === 1)).toBe(true);
    expect(tour.judges.find((j) => j.displayName === '市领导 李华')).toMatchObject({ scored: 2, toScore: 2 });
    const photos = (
      await operator.json<{ sites: { projectId: number; photos: { takenAt: string | null; latitude: number | null }[] }[] }>(
        'GET',
        `/api/v1/observation/tours/${tourId}`,
      )
    ).sites.find((s) => s.projectId === zhuhui.projectId)!.photos;
    expect(photos).toMatchObject([{ takenAt: '2026-02-20T01:15:30.000Z', latitude: 26.893611 }]);
  });

  it('the operator scores both sites, closes the tour and exports the units ranked', async () => {
    const { page } = browser;
    await as(page, 'operator');
    await page.goto(`${baseUrl()}/observation/${tourId}`);
    await page.getByTestId('score-cards').waitFor({ timeout: 15_000 });
    await scoreSite(page, tourId, zhuhui, OPERATOR.a.points, OPERATOR.a.total);
    await scoreSite(page, tourId, leiyang, OPERATOR.b.points, OPERATOR.b.total);

    await page.getByTestId('tab-sites').click();
    await expect
      .poll(async () => (await page.getByTestId(`site-scored-by-${zhuhui.projectId}`).textContent()) ?? '', { timeout: 15_000 })
      .toBe('2/2');

    // Closing asks first, saying how far the scoring has come.
    await page.getByTestId('tour-close').click();
    await expect
      .poll(async () => (await page.getByTestId('tour-close-progress').textContent()) ?? '', { timeout: 10_000 })
      .toContain('4/4');
    const [closed] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/api/v1/observation/tours/${tourId}/close`), {
        timeout: 30_000,
      }),
      page.getByTestId('tour-close-ok').click(),
    ]);
    expect(closed.status()).toBe(200);
    await expect.poll(() => page.getByTestId('tour-status').getAttribute('data-status'), { timeout: 15_000 }).toBe('closed');

    // The results tab: both units ranked, the higher mean first (no trimming under five judges).
    await page.getByTestId('tab-results').click();
    const units = page.getByTestId('results-units');
    await expect.poll(async () => await units.locator('tbody tr.ant-table-row').count(), { timeout: 15_000 }).toBe(2);
    const rows = await units.locator('tbody tr.ant-table-row').allTextContents();
    expect(rows[0]).toContain(zhuhui.unitName);
    expect(rows[0]).toContain('80.00');
    expect(rows[1]).toContain(leiyang.unitName);
    expect(rows[1]).toContain('68.25');
    expect((await page.getByTestId('results-rule').textContent()) ?? '').toContain('5');
    expect(await page.getByTestId(`results-site-score-${leiyang.projectId}`).textContent()).toBe('68.25');
    await screenshot(page, 'observation-results');

    const results = await operator.json<Results>('GET', `/api/v1/observation/tours/${tourId}/results`);
    expect(results.units.map((u) => [u.unitId, u.score, u.rank])).toEqual([
      [zhuhui.unitId, '80.00', 1],
      [leiyang.unitId, '68.25', 2],
    ]);

    // The results as a real workbook.
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByTestId('tour-export').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await download.path())!);
    const cells: string[] = [];
    for (const sheet of book.worksheets) {
      sheet.eachRow((row) => {
        for (const value of (row.values as unknown[]).slice(1)) cells.push(String(value ?? ''));
      });
    }
    const text = cells.join('|');
    expect(text).toContain(zhuhui.unitName);
    expect(text).toContain(leiyang.unitName);
    expect(text).toContain(zhuhui.name);
  });

  it('from five judges on a site drops its highest and lowest; a unit head is recused from its own sites', async () => {
    // Set-up through the API: six judges, one of them 珠晖区's head; everybody scores every site they may.
    const candidates = await operator.json<{ items: { userId: number; displayName: string }[] }>(
      'GET',
      '/api/v1/observation/judge-candidates',
    );
    const judge = (name: string) => {
      const found = candidates.items.find((c) => c.displayName === name);
      if (!found) throw new Error(`no judge candidate ${name}`);
      return found.userId;
    };
    const judges = {
      operator: judge('市重点办 张明'),
      leader: judge('市领导 李华'),
      natres: judge('市自然资源和规划局 陈静'),
      tax: judge('市税务局 孙丽'),
      stats: judge('市统计局 吴昊'),
      zhuhui: judge('珠晖区 王强'),
    };
    const draft = await operator.json<TourBody & { version: number }>('POST', '/api/v1/observation/tours', {
      title: `${TITLE} 去高去低`,
      year: 2026,
      quarter: null,
      heldOn: '2026-06-30',
      criteria: [
        { key: 'scale', nameZh: '投资规模', nameEn: 'Scale of investment', weight: 50 },
        { key: 'progress', nameZh: '建设进度', nameEn: 'Construction progress', weight: 50 },
      ],
      projectIds: [zhuhui.projectId, leiyang.projectId],
      judgeUserIds: Object.values(judges),
    });
    const id = draft.id;
    await operator.json('POST', `/api/v1/observation/tours/${id}/open`, { version: draft.version });
    // Site A (珠晖区): five judges, 珠晖区's own head recused; site B (耒阳市): all six.
    const totals: Record<keyof typeof judges, [number | null, number]> = {
      operator: [90, 90],
      leader: [80, 85],
      natres: [70, 80],
      tax: [60, 75],
      stats: [50, 70],
      zhuhui: [null, 65],
    };
    for (const [username, [a, b]] of Object.entries(totals) as [keyof typeof judges, [number | null, number]][]) {
      const client = username === 'operator' ? operator : await ApiClient.signIn(username);
      for (const [site, points] of [
        [zhuhui, a],
        [leiyang, b],
      ] as const) {
        if (points === null) continue;
        await client.json('PUT', `/api/v1/observation/tours/${id}/sites/${site.projectId}/score`, {
          points: { scale: points, progress: points },
        });
      }
    }

    // 珠晖区's head sees the recusal instead of inputs on the site of its own district.
    const { page } = browser;
    await as(page, 'zhuhui');
    await page.goto(`${baseUrl()}/observation/${id}`);
    await page.getByTestId(`score-recused-${zhuhui.projectId}`).waitFor({ timeout: 15_000 });
    expect(await page.getByTestId(`score-recused-${zhuhui.projectId}`).textContent()).toContain('回避');
    expect(await pointsInput(page, zhuhui.projectId, 'scale').count()).toBe(0);
    expect(await page.getByTestId(`score-saved-${leiyang.projectId}`).textContent()).toContain('65.00');

    const current = await operator.json<{ version: number }>('GET', `/api/v1/observation/tours/${id}`);
    await operator.json('POST', `/api/v1/observation/tours/${id}/close`, { version: current.version });

    // Once closed, the unit sees the results: each site without its highest and lowest judge.
    await page.goto(`${baseUrl()}/observation/${id}`);
    await page.getByTestId('tab-results').click();
    const sites = page.getByTestId('results-sites');
    const rowOf = (site: Site) => sites.locator('tbody tr.ant-table-row').filter({ hasText: site.name });
    await expect.poll(async () => (await rowOf(leiyang).textContent()) ?? '', { timeout: 15_000 }).toContain('77.50');
    expect(await rowOf(zhuhui).textContent()).toContain('70.00');
    const dropped = async (site: Site) =>
      Object.fromEntries(
        await rowOf(site)
          .locator('[data-testid^="judge-total-"]')
          .evaluateAll((tags) => tags.map((tag) => [tag.getAttribute('data-testid'), tag.getAttribute('data-dropped')])),
      ) as Record<string, string>;
    expect(await dropped(zhuhui)).toEqual({
      [`judge-total-${judges.operator}`]: 'high',
      [`judge-total-${judges.leader}`]: '',
      [`judge-total-${judges.natres}`]: '',
      [`judge-total-${judges.tax}`]: '',
      [`judge-total-${judges.stats}`]: 'low',
    });
    expect(await dropped(leiyang)).toMatchObject({
      [`judge-total-${judges.operator}`]: 'high',
      [`judge-total-${judges.zhuhui}`]: 'low',
    });
    expect(await rowOf(zhuhui).textContent()).toContain('去掉最高');
    expect(await rowOf(zhuhui).textContent()).toContain('去掉最低');
    const units = await page.getByTestId('results-units').locator('tbody tr.ant-table-row').allTextContents();
    expect(units[0]).toContain(leiyang.unitName);
    expect(units[1]).toContain(zhuhui.unitName);
    await screenshot(page, 'observation-results-trimmed');

    // In English: the criteria, the units and the dropped judges too.
    await page.getByTestId('lang-en-US').click();
    await expect.poll(async () => (await rowOf(zhuhui).textContent()) ?? '', { timeout: 15_000 }).toContain('highest dropped');
    expect(await rowOf(zhuhui).textContent()).toContain('lowest dropped');
    expect(await page.getByTestId('tour-overview').textContent()).toContain('Scale of investment (weight 50)');
    expect(await page.getByTestId('results-rule').textContent()).toContain('from 5 judges on');
    await screenshot(page, 'observation-results-en');
    await page.getByTestId('lang-zh-CN').click();
    await expect.poll(async () => (await rowOf(zhuhui).textContent()) ?? '', { timeout: 15_000 }).toContain('去掉最高');
  });

  it('the operator edits a draft in the same drawer and deletes it after confirming', async () => {
    const draft = await operator.json<{ id: number }>('POST', '/api/v1/observation/tours', {
      title: `${TITLE} 草稿`,
      year: 2026,
      quarter: 3,
      heldOn: '2026-09-15',
      criteria: [{ key: 'scale', nameZh: '投资规模', nameEn: 'Scale of investment', weight: 100 }],
      projectIds: [leiyang.projectId],
      judgeUserIds: (await operator.json<{ items: { userId: number }[] }>('GET', '/api/v1/observation/judge-candidates')).items
        .slice(0, 1)
        .map((c) => c.userId),
    });
    const { page } = browser;
    await as(page, 'operator');
    await page.goto(`${baseUrl()}/observation/${draft.id}`);
    await page.getByTestId('tour-edit').click();
    await page.getByTestId('tour-drawer').waitFor();
    // The draft's own values: its one criterion and site.
    expect(await page.locator('[data-testid="criterion-zh-0"]').inputValue()).toBe('投资规模');
    expect((await page.getByTestId('tour-sites').textContent()) ?? '').toContain(leiyang.name);
    await page.getByTestId('criterion-add').click();
    await page.getByTestId('criterion-zh-1').fill('安全文明');
    await page.getByTestId('criterion-en-1').fill('Site safety');
    await page.locator('input[data-testid="criterion-weight-1"], [data-testid="criterion-weight-1"] input').first().fill('25');
    await expect.poll(async () => (await page.getByTestId('tour-weight-total').textContent()) ?? '').toBe('权重合计 125');
    await page.getByTestId('tour-title').fill(`${TITLE} 草稿（改）`);
    await page.getByTestId('tour-save').click();
    await expect.poll(async () => (await page.getByTestId('page-title').textContent()) ?? '', { timeout: 15_000 }).toContain('（改）');
    const edited = await operator.json<{ criteria: { key: string; nameEn: string; weight: number }[] }>(
      'GET',
      `/api/v1/observation/tours/${draft.id}`,
    );
    expect(edited.criteria).toEqual([
      { key: 'scale', nameZh: '投资规模', nameEn: 'Scale of investment', weight: 100 },
      { key: 'c1', nameZh: '安全文明', nameEn: 'Site safety', weight: 25 },
    ]);

    await page.getByTestId('tour-delete').click();
    await page.getByTestId('tour-delete-ok').click();
    await page.waitForURL(/\/observation$/, { timeout: 15_000 });
    const after = await operator.request('GET', `/api/v1/observation/tours/${draft.id}`);
    expect(after.status).toBe(404);
  });
});
