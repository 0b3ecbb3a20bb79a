/**
 * The demo's map of Hengyang for the 2022 campaign: which units carry projects and deals, how
 * many (weights), where (an approximate centre and spread, for coordinates inside the city),
 * and which industry chains dominate. Weights and profiles are the demo's own assumptions,
 * chosen to look plausible (urban districts, the high-tech zone, Leiyang and Changning carry
 * more), not published figures.
 */
export type ChainKey =
  | 'advanced_manufacturing'
  | 'new_materials'
  | 'electronics'
  | 'biomedicine'
  | 'new_energy'
  | 'food'
  | 'logistics'
  | 'culture_tourism';

export type AreaKind = 'county' | 'city_park' | 'county_park' | 'platform';

export interface Area {
  /** The unit: its division code (county-level units) or its exact name (parks, platform companies). */
  key: string;
  kind: AreaKind;
  /** Short place name used in project and enterprise names. */
  short: string;
  /** GB/T 2260 code written into project codes and credit codes (the city's for city-level units). */
  regionCode: string;
  /** County-level unit a county park belongs to. */
  countyKey?: string;
  lat: number;
  lng: number;
  /** Spread of coordinates around the centre, in degrees. */
  spread: number;
  /** Share of the registry's projects (0 for county parks: their projects count under their county). */
  projectWeight: number;
  /** County parks: the share of their county's industrial projects that lie in the park. */
  parkShare?: number;
  /** Share of the year's deals filed by this unit. */
  dealWeight: number;
  chains: readonly (readonly [ChainKey, number])[];
}

