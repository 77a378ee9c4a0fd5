import { createReadStream } from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const SERVICE = '${{ values.name }}';
const PORT = Number(process.env.PORT ?? 3000);
const startedAt = new Date();

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);

  if (url.pathname === '/healthz') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ status: 'ok', service: SERVICE, startedAt }));
    return;
  }

  if (url.pathname === '/logo.svg') {
    res.writeHead(200, { 'Content-Type': 'image/svg+xml' });
    createReadStream(path.join(__dirname, '..', 'assets', 'logo.svg')).pipe(res);
    return;
  }

  if (url.pathname === '/') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ message: `Hello from ${SERVICE}` }));
    return;
  }

  res.writeHead(404, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ error: 'not found' }));
});

server.listen(PORT, () => {
  console.log(`${SERVICE} listening on http://localhost:${PORT}`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
