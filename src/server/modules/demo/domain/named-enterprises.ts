import type { ChainKey } from './areas.js';
import type { ExistingEnterprise } from './campaign.js';
import { demoUscc } from './uscc.js';

/** Fictitious demo enterprises (the enterprise account signs in as the first): [name, registration division, 8-character body, owning unit, industry chain]. */
export const ENTERPRISES: readonly [string, string, string, { unitCode?: string; unitName?: string }, ChainKey][] = [
  ['衡阳示例新材料有限公司', '430400', 'MA4L2B3C', { unitName: '衡阳高新技术产业开发区' }, 'new_materials'],
  ['衡阳示例智能装备有限公司', '430405', 'MA4M7K2D', { unitCode: '430405' }, 'advanced_manufacturing'],
  ['耒阳示例能源科技有限公司', '430481', 'MA4N3P8E', { unitCode: '430481' }, 'new_energy'],
  ['常宁示例有色金属有限公司', '430482', 'MA4P6R1F', { unitCode: '430482' }, 'new_materials'],
  ['衡东示例食品有限公司', '430424', 'MA4Q9T4G', { unitName: '衡东经济开发区' }, 'food'],
  ['松木示例化工有限公司', '430400', 'MA4R2U7H', { unitName: '湖南衡阳松木经济开发区' }, 'new_materials'],
];

/** The named enterprises as owners of campaign projects (each owns one project of its unit). */
export function namedEnterprisesForCampaign(): ExistingEnterprise[] {
  return ENTERPRISES.map(([name, division, body, owner, chain]) => ({
    name,
    uscc: demoUscc(division, body),
    areaKey: owner.unitCode ?? owner.unitName!,
    chain,
  }));
}
