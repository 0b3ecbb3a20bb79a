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
  'validation.tooBig': '不能大于 {max}',
  'validation.invalidValue': '取值不在允许范围内',
  'validation.unknownField': '不允许的字段：{keys}',
  'validation.invalidFormat': '格式不正确',
  'validation.malformedJson': '请求内容不是合法的 JSON',
  'validation.emptyBody': '请求内容为空',
  'validation.referenceNotFound': '所选记录不存在或不在您的管辖范围内',

  'uscc.invalid': '统一社会信用代码无效（应为 18 位且校验位正确）',
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
  'validation.tooBig': 'Must not be greater than {max}',
  'validation.invalidValue': 'Value not allowed',
  'validation.unknownField': 'Unknown field(s): {keys}',
  'validation.invalidFormat': 'Invalid format',
  'validation.malformedJson': 'The request body is not valid JSON',
  'validation.emptyBody': 'The request body is empty',
  'validation.referenceNotFound': 'The chosen record does not exist or is outside your jurisdiction',

  'uscc.invalid': 'Invalid Unified Social Credit Code (18 characters with a valid check character)',
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
