import { describe, expect, it } from 'vitest';
import type { DepartmentInspectionStats } from '../../../../src/contracts/index.js';
import { ApiError } from '../../api/client';
import {
  emptyInspectors,
  fromYesNo,
  inspectLink,
  isAfterToday,
  needsAttention,
  nextRoutineOverLimit,
  parseClose,
  parseRating,
  parseRegistration,
  parseReport,
  registerRequest,
  showsLimitWarning,
  statsTotals,
  tabFromSearch,
  inspectionFilterFromSearch,
  caseFilterFromSearch,
  toYesNo,
  tokenFromInput,
} from './inspections';

const TOKEN = 'AbCdEfGhIjKlMnOpQr_-12';

function fieldsOf(run: () => unknown): Record<string, string> {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return Object.fromEntries((error as ApiError).fields.map((f) => [f.path, f.message]));
  }
  throw new Error('no error');
}

describe(inspectLink.name, () => {
  it('points the QR at the scan page of this site', () => {
    expect(inspectLink('https://juli.example.cn', TOKEN)).toBe(`https://juli.example.cn/inspect/${TOKEN}`);
    expect(inspectLink('http://127.0.0.1:5173/', TOKEN)).toBe(`http://127.0.0.1:5173/inspect/${TOKEN}`);
  });
});

describe(tokenFromInput.name, () => {
  it('takes the code itself or the whole link of the QR', () => {
    expect(tokenFromInput(TOKEN)).toBe(TOKEN);
    expect(tokenFromInput(`  ${TOKEN} `)).toBe(TOKEN);
    expect(tokenFromInput(`https://juli.example.cn/inspect/${TOKEN}`)).toBe(TOKEN);
    expect(tokenFromInput(`https://juli.example.cn/inspect/${TOKEN}/?from=qr#top`)).toBe(TOKEN);
    expect(tokenFromInput(`/inspect/${TOKEN}`)).toBe(TOKEN);
  });

  it('refuses anything that is not a code', () => {
    expect(tokenFromInput('')).toBeNull();
    expect(tokenFromInput(undefined)).toBeNull();
    expect(tokenFromInput('short')).toBeNull();
    expect(tokenFromInput(`${TOKEN}x`)).toBeNull();
    expect(tokenFromInput('AbCdEfGhIjKlMnOpQr+/12')).toBeNull();
    expect(tokenFromInput('https://juli.example.cn/inspect/%E0%A4%A')).toBeNull();
    expect(tokenFromInput('https://juli.example.cn/projects/12')).toBeNull();
  });
});

describe(showsLimitWarning.name, () => {
  it('warns when the next routine inspection reaches beyond the limit', () => {
    expect(nextRoutineOverLimit({ routineThisYear: 0, routineLimitPerYear: 1 })).toBe(false);
    expect(nextRoutineOverLimit({ routineThisYear: 1, routineLimitPerYear: 1 })).toBe(true);
    expect(nextRoutineOverLimit({ routineThisYear: 0, routineLimitPerYear: 0 })).toBe(true);
    expect(showsLimitWarning({ routineThisYear: 1, routineLimitPerYear: 1 }, 'routine')).toBe(true);
    expect(showsLimitWarning({ routineThisYear: 1, routineLimitPerYear: 1 }, undefined)).toBe(true);
    expect(showsLimitWarning({ routineThisYear: 1, routineLimitPerYear: 2 }, 'routine')).toBe(false);
  });

  it('never warns of a random check, a complaint or an emergency', () => {
    for (const kind of ['random', 'complaint', 'emergency'] as const) {
      expect(showsLimitWarning({ routineThisYear: 5, routineLimitPerYear: 1 }, kind), kind).toBe(false);
    }
  });
});

