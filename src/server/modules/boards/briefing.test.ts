import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { BOARD_METRICS, type Boards, type HonourEntry } from '../../../contracts/index.js';
import { sheetRows } from '../../../test/sheets.js';
import { boardsWorkbook, briefingDocx } from './briefing.js';

const honour = (list: 'red' | 'yellow', i: number): HonourEntry => ({
  list,
  projectId: i,
  projectName: `${list === 'red' ? '领先' : '滞后'}项目${i}`,
  unitId: 2,
  unitName: '珠晖区',
  dueByNow: '1000',
  ytd: list === 'red' ? '1200' : '300',
  ratio: list === 'red' ? 1.2 : 0.3,
  reasons: list === 'red' ? [] : ['年度投资完成计划进度的 30%'],
});

const boards = (honours: HonourEntry[] | null): Boards => ({
  month: '2026-03',
  isPublished: true,
  publishedAt: '2026-04-02T02:00:00.000Z',
  publishedBy: 'operator',
  boards: BOARD_METRICS.map((metric) => ({
    metric,
    total: '100',
    entries: [{ unitId: 2, unitName: '珠晖区', value: '100', count: 1, rank: 1, previousRank: null, movement: null }],
  })),
  corrections: [],
  annualTask: null,
  hasBriefing: true,
  honours: honours && { red: honours.filter((h) => h.list === 'red').length, yellow: honours.filter((h) => h.list === 'yellow').length },
  latestPublished: '2026-03',
});

const facts = { cityName: '衡阳市', expectedReports: 1, missingReports: 0, overdueMilestones: 0 };
const text = async (docx: Buffer) =>
  (await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');

describe('the 红黄榜 in the briefing and the Excel boards', () => {
  it('prints the first 50 of a long list in Word (saying how many there are) and every one in Excel', async () => {
    const honours = [...Array.from({ length: 60 }, (_, i) => honour('red', i + 1)), honour('yellow', 100)];
    const xml = await text(await briefingDocx(boards(honours), facts, 'zh-CN', honours));
    expect(xml).toContain('截至3月底，60个项目年度累计完成投资达到或超过序时进度，列入红榜；1个项目亮红灯，列入黄榜');
    expect(xml).toContain('领先项目50');
    expect(xml).not.toContain('领先项目51');
    expect(xml).toContain('以上为前50个，共60个，完整名单见榜单Excel。');
    expect(xml).toContain('年度投资完成计划进度的 30%');
    const rows = await sheetRows(await boardsWorkbook(boards(honours), 'zh-CN', honours), 4);
    expect(rows).toHaveLength(62);
    expect(rows[61]).toEqual(['黄榜（进度滞后）', 1, '滞后项目100', '珠晖区', 1000, 300, '30.0%', '年度投资完成计划进度的 30%']);
  });

  it('leaves the section out of a publication without lists, and says "none" for an empty list', async () => {
    expect(await text(await briefingDocx(boards(null), facts, 'zh-CN'))).not.toContain('红黄榜');
    const english = await text(await briefingDocx(boards([honour('yellow', 1)]), facts, 'en-US', [honour('yellow', 1)]));
    expect(english).toContain('3. Red and yellow lists');
    expect(english).toContain('0 projects had completed at least the investment due');
    expect(english).toContain('None');
  });
});
