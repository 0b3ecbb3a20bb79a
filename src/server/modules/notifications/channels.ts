import type { Config } from '../../config.js';
import { type OutboundMessage, dingtalkBody, dingtalkUrl, isRobotOk, wecomBody } from './domain/outbound.js';

/**
 * The outbound channels a deployment configured (each optional). A send resolves when the
 * other side accepted the message and throws otherwise; the outbox retries.
 */
export interface GroupChannel {
  name: 'dingtalk' | 'wecom';
  send(message: OutboundMessage, now: Date): Promise<void>;
}

export interface EmailChannel {
  send(to: string, message: OutboundMessage): Promise<void>;
}

const TIMEOUT_MS = 10_000;

async function postJson(url: string, body: unknown): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`HTTP ${response.status}: ${text.slice(0, 200)}`);
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    throw new Error(`not a JSON answer: ${text.slice(0, 200)}`);
  }
  if (!isRobotOk(answer)) throw new Error(`refused: ${text.slice(0, 200)}`);
}

export function groupChannels(config: Config['notifications']): GroupChannel[] {
  const channels: GroupChannel[] = [];
  const { dingtalk, wecom } = config;
  if (dingtalk) {
    channels.push({
      name: 'dingtalk',
      // DingTalk checks that the signed timestamp is within an hour of its own clock.
      send: (message, now) => postJson(dingtalkUrl(dingtalk.webhook, dingtalk.secret, now.getTime()), dingtalkBody(message)),
    });
  }
  if (wecom) channels.push({ name: 'wecom', send: (message) => postJson(wecom.webhook, wecomBody(message)) });
  return channels;
}

let transportCache: { url: string; transport: import('nodemailer').Transporter } | undefined;

export function emailChannel(config: Config['notifications']): EmailChannel | null {
  const smtp = config.smtp;
  if (!smtp) return null;
  return {
    async send(to, message) {
      if (transportCache?.url !== smtp.url) {
        const nodemailer = await import('nodemailer');
        transportCache = { url: smtp.url, transport: nodemailer.createTransport(smtp.url) };
      }
      await transportCache.transport.sendMail({
        from: smtp.from,
        to,
        subject: message.subject,
        text: message.link ? `${message.body}\n\n${message.link}` : message.body,
      });
    },
  };
}
