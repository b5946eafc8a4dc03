/** Listens on a host and port with the app; `neutral serve` and `neutral demo` start it here. */
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import { type ServerType, serve } from '@hono/node-server';
import { type Api, type AppOptions, createApi } from './app.js';
import { serveDirect } from './direct.js';

export interface ServerOptions extends AppOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export function startServer(options: ServerOptions): Promise<RunningServer> {
  return listen(createApi(options), options.host, options.port);
}

/** Serves an API: the routes the fast path takes (direct.ts) straight from Node, the rest through Hono. */
export function listen(api: Api, host: string, port: number): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    let server: ServerType;
    const onError = (error: Error): void => reject(error);
    const withFastPath = ((serverOptions: object, viaHono: (incoming: IncomingMessage, outgoing: ServerResponse) => void) =>
      createServer(serverOptions, (incoming, outgoing) => {
        if (!serveDirect(api, incoming, outgoing)) viaHono(incoming, outgoing);
      })) as typeof createServer;
    server = serve({ fetch: api.app.fetch, hostname: host, port, createServer: withFastPath }, (info) => {
      server.off('error', onError);
      const address = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${address}:${info.port}/`,
        port: info.port,
        close: () => new Promise((done) => {
          server.close(() => done());
          if ('closeAllConnections' in server) server.closeAllConnections();
        }),
      });
    });
    server.once('error', onError);
  });
}