describe(parseRegistration.name, () => {
  const valid = {
    kind: 'routine' as const,
    purpose: ' 安全生产检查 ',
    legalBasis: ' 《安全生产法》第六十五条 ',
    inspectors: [
      { name: ' 张三 ', certificateNo: ' ZF-0001 ' },
      { name: '李四', certificateNo: 'ZF-0002' },
    ],
  };

  it('sends the token, the kind and the trimmed texts and inspectors', () => {
    expect(parseRegistration(TOKEN, valid, 'zh-CN')).toEqual({
      token: TOKEN,
      kind: 'routine',
      purpose: '安全生产检查',
      legalBasis: '《安全生产法》第六十五条',
      inspectors: [
        { name: '张三', certificateNo: 'ZF-0001' },
        { name: '李四', certificateNo: 'ZF-0002' },
      ],
    });
  });

  it('starts with two empty inspector rows and reports each empty field by its row', () => {
    expect(emptyInspectors()).toHaveLength(2);
    const fields = fieldsOf(() => parseRegistration(TOKEN, { inspectors: emptyInspectors() }, 'zh-CN'));
    expect(fields).toMatchObject({
      kind: '必填',
      purpose: '必填',
      legalBasis: '必填',
      'inspectors.0.name': '必填',
      'inspectors.0.certificateNo': '必填',
      'inspectors.1.name': '必填',
      'inspectors.1.certificateNo': '必填',
    });
    // Two empty numbers are not "the same number twice".
    expect(fields).not.toHaveProperty('inspectors');
  });

  it('keeps the rows in place, so an error names the row the user sees', () => {
    const rows = [valid.inspectors[0], undefined, { name: '王五', certificateNo: 'x' }];
    expect((registerRequest(TOKEN, { ...valid, inspectors: rows }).inspectors as unknown[]).length).toBe(3);
    const fields = fieldsOf(() => parseRegistration(TOKEN, { ...valid, inspectors: rows }, 'zh-CN'));
    expect(fields['inspectors.1.name']).toBe('必填');
    expect(fields['inspectors.2.certificateNo']).toMatch(/执法证号/);
  });

  it('needs two inspectors with different certificates', () => {
    const one = fieldsOf(() => parseRegistration(TOKEN, { ...valid, inspectors: [valid.inspectors[0]] }, 'zh-CN'));
    expect(one.inspectors).toMatch(/两人/);
    const twice = fieldsOf(() =>
      parseRegistration(
        TOKEN,
        {
          ...valid,
          inspectors: [
            { name: 'A', certificateNo: 'zf-0001' },
            { name: 'B', certificateNo: 'ZF-0001' },
          ],
        },
        'en-US',
      ),
    );
    expect(twice.inspectors).toMatch(/twice/i);
  });
});

describe(parseRating.name, () => {
  it('sends the stars and the comment, blank as none', () => {
    expect(parseRating({ rating: 5, comment: ' 很规范 ' }, 'zh-CN')).toEqual({ rating: 5, comment: '很规范' });
    expect(parseRating({ rating: 3, comment: '  ' }, 'zh-CN')).toEqual({ rating: 3, comment: null });
  });

  it('needs at least one star', () => {
    expect(fieldsOf(() => parseRating({ rating: 0 }, 'zh-CN'))).toEqual({ rating: '必填' });
    expect(fieldsOf(() => parseRating({}, 'zh-CN'))).toEqual({ rating: '必填' });
  });
});

describe(parseReport.name, () => {
  it('sends the department, the day and the trimmed description', () => {
    expect(parseReport({ departmentId: 7, occurredOn: '2026-03-02', description: ' 未出示企业码 ' }, 'zh-CN')).toEqual({
      departmentId: 7,
      occurredOn: '2026-03-02',
      description: '未出示企业码',
    });
  });

  it('reports every empty field as required', () => {
    expect(fieldsOf(() => parseReport({ occurredOn: null }, 'zh-CN'))).toEqual({
      departmentId: '必填',
      occurredOn: '必填',
      description: '必填',
    });
  });

  it('knows a day after today', () => {
    expect(isAfterToday('2026-03-03', '2026-03-02')).toBe(true);
    expect(isAfterToday('2026-03-02', '2026-03-02')).toBe(false);
    expect(isAfterToday('2025-12-31', '2026-03-02')).toBe(false);
  });
});

describe(parseClose.name, () => {
  it('closes against the version seen, with the finding and the conclusion', () => {
    expect(parseClose(4, { finding: 'substantiated', conclusion: ' 已约谈 ' }, 'zh-CN')).toEqual({
      version: 4,
      finding: 'substantiated',
      conclusion: '已约谈',
    });
    expect(fieldsOf(() => parseClose(4, { conclusion: ' ' }, 'zh-CN'))).toEqual({ finding: '必填', conclusion: '必填' });
  });
});

describe(fromYesNo.name, () => {
  it('maps the yes/no filters to the API booleans and back', () => {
    expect(fromYesNo('yes')).toBe(true);
    expect(fromYesNo('no')).toBe(false);
    expect(fromYesNo(undefined)).toBeUndefined();
    expect(toYesNo(true)).toBe('yes');
    expect(toYesNo(false)).toBe('no');
    expect(toYesNo(undefined)).toBeUndefined();
  });
});

