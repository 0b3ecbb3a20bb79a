import type { ChainKey } from './areas.js';

/**
 * Words the demo builds names from. Every name is generic: products, place names and road
 * types, never a real company; enterprise names always carry 示例 ("example").
 */

/** A product line of an industry chain: its name, GB/T 4754 division and an optional capacity phrase. */
export interface Product {
  name: string;
  industry: string;
  /** Capacity: unit and range, written 年产{n}{unit} (or {n}{unit} for power plants). */
  measure?: readonly [unit: string, min: number, max: number];
  /** The word an enterprise making it carries (新材料, 智能装备 …). */
  trade: string;
}

export const CHAIN_PRODUCTS: Record<ChainKey, readonly Product[]> = {
  advanced_manufacturing: [
    { name: '智能装备', industry: '34', measure: ['台套', 200, 3000], trade: '智能装备' },
    { name: '数控机床', industry: '34', measure: ['台', 300, 3000], trade: '精密机械' },
    { name: '工业机器人', industry: '34', measure: ['台', 500, 5000], trade: '机器人' },
    { name: '液压元件', industry: '34', measure: ['万件', 10, 200], trade: '液压科技' },
    { name: '矿山机械', industry: '35', measure: ['台套', 100, 2000], trade: '重工' },
    { name: '工程机械零部件', industry: '35', measure: ['万件', 5, 100], trade: '机械制造' },
    { name: '汽车零部件', industry: '36', measure: ['万套', 10, 300], trade: '汽车部件' },
    { name: '新能源汽车驱动电机', industry: '36', measure: ['万台', 5, 50], trade: '电驱科技' },
    { name: '轨道交通装备配件', industry: '37', measure: ['万件', 5, 60], trade: '轨道装备' },
    { name: '输变电成套设备', industry: '38', measure: ['台套', 500, 8000], trade: '电气' },
    { name: '特种变压器', industry: '38', measure: ['台', 1000, 20000], trade: '电气' },
    { name: '精密铸锻件', industry: '33', measure: ['万吨', 1, 10], trade: '精密制造' },
  ],
  new_materials: [
    { name: '锌基合金新材料', industry: '32', measure: ['万吨', 1, 20], trade: '新材料' },
    { name: '高精度电子铜箔', industry: '32', measure: ['万吨', 1, 5], trade: '新材料' },
    { name: '有色金属精深加工', industry: '32', trade: '有色金属' },
    { name: '精细化工新材料', industry: '26', measure: ['万吨', 1, 20], trade: '化工' },
    { name: '氟化工新材料', industry: '26', measure: ['万吨', 1, 10], trade: '化工' },
    { name: '盐化工循环利用', industry: '26', trade: '化工' },
    { name: '特种钢材', industry: '31', measure: ['万吨', 10, 100], trade: '特钢' },
    { name: '新型绿色建材', industry: '30', measure: ['万立方米', 10, 100], trade: '建材' },
    { name: '玻璃纤维及制品', industry: '30', measure: ['万吨', 1, 10], trade: '新材料' },
    { name: '高分子复合材料', industry: '29', measure: ['万吨', 1, 10], trade: '新材料' },
    { name: '再生资源综合利用', industry: '42', measure: ['万吨', 5, 50], trade: '环保科技' },
  ],
  electronics: [
    { name: '片式电子元器件', industry: '39', measure: ['亿只', 1, 50], trade: '电子' },
    { name: '智能终端', industry: '39', measure: ['万台', 50, 1000], trade: '智能科技' },
    { name: '液晶显示模组', industry: '39', measure: ['万片', 100, 3000], trade: '光电' },
    { name: '高密度印制电路板', industry: '39', measure: ['万平方米', 10, 200], trade: '电路科技' },
    { name: '半导体封装测试', industry: '39', trade: '半导体' },
    { name: '光电子器件', industry: '39', measure: ['万只', 100, 5000], trade: '光电' },
    { name: '智能传感器', industry: '40', measure: ['万只', 100, 2000], trade: '传感科技' },
    { name: '通信设备', industry: '39', measure: ['万台', 5, 100], trade: '通信' },
  ],
  biomedicine: [
    { name: '生物医药产业化', industry: '27', trade: '生物医药' },
    { name: '中药饮片', industry: '27', measure: ['吨', 1000, 10000], trade: '中药' },
    { name: '原料药', industry: '27', measure: ['吨', 100, 2000], trade: '制药' },
    { name: '医疗器械', industry: '35', measure: ['万台', 1, 50], trade: '医疗科技' },
    { name: '医用卫生材料', industry: '27', measure: ['亿片', 1, 20], trade: '医疗用品' },
  ],
  new_energy: [
    { name: '动力锂电池', industry: '38', measure: ['GWh', 1, 20], trade: '新能源' },
    { name: '储能电池', industry: '38', measure: ['GWh', 1, 10], trade: '储能科技' },
    { name: '锂电池正极材料', industry: '39', measure: ['万吨', 1, 10], trade: '新能源材料' },
    { name: '光伏组件', industry: '38', measure: ['MW', 500, 3000], trade: '光伏科技' },
    { name: '农光互补光伏发电', industry: '44', measure: ['MW', 20, 200], trade: '新能源' },
    { name: '风电场', industry: '44', measure: ['MW', 50, 200], trade: '风电' },
    { name: '氢能装备', industry: '34', measure: ['台套', 100, 1000], trade: '氢能科技' },
  ],
  food: [
    { name: '粮油精深加工', industry: '13', measure: ['万吨', 5, 50], trade: '粮油' },
    { name: '油茶精深加工', industry: '13', measure: ['吨', 3000, 30000], trade: '油茶' },
    { name: '生猪屠宰及冷链加工', industry: '13', measure: ['万头', 20, 100], trade: '食品' },
    { name: '休闲食品', industry: '14', measure: ['万吨', 1, 10], trade: '食品' },
    { name: '调味品', industry: '14', measure: ['万吨', 1, 10], trade: '食品' },
    { name: '黄花菜精深加工', industry: '13', measure: ['吨', 1000, 10000], trade: '农产品' },
    { name: '茶叶精制', industry: '15', measure: ['吨', 500, 5000], trade: '茶业' },
    { name: '饮用水及饮料', industry: '15', measure: ['万吨', 10, 50], trade: '饮品' },
  ],
  logistics: [
    { name: '现代物流园', industry: '59', trade: '物流' },
    { name: '冷链物流中心', industry: '59', trade: '冷链物流' },
    { name: '公铁联运物流枢纽', industry: '58', trade: '供应链' },
    { name: '电商快递分拨中心', industry: '60', trade: '供应链' },
    { name: '保税物流中心', industry: '59', trade: '国际物流' },
  ],
  culture_tourism: [
    { name: '文化旅游综合体', industry: '90', trade: '文化旅游' },
    { name: '康养度假', industry: '61', trade: '康养' },
    { name: '研学旅行基地', industry: '88', trade: '文化旅游' },
    { name: '特色文旅街区', industry: '88', trade: '文化旅游' },
    { name: '非遗文化产业园', industry: '88', trade: '文化创意' },
  ],
};

