import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_COMPETITION_GROUPS } from '../src/contracts/index.js';
import { ApiClient } from './http.js';

/**
 * The documents Juli generates open cleanly in LibreOffice (the office suite of many
 * government desktops): each is converted headless to PDF and to text, and the text must
 * carry the document's Chinese title. Runs against the demo server of the e2e suite.
 */
const run = promisify(execFile);
const SOFFICE = process.env.JULI_SOFFICE ?? 'soffice';
let dir: string;
let operator: ApiClient;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'juli-docs-'));
  operator = await ApiClient.signIn('operator');
});
afterAll(async () => {
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

/** Convert with LibreOffice (own profile dir, so parallel runs do not share one) and return the output file. */
async function convert(file: string, to: string): Promise<string> {
  const profile = path.join(dir, 'profile');
  await run(SOFFICE, [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', to, '--outdir', dir, file], {
    timeout: 180_000,
  });
  return path.join(dir, `${path.basename(file, path.extname(file))}.${to.split(':')[0]}`);
}

async function opensCleanly(name: string, data: Buffer, mustContain: string): Promise<void> {
  const file = path.join(dir, name);
  await fs.writeFile(file, data);
  const pdf = await fs.readFile(await convert(file, 'pdf'));
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  expect(pdf.length).toBeGreaterThan(2_000);
  const textFile = name.endsWith('.docx')
    ? await convert(file, 'txt:Text (encoded):UTF8')
    : await convert(file, 'csv:Text - txt - csv (StarCalc):44,34,76');
  expect(await fs.readFile(textFile, 'utf8')).toContain(mustContain);
}

async function unitId(name: string): Promise<number> {
  const page = await operator.json<{ items: { id: number; nameZh: string }[] }>('GET', `/api/v1/org/units?q=${encodeURIComponent(name)}`);
  const unit = page.items.find((u) => u.nameZh === name);
  if (!unit) throw new Error(`no unit ${name}`);
  return unit.id;
}

describe('generated documents open in LibreOffice', () => {
  it('the monthly briefing (.docx) and boards (.xlsx) of a published month', async () => {
    const month = '2022-12';
    const boards = await operator.json<{ isPublished: boolean }>('GET', `/api/v1/boards?month=${month}`);
    if (!boards.isPublished) await operator.json('POST', '/api/v1/boards/publications', { month });
    await opensCleanly('briefing.docx', await operator.bytes(`/api/v1/boards/publications/${month}/briefing`), '重大项目建设情况通报');
    await opensCleanly('boards.xlsx', await operator.bytes(`/api/v1/boards/publications/${month}/workbook`), '珠晖区');
  });

  it('a unit’s year-end account (交总账) and its annual assessment pack', async () => {
    const zhuhui = await unitId('珠晖区');
    let letters = (await operator.json<{ items: { id: number; unitId: number }[] }>('GET', '/api/v1/commitments?year=2022')).items;
    if (!letters.some((l) => l.unitId === zhuhui)) {
      await operator.json('POST', '/api/v1/commitments', {
        unitId: zhuhui,
        year: 2022,
        title: '2022年项目建设承诺书',
        items: [{ kind: 'unit_investment', deadline: '2022-12-31', committedAmount: '100000' }],
      });
      letters = (await operator.json<{ items: { id: number; unitId: number }[] }>('GET', '/api/v1/commitments?year=2022')).items;
    }
    const letter = letters.find((l) => l.unitId === zhuhui)!;
    await opensCleanly('account.docx', await operator.bytes(`/api/v1/commitments/${letter.id}/account.docx`), '兑现情况（交总账）');
    await opensCleanly(
      'pack.docx',
      await operator.bytes(`/api/v1/monitoring/pack.docx?unitId=${zhuhui}&year=2022`),
      '珠晖区2022年度重大项目建设考核材料',
    );
  });

  it('the competition notice (通报) of a published period', async () => {
    // A scheme of its own year, every period published, so the 2022 scheme the competition spec
    // publishes and counts is left as it is.
    type Scheme = { id: number; version: number; status: string; periodsToPublish: string[] };
    let [scheme] = (await operator.json<{ items: Scheme[] }>('GET', '/api/v1/competition/schemes?year=2021')).items;
    if (!scheme) {
      const draft = await operator.json<Scheme>('POST', '/api/v1/competition/schemes', {
        year: 2021,
        title: '2021年度争先创优考评方案',
        groups: DEFAULT_COMPETITION_GROUPS,
        rewardCount: 3,
        warningCount: 2,
      });
      scheme = await operator.json<Scheme>('POST', `/api/v1/competition/schemes/${draft.id}/activate`, { version: draft.version });
    }
    for (const period of scheme.periodsToPublish)
      await operator.json('POST', `/api/v1/competition/schemes/${scheme.id}/publish`, { period });
    await opensCleanly(
      'notice.docx',
      await operator.bytes(`/api/v1/competition/schemes/${scheme.id}/results/notice?period=Y`),
      '关于2021年度争先创优考评结果的通报',
    );
  });
});