describe(tabFromSearch.name, () => {
  it('opens the cases when the link asks for them', () => {
    expect(tabFromSearch(new URLSearchParams('tab=cases'))).toBe('cases');
    expect(tabFromSearch(new URLSearchParams(''))).toBe('inspections');
    expect(tabFromSearch(new URLSearchParams('tab=other'))).toBe('inspections');
  });

  it('opens the lists with the filters a link names, and ignores anything else', () => {
    expect(inspectionFilterFromSearch(new URLSearchParams('rated=false'))).toEqual({ rated: false });
    expect(inspectionFilterFromSearch(new URLSearchParams('rated=true'))).toEqual({ rated: true });
    expect(inspectionFilterFromSearch(new URLSearchParams('rated=maybe'))).toEqual({});
    expect(caseFilterFromSearch(new URLSearchParams('tab=cases&status=open'))).toEqual({ status: 'open' });
    expect(caseFilterFromSearch(new URLSearchParams('status=closed'))).toEqual({ status: 'closed' });
    expect(caseFilterFromSearch(new URLSearchParams('status=pending'))).toEqual({});
  });

  it('reads every filter of both lists from the URL, leaving out what the API would refuse', () => {
    expect(
      inspectionFilterFromSearch(new URLSearchParams('year=2026&departmentId=12&kind=random&overLimit=true&rated=false&page=2')),
    ).toEqual({ year: 2026, departmentId: 12, kind: 'random', overLimit: true, rated: false });
    expect(inspectionFilterFromSearch(new URLSearchParams('year=1999&departmentId=x&kind=raid&overLimit=1'))).toEqual({});
    expect(caseFilterFromSearch(new URLSearchParams('tab=cases&year=2025&status=open&kind=unregistered&departmentId=3'))).toEqual({
      year: 2025,
      status: 'open',
      kind: 'unregistered',
      departmentId: 3,
    });
    expect(caseFilterFromSearch(new URLSearchParams('year=3000&kind=over-limit&departmentId=0'))).toEqual({});
  });
});

const row = (departmentId: number, over: Partial<DepartmentInspectionStats> = {}): DepartmentInspectionStats => ({
  departmentId,
  total: 0,
  byKind: { routine: 0, random: 0, complaint: 0, emergency: 0 },
  enterprises: 0,
  overLimit: 0,
  cases: 0,
  openCases: 0,
  unregistered: 0,
  rated: 0,
  averageRating: null,
  ...over,
});

describe(statsTotals.name, () => {
  it('adds the departments up, the average over every rating', () => {
    const totals = statsTotals([
      row(1, {
        total: 3,
        byKind: { routine: 2, random: 1, complaint: 0, emergency: 0 },
        enterprises: 2,
        overLimit: 1,
        cases: 2,
        openCases: 1,
        unregistered: 1,
        rated: 2,
        averageRating: '4.50',
      }),
      row(2, {
        total: 2,
        byKind: { routine: 0, random: 0, complaint: 1, emergency: 1 },
        enterprises: 2,
        rated: 1,
        averageRating: '2.00',
      }),
      row(3),
    ]);
    expect(totals).toEqual({
      total: 5,
      byKind: { routine: 2, random: 1, complaint: 1, emergency: 1 },
      overLimit: 1,
      cases: 2,
      openCases: 1,
      unregistered: 1,
      rated: 3,
      // (9 + 2) / 3 = 3.666…
      averageRating: '3.67',
    });
  });

  it('recovers each department’s stars from its rounded average', () => {
    // 1 + 2 + 2 = 5 stars of 3 ratings: 1.67 × 3 = 5.01 → 5; with 4 + 4 = 8 of 2: 13 / 5 = 2.60.
    expect(statsTotals([row(1, { rated: 3, averageRating: '1.67' }), row(2, { rated: 2, averageRating: '4.00' })]).averageRating).toBe(
      '2.60',
    );
  });

  it('has no average when nothing is rated', () => {
    expect(statsTotals([row(1, { total: 4 })]).averageRating).toBeNull();
    expect(statsTotals([]).total).toBe(0);
  });
});

describe(needsAttention.name, () => {
  it('marks departments with over-limit inspections or open cases', () => {
    expect(needsAttention(row(1))).toBe(false);
    expect(needsAttention(row(1, { overLimit: 1 }))).toBe(true);
    expect(needsAttention(row(1, { openCases: 2 }))).toBe(true);
    expect(needsAttention(row(1, { cases: 2 }))).toBe(false);
  });
});
