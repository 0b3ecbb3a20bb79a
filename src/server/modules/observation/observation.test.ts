import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_OBSERVATION_CRITERIA, type Tour, type TourResults } from '../../../contracts/index.js';
import { type TestApp, createTestApp } from '../../../test/app.js';
import { type TestOrg, makeProject, operatorContext, seedOrg, signedIn } from '../../../test/factories.js';
import { jpegWithExifFixture, pngFixture } from '../../../test/photos.js';
import { multipart } from '../../../test/sheets.js';
import { unitObservations } from './service.js';

type Agent = Awaited<ReturnType<typeof signedIn>>;
let t: TestApp;
let org: TestOrg;
let operator: Agent;
let leader: Agent;
let county: Agent;
let enterprise: Agent;
/** Six judges, so that the highest and the lowest are dropped. */
const judges: Agent[] = [];
let siteA: number; // countyA (珠晖区)
let siteA2: number; // parkA, under countyA
let siteB: number; // countyB (耒阳市)

const P = '/api/v1/observation/tours';
const all = (p: number) => ({ scale: p, progress: p, technology: p, land: p });

beforeAll(async () => {
  t = await createTestApp({ JULI_LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
  org = await seedOrg(t);
  operator = await signedIn(t, 'city_operator');
  leader = await signedIn(t, 'city_leader');
  county = await signedIn(t, 'reporting_unit', { unitId: org.countyA });
  enterprise = await signedIn(t, 'enterprise', { enterpriseId: org.entA });
  judges.push(operator, leader, county, await signedIn(t, 'department', { unitId: org.dept }));
  judges.push(await signedIn(t, 'city_leader'), await signedIn(t, 'city_leader'));
  const ops = await operatorContext(t);
  siteA = await makeProject(t, ops, org.countyA, { name: '珠晖观摩项目' });
  siteA2 = await makeProject(t, ops, org.parkA, { name: '园区观摩项目' });
  siteB = await makeProject(t, ops, org.countyB, { name: '耒阳观摩项目' });
});
afterAll(async () => {
  await t?.close();
});

const draft = (overrides: Record<string, unknown> = {}) => ({
  title: '2026年一季度重点项目现场观摩',
  year: 2026,
  quarter: 1,
  heldOn: '2026-03-18',
  criteria: DEFAULT_OBSERVATION_CRITERIA,
  projectIds: [siteA, siteA2, siteB],
  judgeUserIds: judges.map((j) => j.userId),
  ...overrides,
});

async function auditActions(targetId: number): Promise<string[]> {
  const rows = await t.deps.db
    .selectFrom('audit_log')
    .select('action')
    .where('target_type', '=', 'observation_tour')
    .where('target_id', '=', String(targetId))
    .orderBy('id')
    .execute();
  return rows.map((r) => r.action);
}

describe('observation tours (现场观摩)', () => {
  let tour: Tour;

  it('refuses a bad draft field by field and writes nothing', async () => {
    const before = await t.deps.db
      .selectFrom('observation_tour')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const bad = await operator.post(
      P,
      draft({ heldOn: '2026-05-02', projectIds: [siteA, 999_999], judgeUserIds: [leader.userId, enterprise.userId] }),
    );
    expect(bad.statusCode).toBe(400);
    const fields = (bad.json().error.details.fields as { path: string; message: string }[]).map((f) => [f.path, f.message]);
    expect(fields).toEqual([
      ['heldOn', '观摩日期须在所选年度（和季度）内'],
      ['projectIds.1', '所选记录不存在或不在您的管辖范围内'],
      ['judgeUserIds.1', '评委须为本市在用的、可参与评分的账号'],
    ]);
    const dup = await operator.post(P, draft({ projectIds: [siteA, siteA] }));
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.details.fields[0]).toMatchObject({ path: 'projectIds', message: '不能重复选择同一项' });
    const noCriteria = await operator.post(P, draft({ criteria: [] }));
    expect(noCriteria.statusCode).toBe(400);
    const after = await t.deps.db
      .selectFrom('observation_tour')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('drafts a tour that only the operator sees, and edits it with the version', async () => {
    const created = await operator.post(P, draft({ title: '草稿' }));
    expect(created.statusCode, created.body).toBe(201);
    tour = created.json();
    expect(tour.status).toBe('draft');
    expect(tour.sites.map((s) => s.projectId)).toEqual([siteA, siteA2, siteB]);
    expect((await leader.get(`${P}/${tour.id}`)).statusCode).toBe(404);
    expect((await leader.get(P)).json().items).toEqual([]);
    expect((await operator.get(P)).json().items.map((x: { id: number }) => x.id)).toEqual([tour.id]);

    const edited = await operator.patch(`${P}/${tour.id}`, { version: tour.version, title: '2026年一季度重点项目现场观摩' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await operator.patch(`${P}/${tour.id}`, { version: tour.version, title: '旧版本' })).statusCode).toBe(409);
    tour = edited.json();
    expect(tour.title).toBe('2026年一季度重点项目现场观摩');
  });

  it('opens it for scoring; then it cannot be edited, and judges see what they score', async () => {
    const opened = await operator.post(`${P}/${tour.id}/open`, { version: tour.version });
    expect(opened.statusCode, opened.body).toBe(200);
    tour = opened.json();
    expect(tour.status).toBe('scoring');
    // Every judge but the operator who opened it finds it in the inbox, with the sites that are theirs.
    const inbox = async (agent: Agent) =>
      ((await agent.get('/api/v1/notifications')).json().items as { kind: string; text: string; link: string }[]).filter(
        (n) => n.kind === 'observation.opened',
      );
    expect(await inbox(leader)).toEqual([
      expect.objectContaining({
        text: '现场观摩「2026年一季度重点项目现场观摩」（2026-03-18）已开始评分，您是评委，请为 3 个观摩点位打分',
        link: `/observation/${tour.id}`,
      }),
    ]);
    expect((await inbox(county))[0]!.text).toContain('请为 1 个观摩点位打分');
    expect(await inbox(operator)).toEqual([]);
    const late = await operator.patch(`${P}/${tour.id}`, { version: tour.version, title: '晚了' });
    expect(late.statusCode).toBe(422);
    expect(late.json().error.message).toBe('观摩已开始评分，不能再修改或删除');

    const mine: Tour = (await county.get(`${P}/${tour.id}`)).json();
    expect(mine.isJudge).toBe(true);
    expect(mine.canSeeResults).toBe(false);
    // The county's own sites (itself and its park) are scored by the others (回避).
    expect(mine.sites.map((s) => s.recused)).toEqual([true, true, false]);
    // Six judges, the county standing aside from its two sites: five may score them.
    expect(mine.sites.map((s) => s.expectedBy)).toEqual([5, 5, 6]);
    expect(mine.judges.find((j) => j.userId === county.userId)).toMatchObject({ scored: 0, toScore: 1 });
    expect((await leader.get(P)).json().items[0]).toMatchObject({ id: tour.id, scoredCount: 0, expectedCount: 6 * 3 - 2 });
  });

  it('takes each judge’s points, refusing incomplete points, recused sites and non-judges', async () => {
    const missing = await leader.put(`${P}/${tour.id}/sites/${siteA}/score`, { points: { scale: 90, progress: 80, technology: 70 } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details.fields).toEqual([{ path: 'points.land', message: '请为“集约用地”打分' }]);
    const unknown = await leader.put(`${P}/${tour.id}/sites/${siteA}/score`, { points: { ...all(80), beauty: 100 } });
    expect(unknown.json().error.details.fields[0].path).toBe('points.beauty');
    const outOfRange = await leader.put(`${P}/${tour.id}/sites/${siteA}/score`, { points: all(101) });
    expect(outOfRange.statusCode).toBe(400);

    const recused = await county.put(`${P}/${tour.id}/sites/${siteA2}/score`, { points: all(100) });
    expect(recused.statusCode).toBe(422);
    expect(recused.json().error.message).toBe('本辖区的项目由其他评委评分（回避）');
    const stranger = await signedIn(t, 'city_leader');
    const notJudge = await stranger.put(`${P}/${tour.id}/sites/${siteA}/score`, { points: all(100) });
    expect(notJudge.statusCode).toBe(422);
    expect(notJudge.json().error.message).toBe('您不是本次观摩的评委');
    expect((await leader.put(`${P}/${tour.id}/sites/999999/score`, { points: all(1) })).statusCode).toBe(404);

    const toScore = async (agent: Agent) => ((await agent.get(`${P}?toScore=true`)).json().items as { id: number }[]).map((x) => x.id);
    expect(await toScore(leader)).toEqual([tour.id]);
    expect(await toScore(county)).toEqual([tour.id]);
    expect(await toScore(stranger)).toEqual([]);
    // siteA: five judges (the county stands aside) 95, 60, 80, 85, 90 → drop 95 and 60 → 85.
    // siteA2: five judges 70 each → 70. siteB: six judges 50, 100, 75, 75, 75, 75 → drop 100 and 50 → 75.
    const siteAPoints = [95, 60, null, 80, 85, 90];
    const siteBPoints = [50, 100, 75, 75, 75, 75];
    for (const [i, judge] of judges.entries()) {
      if (siteAPoints[i] !== null) {
        const r = await judge.put(`${P}/${tour.id}/sites/${siteA}/score`, {
          points: all(siteAPoints[i]!),
          note: i === 0 ? '进度快' : null,
        });
        expect(r.statusCode, r.body).toBe(200);
        const r2 = await judge.put(`${P}/${tour.id}/sites/${siteA2}/score`, { points: all(70) });
        expect(r2.statusCode, r2.body).toBe(200);
      }
      expect((await judge.put(`${P}/${tour.id}/sites/${siteB}/score`, { points: all(siteBPoints[i]!) })).statusCode).toBe(200);
    }
    // Every judge has scored every site it may: nothing left to score (the county's own sites do not count).
    for (const judge of judges) expect(await toScore(judge)).toEqual([]);
    // A judge revises a score: the last one counts. Weighted: (30×90 + 30×80 + 20×70 + 20×60) ÷ 100 = 77.
    const revised = await leader.put(`${P}/${tour.id}/sites/${siteB}/score`, {
      points: { scale: 90, progress: 80, technology: 70, land: 60 },
    });
    expect(revised.json().sites.find((s: { projectId: number }) => s.projectId === siteB).myScore).toMatchObject({ total: '77.00' });
    await leader.put(`${P}/${tour.id}/sites/${siteB}/score`, { points: all(60) });

    // Photos of the visit: a judge's JPEG keeps its EXIF time and place; a PDF is refused; only judges and the operator add them.
    const upload = (agent: Agent, projectId: number, filename: string, data: Buffer) =>
      agent.request({ method: 'POST', url: `${P}/${tour.id}/sites/${projectId}/photos`, ...multipart(filename, data) });
    const added = await upload(leader, siteB, '现场全景.jpg', jpegWithExifFixture());
    expect(added.statusCode, added.body).toBe(201);
    const photo = (added.json() as Tour).sites.find((x) => x.projectId === siteB)!.photos[0]!;
    expect(photo).toMatchObject({
      filename: '现场全景.jpg',
      takenAt: '2026-02-20T01:15:30.000Z',
      latitude: 26.893611,
      longitude: 112.571944,
      createdBy: leader.username,
      mine: true,
    });
    const png = await upload(county, siteB, 'x.jpg', pngFixture());
    expect((png.json() as Tour).sites.find((x) => x.projectId === siteB)!.photos.map((x) => x.filename)).toEqual(['现场全景.jpg', 'x.png']);
    const pdf = await upload(leader, siteB, 'scan.jpg', Buffer.from('%PDF-1.4\n%%EOF'));
    expect(pdf.statusCode).toBe(400);
    expect(pdf.json().error.details.fields[0]).toMatchObject({ path: 'file' });
    expect((await upload(stranger, siteB, 'a.jpg', jpegWithExifFixture())).json().error.message).toBe(
      '只有本次观摩的评委和市重点办可以上传照片',
    );
    const download = await county.get(`/api/v1/observation/photos/${photo.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/jpeg');
    expect(download.rawPayload.equals(jpegWithExifFixture())).toBe(true);
    const pngId = (png.json() as Tour).sites.find((x) => x.projectId === siteB)!.photos[1]!.id;
    const notYours = await leader.request({ method: 'DELETE', url: `/api/v1/observation/photos/${pngId}` });
    expect(notYours.json().error.message).toBe('只能删除自己上传的照片');
    expect((await county.request({ method: 'DELETE', url: `/api/v1/observation/photos/${pngId}` })).statusCode).toBe(200);
    expect((await county.get(`/api/v1/observation/photos/${pngId}`)).statusCode).toBe(404);

    const hidden = await leader.get(`${P}/${tour.id}/results`);
    expect(hidden.statusCode).toBe(422);
    expect(hidden.json().error.message).toBe('观摩结束后公布结果');
  });

  it('closes the tour and ranks sites and units from the points', async () => {
    const current: Tour = (await operator.get(`${P}/${tour.id}`)).json();
    const closed = await operator.post(`${P}/${tour.id}/close`, { version: current.version });
    expect(closed.statusCode, closed.body).toBe(200);
    expect((await leader.put(`${P}/${tour.id}/sites/${siteB}/score`, { points: all(1) })).json().error.message).toBe('观摩不在评分阶段');
    const photoId = (closed.json() as Tour).sites.find((x) => x.projectId === siteB)!.photos[0]!.id;
    expect((await leader.request({ method: 'DELETE', url: `/api/v1/observation/photos/${photoId}` })).json().error.message).toBe(
      '观摩不在评分阶段',
    );

    const results: TourResults = (await county.get(`${P}/${tour.id}/results`)).json();
    const site = (id: number) => results.sites.find((s) => s.projectId === id)!;
    expect(site(siteA)).toMatchObject({ score: '85.00', rank: 1 });
    expect(site(siteA).judges.map((j) => [j.total, j.dropped])).toEqual([
      ['95.00', 'high'],
      ['60.00', 'low'],
      ['80.00', null],
      ['85.00', null],
      ['90.00', null],
    ]);
    expect(site(siteA).judges[0]!.note).toBe('进度快');
    expect(site(siteA2)).toMatchObject({ score: '70.00', rank: 3 });
    // siteB after the revision: 50, 60, 75, 75, 75, 75 → drop 75 (the last of the highest) and 50 → 71.25.
    expect(site(siteB)).toMatchObject({ score: '71.25', rank: 2 });
    expect(results.units).toEqual([
      { unitId: org.countyA, unitName: '珠晖区', score: '85.00', siteCount: 1, rank: 1 },
      { unitId: org.countyB, unitName: '耒阳市', score: '71.25', siteCount: 1, rank: 2 },
      { unitId: org.parkA, unitName: '示例园区', score: '70.00', siteCount: 1, rank: 3 },
    ]);
    expect(await auditActions(tour.id)).toEqual([
      'observation.tour.create',
      'observation.tour.update',
      'observation.tour.open',
      ...Array(5 * 2 + 6 + 2).fill('observation.score'),
      'observation.photo.add',
      'observation.photo.add',
      'observation.photo.delete',
      'observation.tour.close',
    ]);
  });

  it('exports the results as a workbook in rank order with the dropped totals marked', async () => {
    const response = await leader.get(`${P}/${tour.id}/export`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const row = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(row(1).slice(0, 4)).toEqual(['排名', '项目', '单位', '得分']);
    expect(row(1).slice(-2)).toEqual(['单位得分', '单位排名']);
    expect(row(2).slice(0, 4)).toEqual([1, '珠晖观摩项目', '珠晖区', 85]);
    expect(row(2)[4]).toBe('95.00（去掉）');
    expect(row(2).slice(-2)).toEqual([85, 1]);
    expect(sheet.rowCount).toBe(4);
    expect((await auditActions(tour.id)).at(-1)).toBe('observation.export');
  });

  it('gives a unit its score and rank of the quarter for the packs', async () => {
    expect(await unitObservations(t.deps.db, org.cityCode, org.countyB, 2026, 1)).toEqual([
      { tourId: tour.id, title: tour.title, heldOn: '2026-03-18', quarter: 1, score: '71.25', rank: 2, rankedUnits: 3 },
    ]);
    expect(await unitObservations(t.deps.db, org.cityCode, org.countyB, 2026, 2)).toEqual([]);

    const packText = async (quarter: number) => {
      const doc = await operator.get(`/api/v1/monitoring/pack.docx?unitId=${org.countyB}&year=2026&quarter=${quarter}`);
      expect(doc.statusCode).toBe(200);
      return (await (await JSZip.loadAsync(doc.rawPayload)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    };
    const q1 = await packText(1);
    expect(q1).toContain('六、现场观摩');
    expect(q1).toContain('2026-03-18《2026年一季度重点项目现场观摩》：得分71.25分，在3个单位中排第2名。');
    expect(await packText(2)).toContain('本期无现场观摩评分。');
  });

  it('refuses to close a tour nobody scored, and deletes only drafts', async () => {
    const fresh: Tour = (await operator.post(P, draft({ title: '无人评分' }))).json();
    const opened: Tour = (await operator.post(`${P}/${fresh.id}/open`, { version: fresh.version })).json();
    const close = await operator.post(`${P}/${fresh.id}/close`, { version: opened.version });
    expect(close.statusCode).toBe(422);
    expect(close.json().error.message).toBe('还没有评委评分，不能结束观摩');
    expect((await operator.request({ method: 'DELETE', url: `${P}/${fresh.id}` })).statusCode).toBe(422);

    const other: Tour = (await operator.post(P, draft({ title: '删除' }))).json();
    expect((await operator.request({ method: 'DELETE', url: `${P}/${other.id}` })).statusCode).toBe(200);
    expect((await operator.get(`${P}/${other.id}`)).statusCode).toBe(404);
    expect(await auditActions(other.id)).toEqual(['observation.tour.create', 'observation.tour.delete']);
  });
});
