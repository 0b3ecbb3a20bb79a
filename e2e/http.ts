import { baseUrl } from './browser.js';

/** A signed-in API client for end-to-end checks that need no browser: keeps the session cookie, sends the CSRF token. */
export class ApiClient {
  private readonly cookies = new Map<string, string>();
  private csrf = '';

  static async signIn(username: string, password = 'Juli#Hy2022'): Promise<ApiClient> {
    const client = new ApiClient();
    const response = await client.request('POST', '/api/v1/auth/login', { username, password });
    const body = (await response.json()) as { status: string; session?: { csrfToken: string } };
    if (!response.ok || body.status !== 'ok' || !body.session)
      throw new Error(`sign-in of ${username} failed: ${response.status} ${JSON.stringify(body)}`);
    client.csrf = body.session.csrfToken;
    return client;
  }

  async request(method: string, url: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { 'accept-language': 'zh-CN' };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (method !== 'GET') headers['x-csrf-token'] = this.csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${baseUrl()}${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    for (const c of response.headers.getSetCookie()) {
      const [pair = ''] = c.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return response;
  }

  async json<T>(method: string, url: string, body?: unknown): Promise<T> {
    const response = await this.request(method, url, body);
    if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  async bytes(url: string): Promise<Buffer> {
    const response = await this.request('GET', url);
    if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
    return Buffer.from(await response.arrayBuffer());
  }
}
