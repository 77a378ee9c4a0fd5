// A loopback HTTP server that serves one file and counts every request, so a test can tell
// whether the editor contacted a URL at all.
import * as http from 'node:http';

export interface CountingServer {
  /** The URL of the served file, on 127.0.0.1 and a port from the OS. */
  readonly url: string;
  /** Requests received so far, for any path. */
  requests(): number;
  stop(): Promise<void>;
}

export function startCountingServer(
  fileName: string,
  body: string,
  contentType = 'application/yaml',
): Promise<CountingServer> {
  let count = 0;
  const server = http.createServer((request, response) => {
    count++;
    if (request.url !== `/${fileName}`) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': contentType }).end(body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        reject(new Error('the counting server has no port'));
        return;
      }
      resolve({
        url: `http://127.0.0.1:${address.port}/${fileName}`,
        requests: () => count,
        stop: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
