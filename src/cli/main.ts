import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { ROLES, type Role, translate } from '../contracts/index.js';
import { ConfigError, type Config, loadConfig } from '../server/config.js';
import { migrate } from '../server/db/migrate.js';
import { DomainError } from '../server/lib/domain-error.js';
import { packageRoot } from '../server/lib/package-root.js';
import { appDeps, openDatabase, resolveSecret, startJuli, systemContext } from '../server/runtime.js';

const USAGE = `juli — 聚力 command line

  juli start                       start the server (embedded PostgreSQL unless DATABASE_URL is set)
  juli migrate                     apply database migrations
  juli seed demo                   load the Hengyang demo (embedded database only)
  juli user create --username U --display-name N --role R [--scope-unit-id ID] [--scope-enterprise-id ID]
                   [--city 430400 --city-name 衡阳市]
                                   create a user; the password is read from stdin. The first
                                   security administrator of a new server is made this way.
  juli user reset-password --username U   new password from stdin; must be changed at next sign-in
  juli user unlock --username U    lift a lockout
  juli audit verify [--city 430400]  verify the audit hash chain; names the first broken link

Roles: ${ROLES.join(', ')}
Configuration comes from the environment (see README): DATABASE_URL, PORT, HOST, JULI_DATA_DIR, JULI_SECRET …`;

function version(): string {
  return (JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

/** The password for user commands: piped stdin, or typed at a prompt without echo. */
async function readPassword(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const output = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WritableStream };
  process.stdout.write(prompt);
  output._writeToOutput = () => {};
  const answer = await new Promise<string>((resolve) => rl.question('', resolve));
  rl.close();
  process.stdout.write('\n');
  return answer;
}

async function withDatabase<T>(config: Config, work: (deps: ReturnType<typeof appDeps>) => Promise<T>): Promise<T> {
  const database = await openDatabase(config);
  try {
    await migrate(database.pool);
    const deps = appDeps(config, database, await resolveSecret(config));
    const result = await work(deps);
    // What the command recorded is linked into the audit chain before the process ends.
    const { sealAll } = await import('../server/modules/audit/index.js');
    await sealAll(deps.db);
    return result;
  } finally {
    await database.close();
  }
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

export async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      username: { type: 'string' },
      'display-name': { type: 'string' },
      role: { type: 'string' },
      'scope-unit-id': { type: 'string' },
      'scope-enterprise-id': { type: 'string' },
      city: { type: 'string' },
      'city-name': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, sub] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const config = loadConfig(process.env, version());
  const ctx = systemContext();

  switch (`${command} ${sub ?? ''}`.trim()) {
    case 'start': {
      const running = await startJuli(config);
      const mode = config.db.mode === 'embedded' ? `embedded PostgreSQL (data in ${config.dataDir})` : 'external PostgreSQL';
      running.app.log.info(
        `Juli ${config.version} listening on ${running.url} with ${mode}${config.isDemo ? ', demo mode (演示数据)' : ''}`,
      );
      const stop = async (signal: string) => {
        running.app.log.info(`${signal}: shutting down`);
        await running.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop('SIGINT'));
      process.once('SIGTERM', () => void stop('SIGTERM'));
      return;
    }
    case 'migrate': {
      const database = await openDatabase(config);
      try {
        const result = await migrate(database.pool);
        process.stdout.write(
          result.applied.length ? `applied: ${result.applied.join(', ')}\n` : `up to date (${result.alreadyApplied} migrations)\n`,
        );
      } finally {
        await database.close();
      }
      return;
    }
    case 'seed demo': {
      if (config.db.mode !== 'embedded') fail('the demo is only ever loaded on the embedded database (unset DATABASE_URL)');
      await withDatabase(config, async (deps) => {
        const { seedDemoIfEmpty } = await import('../server/modules/demo/index.js');
        const result = await seedDemoIfEmpty(deps.db, deps.identity, ctx);
        process.stdout.write(result ? `demo created: ${JSON.stringify(result)}\n` : 'the database already has data; nothing done\n');
      });
      return;
    }
    case 'user create': {
      const role = values.role as Role | undefined;
      if (!values.username || !values['display-name'] || !role || !ROLES.includes(role)) {
        fail(`user create needs --username, --display-name and --role (one of ${ROLES.join(', ')})`);
      }
      const password = await readPassword('Password: ');
      await withDatabase(config, async (deps) => {
        const { ensureCity } = await import('../server/modules/org/index.js');
        const { createUserInCity } = await import('../server/modules/identity/index.js');
        const cityCode = values.city ?? config.cityCode;
        if (values['city-name']) await ensureCity(deps.db, ctx, { code: cityCode, nameZh: values['city-name'], nameEn: null });
        const user = await createUserInCity(
          deps.identity,
          ctx,
          cityCode,
          {
            username: values.username!,
            displayName: values['display-name']!,
            role,
            scopeUnitId: values['scope-unit-id'] ? Number(values['scope-unit-id']) : null,
            scopeEnterpriseId: values['scope-enterprise-id'] ? Number(values['scope-enterprise-id']) : null,
            password,
          },
          { mustChangePassword: false },
        );
        process.stdout.write(`created user ${user.username} (${user.role}, id ${user.id})\n`);
      });
      return;
    }
    case 'user reset-password': {
      if (!values.username) fail('user reset-password needs --username');
      const password = await readPassword('New password: ');
      await withDatabase(config, async (deps) => {
        const { consoleResetPassword } = await import('../server/modules/identity/index.js');
        await consoleResetPassword(deps.identity, ctx, values.username!, password);
        process.stdout.write(`password of ${values.username} reset; it must be changed at the next sign-in\n`);
      });
      return;
    }
    case 'user unlock': {
      if (!values.username) fail('user unlock needs --username');
      await withDatabase(config, async (deps) => {
        const { consoleUnlock } = await import('../server/modules/identity/index.js');
        await consoleUnlock(deps.identity, ctx, values.username!);
        process.stdout.write(`${values.username} unlocked\n`);
      });
      return;
    }
    case 'audit verify': {
      const isBroken = await withDatabase(config, async (deps) => {
        const { chainCities, verifyChain, describeVerification, sealAll } = await import('../server/modules/audit/index.js');
        await sealAll(deps.db);
        const cities = values.city ? [values.city] : await chainCities(deps.db);
        let broken = false;
        for (const city of cities) {
          const report = describeVerification(await verifyChain(deps.db, city), 'en-US');
          process.stdout.write(`${city}: ${report.message}\n`);
          if (!report.ok) broken = true;
        }
        if (!cities.length) process.stdout.write('no audit records yet\n');
        return broken;
      });
      if (isBroken) process.exit(2);
      return;
    }
    default:
      fail(`unknown command: ${positionals.join(' ')}\n\n${USAGE}`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError) fail(error.message);
  if (error instanceof DomainError) {
    const fields = error.fields?.map((f) => `  ${f.path}: ${translate('en-US', f.key, f.params)}`).join('\n');
    fail(`${error.code}: ${translate('en-US', error.key ?? `error.${error.code}`, error.params)}${fields ? `\n${fields}` : ''}`);
  }
  fail(`error: ${(error as Error).stack ?? String(error)}`);
});