/** Templates of the non-industrial categories: name pattern ({p} = place), GB/T 4754 code, project-type code, size. */
export interface Template {
  pattern: string;
  industry: string;
  typeCode: string;
  /** The largest total investment (万元) such a project plausibly has. */
  max: number;
}

export const ROADS = [
  '工业大道',
  '创新大道',
  '兴业大道',
  '迎宾大道',
  '站前大道',
  '滨江大道',
  '科技大道',
  '物流大道',
  '发展大道',
  '园区一号路',
  '环城北路',
  '环城南路',
];

export const CATEGORY_TEMPLATES: Record<'infrastructure' | 'social' | 'ecological' | 'agricultural' | 'service', readonly Template[]> = {
  infrastructure: [
    { pattern: '{p}{road}提质改造工程', industry: '48', typeCode: '01', max: 300_000 },
    { pattern: '{p}城区道路及排水管网改造工程', industry: '48', typeCode: '01', max: 200_000 },
    { pattern: '{p}城乡供水一体化工程', industry: '46', typeCode: '01', max: 200_000 },
    { pattern: '{p}污水处理厂提标扩建工程', industry: '46', typeCode: '01', max: 100_000 },
    { pattern: '{p}农村公路提质改造工程', industry: '48', typeCode: '01', max: 150_000 },
    { pattern: '{p}智慧停车场建设项目', industry: '78', typeCode: '01', max: 30_000 },
    { pattern: '{p}产业园区标准厂房建设项目', industry: '47', typeCode: '01', max: 100_000 },
    { pattern: '{p}110千伏输变电工程', industry: '44', typeCode: '01', max: 80_000 },
    { pattern: '{p}天然气管网建设工程', industry: '45', typeCode: '01', max: 100_000 },
    { pattern: '{p}5G基站及信息基础设施建设项目', industry: '63', typeCode: '04', max: 50_000 },
    { pattern: '{p}防洪堤提质改造工程', industry: '76', typeCode: '01', max: 200_000 },
    { pattern: '{p}中型水库除险加固工程', industry: '76', typeCode: '01', max: 50_000 },
    { pattern: '{p}综合交通枢纽项目', industry: '54', typeCode: '01', max: 500_000 },
    { pattern: '{p}城市燃气管网改造工程', industry: '45', typeCode: '02', max: 80_000 },
  ],
  social: [
    { pattern: '{p}城区新建学校项目', industry: '83', typeCode: '01', max: 60_000 },
    { pattern: '{p}职业教育实训基地项目', industry: '83', typeCode: '01', max: 80_000 },
    { pattern: '{p}区域医疗中心建设项目', industry: '84', typeCode: '01', max: 150_000 },
    { pattern: '{p}康复医疗中心建设项目', industry: '84', typeCode: '01', max: 60_000 },
    { pattern: '{p}疾控中心业务用房建设项目', industry: '84', typeCode: '01', max: 30_000 },
    { pattern: '{p}养老服务中心建设项目', industry: '85', typeCode: '01', max: 40_000 },
    { pattern: '{p}保障性租赁住房项目', industry: '70', typeCode: '01', max: 200_000 },
    { pattern: '{p}全民健身中心建设项目', industry: '89', typeCode: '01', max: 50_000 },
    { pattern: '{p}城镇老旧小区改造项目', industry: '47', typeCode: '02', max: 100_000 },
    { pattern: '{p}公共文化服务中心项目', industry: '88', typeCode: '01', max: 60_000 },
  ],
  ecological: [
    { pattern: '{p}河道综合治理及生态修复工程', industry: '77', typeCode: '01', max: 150_000 },
    { pattern: '{p}历史遗留矿山生态修复项目', industry: '77', typeCode: '01', max: 80_000 },
    { pattern: '{p}乡镇污水处理设施建设工程', industry: '46', typeCode: '01', max: 50_000 },
    { pattern: '{p}城市公园及绿道建设项目', industry: '78', typeCode: '01', max: 100_000 },
    { pattern: '{p}土壤污染治理与修复项目', industry: '77', typeCode: '01', max: 30_000 },
    { pattern: '{p}生活垃圾焚烧发电项目', industry: '44', typeCode: '01', max: 150_000 },
  ],
  agricultural: [
    { pattern: '{p}高标准农田建设项目', industry: 'A', typeCode: '01', max: 50_000 },
    { pattern: '{p}油茶产业示范基地项目', industry: '02', typeCode: '01', max: 30_000 },
    { pattern: '{p}生猪标准化养殖基地项目', industry: '03', typeCode: '01', max: 50_000 },
    { pattern: '{p}现代农业产业园项目', industry: '01', typeCode: '01', max: 80_000 },
    { pattern: '{p}稻渔综合种养示范基地项目', industry: '04', typeCode: '01', max: 20_000 },
    { pattern: '{p}农产品仓储保鲜冷链设施项目', industry: '05', typeCode: '01', max: 20_000 },
  ],
  service: [
    { pattern: '{p}数字经济产业园项目', industry: '65', typeCode: '01', max: 150_000 },
    { pattern: '{p}商贸物流城项目', industry: '51', typeCode: '01', max: 200_000 },
    { pattern: '{p}总部经济大楼项目', industry: '72', typeCode: '01', max: 100_000 },
    { pattern: '{p}科创孵化中心建设项目', industry: '75', typeCode: '01', max: 50_000 },
  ],
};

