// A folder served read-only over HTTP on 127.0.0.1, as a repository host serves raw files: what a
// Backstage backend reads a registered catalog-info.yaml from in the tests.
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';

export interface FolderHost {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** `127.0.0.1:<port>`, as the backend's `backend.reading.allow` names hosts. */
  readonly host: string;
  /** Paths asked for, in order. */
  readonly requests: readonly string[];
  close(): Promise<void>;
}

export async function serveFolder(root: string): Promise<FolderHost> {
  const requests: string[] = [];
  const base = fs.realpathSync(root);
  const server = http.createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    requests.push(pathname);
    const file = path.join(base, pathname);
    // Inside the root only; links are not followed out of it.
    const real = fs.existsSync(file) ? fs.realpathSync(file) : '';
    if (!real.startsWith(`${base}${path.sep}`) || !fs.statSync(real).isFile()) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' }).end(fs.readFileSync(real));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
