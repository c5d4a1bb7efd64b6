// The baseline: a bare Fastify 5 JSON route, no hooks, no logger, no plugins.
// Started by bench/http.ts as its own process: `node --import tsx bench/hello-server.ts <port>`.
import Fastify from 'fastify';

const port = Number(process.argv[2] ?? 5301);
const app = Fastify({ logger: false });
app.get('/hello', async () => ({ hello: 'world' }));
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
await app.listen({ port, host: '127.0.0.1' });
console.log(`hello server listening on ${port}`);
