import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One request a loopback server received, as the tests inspect it. */
export interface RecordedRequest {
  readonly method: string;
  /** Path and query, as sent. */
  readonly url: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: http.IncomingHttpHeaders;
}

/** Answers one request; `index` counts requests from 0. May leave the response hanging. */
export type LoopbackHandler = (
  request: http.IncomingMessage,
  response: http.ServerResponse,
  index: number,
) => void | Promise<void>;

export interface LoopbackServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly baseUrl: string;
  readonly requests: RecordedRequest[];
  /** Stops listening and destroys every open connection, including hanging ones. */
  close(): Promise<void>;
}

/** A plain node HTTP server on 127.0.0.1 and an OS-chosen port, answering with `handler`. */
export async function startLoopbackServer(handler: LoopbackHandler): Promise<LoopbackServer> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer((request, response) => {
    const url = request.url ?? '/';
    const parsed = new URL(url, 'http://loopback');
    const index = requests.length;
    requests.push({
      method: request.method ?? 'GET',
      url,
      path: parsed.pathname,
      query: parsed.searchParams,
      headers: { ...request.headers },
    });
    response.on('error', () => undefined);
    Promise.resolve(handler(request, response, index)).catch(() => {
      response.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let closed: Promise<void> | undefined;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close(): Promise<void> {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) {
          socket.destroy();
        }
      });
      return closed;
    },
  };
}

/** A loopback base URL with nothing listening on it (connections are refused). */
export async function unusedBaseUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

export function sendJson(
  response: http.ServerResponse,
  status: number,
  body: unknown,
  headers: http.OutgoingHttpHeaders = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

/** Collects servers a test starts so `afterEach` can close them all. */
export class LoopbackServers {
  private readonly open: LoopbackServer[] = [];

  async start(handler: LoopbackHandler): Promise<LoopbackServer> {
    const server = await startLoopbackServer(handler);
    this.open.push(server);
    return server;
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.open.splice(0).map((server) => server.close()));
  }
}