/** Two-character brand words for fictitious enterprise names (combined with 示例, never alone). */
export const BRANDS = [
  '锦程',
  '华拓',
  '恒远',
  '瑞丰',
  '德润',
  '鼎新',
  '盛达',
  '宏图',
  '嘉禾',
  '博远',
  '启航',
  '明辉',
  '宇晟',
  '泰和',
  '中晟',
  '融通',
  '汇智',
  '湘成',
  '天衡',
  '立诚',
  '凯越',
  '华翔',
  '金石',
  '云帆',
  '同创',
  '智远',
  '昊天',
  '鑫盛',
  '长荣',
  '景行',
  '安泰',
  '优迈',
  '科达',
  '铭泰',
  '卓越',
  '星辰',
  '正阳',
  '和鑫',
  '万合',
  '晨光',
  '润泽',
  '腾越',
  '永成',
  '世纪',
  '达成',
  '东方',
  '南方',
  '北辰',
];

/** Where investors come from: city name and the GB/T 2260 code of its registration authority. */
export const INVESTOR_CITIES: readonly (readonly [string, string])[] = [
  ['深圳', '440300'],
  ['广州', '440100'],
  ['东莞', '441900'],
  ['佛山', '440600'],
  ['长沙', '430100'],
  ['株洲', '430200'],
  ['湘潭', '430300'],
  ['苏州', '320500'],
  ['杭州', '330100'],
  ['上海', '310115'],
  ['北京', '110108'],
  ['武汉', '420100'],
  ['厦门', '350200'],
  ['成都', '510100'],
];

