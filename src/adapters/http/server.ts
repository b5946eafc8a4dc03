/** Listens on a host and port with the app; `neutral serve` and (later) `neutral demo` start it here. */
import { type ServerType, serve } from '@hono/node-server';
import { type AppOptions, createApp } from './app.js';

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
  const app = createApp(options);
  return new Promise((resolve, reject) => {
    let server: ServerType;
    const onError = (error: Error): void => reject(error);
    server = serve({ fetch: app.fetch, hostname: options.host, port: options.port }, (info) => {
      server.off('error', onError);
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${host}:${info.port}/`,
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
