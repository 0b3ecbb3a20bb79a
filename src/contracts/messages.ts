/**
 * User-facing messages shared by server, web and CLI, in zh-CN (default) and en-US.
 * Keys are also used as zod issue messages (`z.string().refine(fn, 'uscc.invalid')`),
 * so the same schema yields a translated message on the server and in a form.
 */
export const LOCALES = ['zh-CN', 'en-US'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

const zhCN = {
  'error.VALIDATION_FAILED': '提交的内容有误，请检查标出的字段',
  'error.UNAUTHENTICATED': '登录已失效，请重新登录',
  'error.INVALID_CREDENTIALS': '用户名或密码错误',
  'error.INVALID_TOTP': '动态验证码错误或已过期',
  'error.FORBIDDEN': '您没有执行此操作的权限',
  'error.CSRF_FAILED': '页面已过期，请刷新后重试',
  'error.NOT_FOUND': '找不到该记录，或它不在您的管辖范围内',
  'error.CONFLICT': '该记录已被他人修改，请刷新后重新编辑',
  'error.PAYLOAD_TOO_LARGE': '提交的内容过大',
  'error.UNSUPPORTED_MEDIA_TYPE': '不支持的内容类型',
  'error.BUSINESS_RULE_VIOLATED': '该操作不符合业务规则',
  'error.PASSWORD_CHANGE_REQUIRED': '请先修改密码',
  'error.RATE_LIMITED': '操作过于频繁，请稍后再试',
  'error.INTERNAL': '系统内部错误，请稍后重试或联系管理员',

  'validation.required': '必填',
  'validation.invalidType': '格式不正确',
  'validation.tooShort': '至少 {min} 个字符',
  'validation.tooLong': '最多 {max} 个字符',
  'validation.tooSmall': '不能小于 {min}',
  'validation.mustExceed': '必须大于 {min}',
  'validation.tooBig': '不能大于 {max}',
  'validation.invalidValue': '取值不在允许范围内',
  'validation.unknownField': '不允许的字段：{keys}',
  'validation.invalidFormat': '格式不正确',
  'validation.malformedJson': '请求内容不是合法的 JSON',
  'validation.emptyBody': '请求内容为空',
  'validation.referenceNotFound': '所选记录不存在或不在您的管辖范围内',

  'uscc.invalid': '统一社会信用代码无效（应为 18 位且校验位正确）',
  'date.invalid': '日期格式应为 YYYY-MM-DD 且真实存在',
  'industry.invalid': '行业代码应为 GB/T 4754 门类字母（A–T）或两位大类代码（01–97）',
  'money.invalid': '金额应为不小于 0 的数字（万元），最多 4 位小数',
  'divisionCode.invalid': '行政区划代码应为 6 位数字',
  'username.invalid': '用户名为 3–32 位字母、数字、下划线、点或连字符，以字母开头',
  'password.tooShort': '密码至少 {min} 位',
  'password.classes': '密码须包含大写字母、小写字母、数字、符号中的至少 {min} 类',
  'password.common': '密码过于常见，请换一个',
  'password.containsUsername': '密码不能包含用户名',
  'password.sameAsOld': '新密码不能与原密码相同',
  'password.wrongCurrent': '原密码不正确',
  'password.mismatch': '两次输入的密码不一致',
  'totp.code': '请输入 6 位动态验证码',
  'totp.wrong': '动态验证码不正确，请核对手机上的验证码',
  'totp.alreadyEnabled': '已启用动态验证码；如需更换请联系安全管理员重置',

  'org.parentRequired': '除市本级外，单位必须有上级单位',
  'org.parentKind': '上级单位类型不允许挂接此类单位',
  'org.cycle': '不能把单位移到它自己的下级之下',
  'org.hasActiveChildren': '该单位下还有启用中的下级单位，不能停用',
  'org.duplicateCode': '同一城市内已有相同代码的单位',
  'org.duplicateUscc': '同一城市内已有相同统一社会信用代码的企业',
  'org.rootImmutable': '市本级单位不能移动或停用',

  'user.duplicateUsername': '用户名已存在',
  'user.scopeRequired': '该角色必须指定管辖单位',
  'user.enterpriseScopeRequired': '企业角色必须指定所属企业',
  'user.scopeNotAllowed': '该角色不能指定所属企业',
  'user.scopeKind': '所选单位的类型与角色不符',
  'user.lastSecurityAdmin': '不能停用或降级最后一位启用中的安全管理员',
  'user.selfChange': '不能修改自己的角色或停用自己',

  'deal.sameStage': '项目已处于该阶段',
  'deal.terminated': '项目已终止，不能再变更阶段',
  'deal.reasonRequired': '停滞、终止或退回以前的阶段须说明原因',
  'deal.dateBeforePrevious': '变更日期不能早于上一次变更的日期',
  'deal.dateBeforeSigning': '变更日期不能早于签约日期',
  'deal.dateInFuture': '变更日期不能晚于今天',
  'deal.predecessorRequired': '续签、升级或增资须指明原签约项目',
  'deal.predecessorNotAllowed': '新签项目不能指定原签约项目',
  'deal.deadlineBeforeSigning': '合同约定日期不能早于签约日期',
  'deal.signedInFuture': '签约日期不能晚于今天',
  'deal.unknownSource': '项目来源不在配置的清单中',
  'deal.notDuplicate': '该项目没有待裁定的重复备案',
  'deal.unitKind': '只有县市区、园区、乡镇或平台公司可以备案招商项目',
  'projectCode.invalid': '项目代码格式应为 2201-430400-04-01-123456（24 位，含连字符）',
  'project.duplicateCode': '已有使用该项目代码的项目',
  'project.parkKind': '所选园区不是园区类单位，或不在项目所属单位之下',
  'project.monthlySum': '月度计划合计 {sum} 万元，应等于年度计划投资 {planned} 万元',
  'project.leaderRole': '联系市领导须是市领导账号',
  'project.datesOrder': '计划竣工日期不能早于计划开工日期',
  'project.duplicateMilestone': '同一节点只能填写一次',
  'project.duplicateYear': '同一年度只能有一份年度计划',
  'project.actualInFuture': '实际完成日期不能晚于今天',
  'project.ownerNameRequired': '新业主须填写企业名称',
  'settings.key': '键名为 2–40 位小写字母、数字或下划线，以字母开头',
  'settings.duplicateKey': '清单中有重复的键名',

  'file.type': '只接受 PDF、JPG 或 PNG 文件',
  'sheet.ambiguousName': '名称对应多个记录，请从下拉列表中选择（带编号）',
  'sheet.duplicateInFile': '与本文件第 {row} 行重复',
  'sheet.planIncomplete': '填写计划年度时须同时填写年度计划投资',
  'sheet.monthsIncomplete': '月度计划须 12 个月全部填写或全部留空',
  'sheet.notXlsx': '文件不是 Excel 工作簿（.xlsx），请使用下载的模板',
  'sheet.unsafe': '文件解压后过大或结构异常，已拒绝',
  'sheet.tooManyRows': '单个文件最多 {max} 行数据',
  'sheet.missingColumns': '缺少必填列：{columns}',
  'sheet.empty': '文件中没有数据行',
  'sheet.tooLarge': '文件不能超过 {max} MB',
  'sheet.fileRequired': '请选择要导入的文件',
  'sheet.interrupted': '导入因服务重启而中断，未写入任何数据，请重新导入',
  'sheet.failed': '导入未完成，未写入任何数据',

  'tq.highTech': '高新技术企业项目',
  'tq.strategicEmerging': '战略性新兴产业项目',
  'tq.rdShareOk': '计划研发投入占比 {share}%，不低于 {floor}%',
  'tq.rdShareLow': '计划研发投入占比 {share}%，低于 {floor}%',
  'tq.noRdData': '未填写研发投入，无法评估含新量',
  'tq.energyOk': '单位产值能耗 {intensity} 吨标煤/万元，不高于 {ceiling}',
  'tq.energyHigh': '单位产值能耗 {intensity} 吨标煤/万元，高于上限 {ceiling}',
  'tq.noOutput': '预计产值为 0，无法计算单位产值能耗',
  'tq.noEnergyData': '未填写能耗或产值，无法评估含绿量',
  'tq.taxOk': '亩均税收 {perMu} 万元/亩，不低于 {floor}',
  'tq.taxLow': '亩均税收 {perMu} 万元/亩，低于下限 {floor}',
  'tq.noLand': '未占用土地，不适用亩均税收',
  'tq.noTaxData': '未填写税收或用地，无法评估含金量',

  'audit.chainIntact': '审计链完整，共 {count} 条记录',
  'audit.chainBroken': '审计链在第 {id} 条记录处断开：{reason}',
} as const;

export type MessageKey = keyof typeof zhCN;

const enUS: Record<MessageKey, string> = {
  'error.VALIDATION_FAILED': 'Some fields are invalid; please check the marked fields',
  'error.UNAUTHENTICATED': 'Your session has ended; please sign in again',
  'error.INVALID_CREDENTIALS': 'Wrong username or password',
  'error.INVALID_TOTP': 'The one-time code is wrong or has expired',
  'error.FORBIDDEN': 'You are not allowed to do this',
  'error.CSRF_FAILED': 'This page has expired; please reload and try again',
  'error.NOT_FOUND': 'Record not found, or outside your jurisdiction',
  'error.CONFLICT': 'Someone else changed this record; reload and edit again',
  'error.PAYLOAD_TOO_LARGE': 'The request is too large',
  'error.UNSUPPORTED_MEDIA_TYPE': 'Unsupported content type',
  'error.BUSINESS_RULE_VIOLATED': 'This is not allowed by the business rules',
  'error.PASSWORD_CHANGE_REQUIRED': 'Please change your password first',
  'error.RATE_LIMITED': 'Too many requests; please wait and try again',
  'error.INTERNAL': 'Internal error; please try again later or contact the administrator',

  'validation.required': 'Required',
  'validation.invalidType': 'Invalid format',
  'validation.tooShort': 'At least {min} characters',
  'validation.tooLong': 'At most {max} characters',
  'validation.tooSmall': 'Must not be less than {min}',
  'validation.mustExceed': 'Must be greater than {min}',
  'validation.tooBig': 'Must not be greater than {max}',
  'validation.invalidValue': 'Value not allowed',
  'validation.unknownField': 'Unknown field(s): {keys}',
  'validation.invalidFormat': 'Invalid format',
  'validation.malformedJson': 'The request body is not valid JSON',
  'validation.emptyBody': 'The request body is empty',
  'validation.referenceNotFound': 'The chosen record does not exist or is outside your jurisdiction',

  'uscc.invalid': 'Invalid Unified Social Credit Code (18 characters with a valid check character)',
  'date.invalid': 'A date is written YYYY-MM-DD and must exist',
  'industry.invalid': 'Industry: a GB/T 4754 section letter (A–T) or a two-digit division (01–97)',
  'money.invalid': 'Amount in 10k yuan: a number not below 0 with at most 4 decimals',
  'divisionCode.invalid': 'A division code has 6 digits',
  'username.invalid': 'Username: 3–32 letters, digits, underscore, dot or hyphen, starting with a letter',
  'password.tooShort': 'Password needs at least {min} characters',
  'password.classes': 'Password needs at least {min} of: upper case, lower case, digits, symbols',
  'password.common': 'This password is too common; choose another',
  'password.containsUsername': 'Password must not contain the username',
  'password.sameAsOld': 'The new password must differ from the old one',
  'password.wrongCurrent': 'The current password is wrong',
  'password.mismatch': 'The passwords do not match',
  'totp.code': 'Enter the 6-digit one-time code',
  'totp.wrong': 'The one-time code is wrong; check the code on your phone',
  'totp.alreadyEnabled': 'A second factor is already set up; ask the security administrator to reset it',

  'org.parentRequired': 'Every unit except the city itself needs a parent unit',
  'org.parentKind': 'This kind of unit cannot be placed under that parent',
  'org.cycle': 'A unit cannot be moved under its own descendant',
  'org.hasActiveChildren': 'This unit still has active child units and cannot be disabled',
  'org.duplicateCode': 'A unit with this code already exists in the city',
  'org.duplicateUscc': 'An enterprise with this credit code already exists in the city',
  'org.rootImmutable': 'The city unit cannot be moved or disabled',

  'user.duplicateUsername': 'This username is taken',
  'user.scopeRequired': 'This role needs a unit as its jurisdiction',
  'user.enterpriseScopeRequired': 'The enterprise role needs an enterprise',
  'user.scopeNotAllowed': 'This role cannot be tied to an enterprise',
  'user.scopeKind': 'The chosen unit does not fit the role',
  'user.lastSecurityAdmin': 'The last active security administrator cannot be disabled or changed',
  'user.selfChange': 'You cannot change your own role or disable yourself',

  'deal.sameStage': 'The deal is at this stage already',
  'deal.terminated': 'The deal is terminated; its stage cannot change',
  'deal.reasonRequired': 'Stalling, terminating or moving back needs a reason',
  'deal.dateBeforePrevious': 'The date cannot be before the previous change',
  'deal.dateBeforeSigning': 'The date cannot be before the signing date',
  'deal.dateInFuture': 'The date cannot be later than today',
  'deal.predecessorRequired': 'A re-signing, upgrade or capital increase names the original deal',
  'deal.predecessorNotAllowed': 'A new deal has no original deal',
  'deal.deadlineBeforeSigning': 'Contract dates cannot be before the signing date',
  'deal.signedInFuture': 'The signing date cannot be later than today',
  'deal.unknownSource': 'This source is not in the configured list',
  'deal.notDuplicate': 'This deal has no duplicate filing to settle',
  'deal.unitKind': 'Only county-level units, parks, townships and platform companies file deals',
  'projectCode.invalid': 'Project code: 2201-430400-04-01-123456 (24 characters with hyphens)',
  'project.duplicateCode': 'Another project has this project code',
  'project.parkKind': 'The chosen park is not a park, or not under the project’s unit',
  'project.monthlySum': 'The months add up to {sum}; they must equal the annual plan {planned} (10k yuan)',
  'project.leaderRole': 'The liaison leader must be a city leader account',
  'project.datesOrder': 'The planned end cannot be before the planned start',
  'project.duplicateMilestone': 'Each milestone may appear only once',
  'project.duplicateYear': 'Only one annual plan per year',
  'project.actualInFuture': 'An actual date cannot be later than today',
  'project.ownerNameRequired': 'A new owner needs its enterprise name',
  'settings.key': 'Keys: 2–40 lower-case letters, digits or underscores, starting with a letter',
  'settings.duplicateKey': 'The list has a duplicate key',

  'file.type': 'Only PDF, JPG or PNG files are accepted',
  'sheet.ambiguousName': 'This name matches several records; pick from the drop-down (with its number)',
  'sheet.duplicateInFile': 'Duplicates row {row} of this file',
  'sheet.planIncomplete': 'A plan year needs its annual planned investment',
  'sheet.monthsIncomplete': 'Give all 12 monthly amounts or none',
  'sheet.notXlsx': 'The file is not an Excel workbook (.xlsx); use the downloaded template',
  'sheet.unsafe': 'The file unpacks to too much or is malformed; refused',
  'sheet.tooManyRows': 'At most {max} data rows per file',
  'sheet.missingColumns': 'Required columns missing: {columns}',
  'sheet.empty': 'The file has no data rows',
  'sheet.tooLarge': 'The file may not exceed {max} MB',
  'sheet.fileRequired': 'Choose a file to import',
  'sheet.interrupted': 'The import was interrupted by a restart; nothing was written; import again',
  'sheet.failed': 'The import did not complete; nothing was written',

  'tq.highTech': 'High-tech enterprise project',
  'tq.strategicEmerging': 'Strategic emerging industry project',
  'tq.rdShareOk': 'Planned R&D share {share}%, at least {floor}%',
  'tq.rdShareLow': 'Planned R&D share {share}%, below {floor}%',
  'tq.noRdData': 'No planned R&D given: innovation not assessed',
  'tq.energyOk': 'Energy use {intensity} tce per 10k yuan of output, within {ceiling}',
  'tq.energyHigh': 'Energy use {intensity} tce per 10k yuan of output, above the ceiling {ceiling}',
  'tq.noOutput': 'Planned output is 0: energy intensity cannot be computed',
  'tq.noEnergyData': 'No energy use or output given: green not assessed',
  'tq.taxOk': 'Tax per mu {perMu} (10k yuan), at least {floor}',
  'tq.taxLow': 'Tax per mu {perMu} (10k yuan), below the floor {floor}',
  'tq.noLand': 'No land used: tax per mu does not apply',
  'tq.noTaxData': 'No expected tax or land area given: gold not assessed',

  'audit.chainIntact': 'The audit chain is intact: {count} records',
  'audit.chainBroken': 'The audit chain breaks at record {id}: {reason}',
};

const CATALOG: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, 'en-US': enUS };

export function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(zhCN, value);
}

/** Translate a key, substituting `{name}` placeholders. */
export function translate(locale: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  const template = CATALOG[locale][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Pick the best supported locale from an Accept-Language header value. */
export function negotiateLocale(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((entry) => entry.tag && !Number.isNaN(entry.q))
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en-US';
  }
  return DEFAULT_LOCALE;
}