export const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '周',
  '吴',
  '徐',
  '孙',
  '胡',
  '朱',
  '高',
  '林',
  '何',
  '郭',
  '罗',
  '谭',
  '曾',
  '彭',
  '唐',
  '邓',
];
export const GIVEN_NAMES = [
  '伟',
  '芳',
  '军',
  '敏',
  '强',
  '静',
  '磊',
  '洋',
  '艳',
  '勇',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '霞',
  '平',
  '刚',
  '华',
  '建国',
  '志强',
  '海燕',
  '晓东',
  '文斌',
];

export const STALL_REASONS = [
  '用地指标尚未落实，项目暂缓推进',
  '投资方资金到位不及预期',
  '环评手续尚未批复',
  '投资方调整产能布局，项目暂停',
  '征拆工作未完成，暂不具备进场条件',
  '电力接入方案未确定',
];
export const RESUME_NOTES = ['问题已协调解决，恢复推进', '专班协调后资金到位，恢复推进', '手续已办结，恢复推进'];
export const TERMINATION_REASONS = [
  '投资方战略调整，双方协商解除合同',
  '项目未按期注册落地，依约终止',
  '投资方经营困难，合同终止',
  '产业政策调整，项目不再实施',
];
export const STAGE_EVIDENCE: Record<'fulfilling' | 'landed' | 'started' | 'in_production', readonly string[]> = {
  fulfilling: ['项目公司已注册，首期资金到位', '已完成工商注册，注册资本按期实缴'],
  landed: ['已取得土地使用权证', '已签订国有建设用地使用权出让合同', '已取得建筑工程施工许可证'],
  started: ['主体工程开工，已举行开工仪式', '施工单位进场，桩基施工'],
  in_production: ['首条生产线投产', '设备安装调试完成，试生产'],
};
