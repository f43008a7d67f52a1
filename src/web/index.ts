import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createWebApp, type WebDeps } from "./app.js";

export { createWebApp, type WebDeps } from "./app.js";

/** A listening console server. */
export interface WebServer {
  /** Where it listens, e.g. `http://127.0.0.1:8080` (the real port when PORT=0). */
  url: string;
  stop(): Promise<void>;
}

function urlHost(host: string): string {
  if (host === "0.0.0.0" || host === "") return "127.0.0.1";
  if (host === "::") return "[::1]";
  return host.includes(":") ? `[${host}]` : host;
}

/**
 * Serves the console (JSON API, staff page `/`, admin page `/admin`) on
 * `config.HOST`/`config.PORT` until `stop()`.
 */
export function startWebServer(deps: WebDeps): Promise<WebServer> {
  const app = createWebApp(deps);
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: deps.config.HOST, port: deps.config.PORT }, (info: AddressInfo) => {
      const url = `http://${urlHost(deps.config.HOST)}:${info.port}`;
      deps.logger.info({ url }, "web console listening");
      // The console answers only people signed in: say how to make the first account while there is none.
      if (deps.service.accounts.count("admin") === 0) {
        deps.logger.warn(
          { url: `${url}/login` },
          deps.config.ADMIN_TOKEN
            ? "no admin account yet: create the first one at /login with ADMIN_TOKEN, then the window workers' accounts in the admin page"
            : "no admin account yet and ADMIN_TOKEN is not set: set ADMIN_TOKEN (16+ characters) and restart to create the first admin at /login",
        );
      }
      resolve({
        url,
        stop: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            if ("closeAllConnections" in server) server.closeAllConnections();
          }),
      });
    });
    server.once("error", reject);
  });
}