export const AREAS: readonly Area[] = [
  {
    key: '430405',
    kind: 'county',
    short: '珠晖',
    regionCode: '430405',
    lat: 26.89,
    lng: 112.66,
    spread: 0.04,
    projectWeight: 45,
    dealWeight: 22,
    chains: [
      ['logistics', 3],
      ['advanced_manufacturing', 3],
      ['electronics', 1],
      ['food', 1],
    ],
  },
  {
    key: '430406',
    kind: 'county',
    short: '雁峰',
    regionCode: '430406',
    lat: 26.86,
    lng: 112.61,
    spread: 0.03,
    projectWeight: 40,
    dealWeight: 15,
    chains: [
      ['advanced_manufacturing', 3],
      ['new_materials', 2],
      ['logistics', 1],
    ],
  },
  {
    key: '430407',
    kind: 'county',
    short: '石鼓',
    regionCode: '430407',
    lat: 26.94,
    lng: 112.61,
    spread: 0.03,
    projectWeight: 40,
    dealWeight: 18,
    chains: [
      ['electronics', 2],
      ['advanced_manufacturing', 2],
      ['culture_tourism', 2],
    ],
  },
  {
    key: '430408',
    kind: 'county',
    short: '蒸湘',
    regionCode: '430408',
    lat: 26.9,
    lng: 112.56,
    spread: 0.03,
    projectWeight: 45,
    dealWeight: 20,
    chains: [
      ['electronics', 3],
      ['biomedicine', 2],
      ['logistics', 1],
    ],
  },
  {
    key: '430412',
    kind: 'county',
    short: '南岳',
    regionCode: '430412',
    lat: 27.25,
    lng: 112.72,
    spread: 0.04,
    projectWeight: 15,
    dealWeight: 8,
    chains: [
      ['culture_tourism', 5],
      ['food', 1],
    ],
  },
  {
    key: '430421',
    kind: 'county',
    short: '衡阳县',
    regionCode: '430421',
    lat: 27.0,
    lng: 112.33,
    spread: 0.12,
    projectWeight: 40,
    dealWeight: 22,
    chains: [
      ['food', 2],
      ['advanced_manufacturing', 2],
      ['new_materials', 2],
    ],
  },
  {
    key: '430422',
    kind: 'county',
    short: '衡南',
    regionCode: '430422',
    lat: 26.73,
    lng: 112.68,
    spread: 0.12,
    projectWeight: 40,
    dealWeight: 24,
    chains: [
      ['food', 2],
      ['logistics', 2],
      ['new_materials', 2],
      ['advanced_manufacturing', 1],
    ],
  },
  {
    key: '430423',
    kind: 'county',
    short: '衡山',
    regionCode: '430423',
    lat: 27.23,
    lng: 112.86,
    spread: 0.06,
    projectWeight: 28,
    dealWeight: 12,
    chains: [
      ['advanced_manufacturing', 3],
      ['electronics', 1],
      ['food', 1],
    ],
  },
  {
    key: '430424',
    kind: 'county',
    short: '衡东',
    regionCode: '430424',
    lat: 27.08,
    lng: 112.95,
    spread: 0.1,
    projectWeight: 32,
    dealWeight: 15,
    chains: [
      ['new_materials', 3],
      ['food', 2],
      ['advanced_manufacturing', 1],
    ],
  },
  {
    key: '430426',
    kind: 'county',
    short: '祁东',
    regionCode: '430426',
    lat: 26.8,
    lng: 112.1,
    spread: 0.12,
    projectWeight: 36,
    dealWeight: 20,
    chains: [
      ['food', 3],
      ['new_materials', 2],
      ['advanced_manufacturing', 1],
    ],
  },
  {
    key: '430481',
    kind: 'county',
    short: '耒阳',
    regionCode: '430481',
    lat: 26.42,
    lng: 112.86,
    spread: 0.12,
    projectWeight: 56,
    dealWeight: 45,
    chains: [
      ['new_energy', 3],
      ['new_materials', 2],
      ['advanced_manufacturing', 2],
      ['food', 1],
    ],
  },
  {
    key: '430482',
    kind: 'county',
    short: '常宁',
    regionCode: '430482',
    lat: 26.42,
    lng: 112.4,
    spread: 0.12,
    projectWeight: 52,
    dealWeight: 40,
    chains: [
      ['new_materials', 4],
      ['new_energy', 1],
      ['food', 1],
      ['advanced_manufacturing', 1],
    ],
  },
  {
    key: '衡阳高新技术产业开发区',
    kind: 'city_park',
    short: '高新区',
    regionCode: '430400',
    lat: 26.87,
    lng: 112.58,
    spread: 0.02,
    projectWeight: 62,
    dealWeight: 50,
    chains: [
      ['electronics', 4],
      ['advanced_manufacturing', 3],
      ['biomedicine', 2],
      ['new_materials', 1],
    ],
  },
  {
    key: '湖南衡阳松木经济开发区',
    kind: 'city_park',
    short: '松木',
    regionCode: '430400',
    lat: 27.01,
    lng: 112.62,
    spread: 0.02,
    projectWeight: 25,
    dealWeight: 20,
    chains: [
      ['new_materials', 4],
      ['new_energy', 2],
      ['advanced_manufacturing', 1],
    ],
  },
  {
    key: '衡阳综合保税区',
    kind: 'city_park',
    short: '综保区',
    regionCode: '430400',
    lat: 26.84,
    lng: 112.57,
    spread: 0.01,
    projectWeight: 16,
    dealWeight: 10,
    chains: [
      ['electronics', 3],
      ['logistics', 2],
    ],
  },
  {
    key: '衡阳白沙洲工业园区',
    kind: 'county_park',
    short: '白沙洲',
    regionCode: '430406',
    countyKey: '430406',
    lat: 26.84,
    lng: 112.61,
    spread: 0.015,
    projectWeight: 0,
    parkShare: 0.5,
    dealWeight: 8,
    chains: [
      ['advanced_manufacturing', 2],
      ['new_materials', 1],
    ],
  },
  {
    key: '西渡高新技术产业开发区',
    kind: 'county_park',
    short: '西渡',
    regionCode: '430421',
    countyKey: '430421',
    lat: 26.98,
    lng: 112.38,
    spread: 0.02,
    projectWeight: 0,
    parkShare: 0.5,
    dealWeight: 8,
    chains: [
      ['advanced_manufacturing', 2],
      ['food', 1],
    ],
  },
  {
    key: '衡山高新技术产业开发区',
    kind: 'county_park',
    short: '衡山高新区',
    regionCode: '430423',
    countyKey: '430423',
    lat: 27.21,
    lng: 112.85,
    spread: 0.02,
    projectWeight: 0,
    parkShare: 0.5,
    dealWeight: 8,
    chains: [
      ['advanced_manufacturing', 2],
      ['electronics', 1],
    ],
  },
  {
    key: '衡东经济开发区',
    kind: 'county_park',
    short: '衡东经开区',
    regionCode: '430424',
    countyKey: '430424',
    lat: 27.07,
    lng: 112.94,
    spread: 0.02,
    projectWeight: 0,
    parkShare: 0.5,
    dealWeight: 8,
    chains: [
      ['new_materials', 2],
      ['food', 1],
    ],
  },
  ...(
    [
      ['市城市建设投资平台公司（演示）', '城建'],
      ['市交通建设投资平台公司（演示）', '交通'],
      ['市产业发展投资平台公司（演示）', '产投'],
    ] as const
  ).map(
    ([key, short]): Area => ({
      key,
      kind: 'platform',
      short,
      regionCode: '430400',
      lat: 26.9,
      lng: 112.6,
      spread: 0.06,
      projectWeight: 8,
      dealWeight: 0,
      chains: [],
    }),
  ),
];

/** Hengyang's bounding box, for coordinates (the brief's 26.1–27.5 N, 111.9–113.3 E). */
export const BOUNDS = { latMin: 26.1, latMax: 27.5, lngMin: 111.9, lngMax: 113.3 } as const;
