/**
 * Deny-list of passwords that appear at the top of every published leak list, plus the
 * Chinese-keyboard and pinyin favourites. Compared case-insensitively, after stripping a
 * trailing run of digits/symbols, so "Password123!" is caught as "password".
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  `
123456 12345678 123456789 1234567890 12345 1234567 111111 000000 666666 888888 88888888 11111111 00000000
123123 654321 987654321 112233 121212 123321 147258369 159357 5201314 520520 1314520 woaini woaini1314
password passw0rd p@ssword p@ssw0rd pass word password1 qwerty qwertyuiop qwe123 qweasd qweasdzxc
asdfgh asdfghjkl zxcvbn zxcvbnm 1qaz2wsx 1q2w3e4r 1q2w3e4r5t qazwsx abc123 abcd1234 a123456 aa123456
admin administrator admin123 root toor system manager welcome letmein iloveyou monkey dragon football
baseball master shadow sunshine princess superman batman trustno1 starwars whatever freedom hello
changeme default guest test tester testing secret login user demo juli juli123 hengyang
china beijing shanghai wangyi baidu tencent huawei xiaomi alibaba zhangwei wangfang liuyang
aaaaaa abcdef abcdefg abcdefgh abc iloveu love lovely loveme
`
    .split(/\s+/)
    .filter(Boolean),
);

export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return true;
  const stem = lower.replace(/[\d\W_]+$/u, '').replace(/^[\d\W_]+/u, '');
  if (stem.length > 0 && COMMON_PASSWORDS.has(stem)) return true;
  // One repeated character, or a plain run of consecutive characters ("abcdefgh", "12345678").
  if (/^(.)\1+$/u.test(lower)) return true;
  let ascending = true;
  let descending = true;
  for (let i = 1; i < lower.length; i++) {
    const d = lower.charCodeAt(i) - lower.charCodeAt(i - 1);
    if (d !== 1) ascending = false;
    if (d !== -1) descending = false;
  }
  return ascending || descending;
}
