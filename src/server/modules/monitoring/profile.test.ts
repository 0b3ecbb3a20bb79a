import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../../../test/app.js';
import { type TestOrg, makeProject, operatorContext, seedOrg } from '../../../test/factories.js';
import { projectFacts, projectIdsUnder } from '../projects/index.js';
import { monthlyByProject } from '../reports/index.js';
import { DEFAULT_PROFILE, learnProfile } from './domain/forecast.js';
import { cityProfile } from './service.js';

/**
 * The seasonal profile is learnt in SQL (twelve sums a year); this checks it against the
 * definition worked out in TypeScript project by project, on generated projects whose
 * starts, completions and productions fall before, inside and after the years learnt from,
 * with corrected versions and all-zero years.
 */
let t: TestApp;
let org: TestOrg;

function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** What the profile means: every qualifying project-year's months, weighed by its total. */
async function byDefinition(year: number) {
  const ids = await projectIdsUnder(t.deps.db, { kind: 'city', cityCode: org.cityCode });
  const facts = await projectFacts(t.deps.db, org.cityCode, ids, year);
  const samples: { monthly: string[] }[] = [];
  const years: number[] = [];
  for (const y of [year - 3, year - 2, year - 1]) {
    const counted = ids.filter((id) => {
      const f = facts.get(id)!;
      const started = f.milestones.find((m) => m.kind === 'start')?.actualOn;
      const ended =
        f.milestones.find((m) => m.kind === 'completion')?.actualOn ?? f.milestones.find((m) => m.kind === 'production')?.actualOn;
      return !!started && started < `${y}-01-01` && (!ended || ended > `${y}-12-31`);
    });
    const before = samples.length;
    for (const monthly of (await monthlyByProject(t.deps.db, org.cityCode, counted, y, 12)).values())
      if (monthly.some((v) => Number(v) > 0)) samples.push({ monthly });
    if (samples.length > before) years.push(y);
  }
  const profile = learnProfile(samples);
  return { profile, years: profile === DEFAULT_PROFILE ? [] : years };
}

beforeAll(async () => {
  t = await createTestApp();
  org = await seedOrg(t);
  const ops = await operatorContext(t);
  const next = random(20261130);
  // A fifth of the dates on the edges of a year (1 January, 31 December): a project counts
  // from the year after its start to the year before its end, whatever the day.
  const day = (y: number) => {
    const edge = next();
    if (edge < 0.1) return `${y}-01-01`;
    if (edge < 0.2) return `${y}-12-31`;
    return `${y}-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`;
  };
  const rows: string[] = [];
  for (let i = 0; i < 40; i++) {
    const startYear = 2020 + Math.floor(next() * 6); // 2020–2025
    const milestones: { kind: 'start' | 'completion' | 'production'; plannedOn: string; actualOn: string | null }[] = [];
    const start = day(startYear);
    milestones.push({ kind: 'start', plannedOn: start, actualOn: i % 9 === 0 ? null : start });
    if (next() < 0.4) {
      const end = day(startYear + 1 + Math.floor(next() * 3));
      // An actual date is never after the clock's today (2026-03-02).
      const done = next() < 0.7 && end < '2026-03-01';
      milestones.push({ kind: next() < 0.5 ? 'completion' : 'production', plannedOn: end, actualOn: done ? end : null });
    }
    const id = await makeProject(t, ops, i % 2 ? org.countyA : org.countyB, {
      name: `画像项目${i}`,
      totalInvestment: '900000',
      milestones,
    });
    for (const y of [2022, 2023, 2024, 2025]) {
      const zeroYear = next() < 0.15;
      for (let m = 1; m <= 12; m++) {
        if (next() < 0.1) continue;
        const amount = zeroYear ? 0 : Math.floor(next() * 5000) / 10;
        const month = `'${y}-${String(m).padStart(2, '0')}-01'`;
        rows.push(`('${org.cityCode}', ${id}, ${month}, 1, 'submission', ${amount}, NULL, now())`);
        if (next() < 0.1) rows.push(`('${org.cityCode}', ${id}, ${month}, 2, 'correction', ${amount * 2 + 1}, '更正', now())`);
      }
    }
  }
  await t.deps.pool.query(
    `INSERT INTO report_version (city_code, project_id, month, version, kind, investment, reason, submitted_at) VALUES ${rows.join(',')}`,
  );
});
afterAll(async () => {
  await t?.close();
});

describe('the seasonal profile learnt in SQL', () => {
  it('is the one the definition gives, year by year', async () => {
    for (const year of [2024, 2025, 2026, 2027]) {
      const expected = await byDefinition(year);
      expect(await cityProfile(t.deps.db, org.cityCode, year), String(year)).toEqual(expected);
    }
    // The data is rich enough to learn from (not the default everywhere).
    expect((await cityProfile(t.deps.db, org.cityCode, 2026)).years.length).toBeGreaterThan(1);
  });

  it('falls back to the default profile when no project ran a whole year', async () => {
    expect(await cityProfile(t.deps.db, org.cityCode, 2021)).toEqual({ profile: DEFAULT_PROFILE, years: [] });
  });
});
