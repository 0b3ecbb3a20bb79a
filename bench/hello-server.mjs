// A minimal Fastify 5 hello-world server: the baseline for bench/throughput.mjs.
// Same framework and Node as Juli, no plugins, no logging, no database.
//   node bench/hello-server.mjs <port>
import Fastify from 'fastify';

const port = Number(process.argv[2] ?? 3999);
const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
await app.listen({ port, host: '127.0.0.1' });
process.stdout.write(`listening on http://127.0.0.1:${port}\n`);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    app.close().then(() => process.exit(0));
  });
}
