import { createHmac } from 'node:crypto';

/**
 * Outbound message formats and the retry rule, as pure functions (no network, no clock).
 *
 * - DingTalk group robot (钉钉自定义机器人): POST JSON to the webhook; with 加签 the URL gets
 *   `&timestamp=<ms>&sign=<urlencoded base64(HMAC-SHA256(key=secret, "<ms>\n<secret>"))>`.
 *   The answer is `{ errcode: 0, errmsg: 'ok' }` on success.
 * - WeCom group robot (企业微信群机器人): POST JSON to the webhook (the key is in the URL, no
 *   signature); markdown content is at most 4096 bytes; the same `errcode` answer.
 */
export interface OutboundMessage {
  subject: string;
  body: string;
  /** Absolute link to the item, when the deployment has a public URL. */
  link: string | null;
}

/** After this many failed attempts a message is given up (status `failed`, logged as an error). */
export const MAX_ATTEMPTS = 8;

/** Wait before the next attempt after `failures` failed ones: 1, 2, 4 … minutes, at most 6 hours. */
export function retryDelayMs(failures: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, failures - 1), 6 * 3_600_000);
}

export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

export function dingtalkUrl(webhook: string, secret: string | null, timestampMs: number): string {
  if (!secret) return webhook;
  const separator = webhook.includes('?') ? '&' : '?';
  return `${webhook}${separator}timestamp=${timestampMs}&sign=${encodeURIComponent(dingtalkSign(secret, timestampMs))}`;
}

export function dingtalkBody(message: OutboundMessage) {
  const more = message.link ? `\n\n[查看详情](${message.link})` : '';
  return { msgtype: 'markdown', markdown: { title: message.subject, text: `#### ${message.subject}\n\n${message.body}${more}` } };
}

const WECOM_MAX_BYTES = 4096;

export function wecomBody(message: OutboundMessage) {
  const more = message.link ? `\n[查看详情](${message.link})` : '';
  let content = `**${message.subject}**\n${message.body}${more}`;
  while (Buffer.byteLength(content, 'utf8') > WECOM_MAX_BYTES) content = `${[...content].slice(0, -50).join('')}…`;
  return { msgtype: 'markdown', markdown: { content } };
}

/** Whether a robot's JSON answer reports success. */
export function isRobotOk(answer: unknown): boolean {
  return typeof answer === 'object' && answer !== null && (answer as { errcode?: unknown }).errcode === 0;
}
