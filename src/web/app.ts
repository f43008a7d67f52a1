import { Hono, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { secureHeaders } from "hono/secure-headers";
import type { PolicyService } from "../app/types.js";
import type { Config } from "../config/index.js";
import type { Logger } from "../log/index.js";
import { adminRoutes } from "./admin-routes.js";
import { apiRoutes } from "./api-routes.js";
import { buildAssets } from "./assets.js";
import { apiError } from "./http-errors.js";

/** JSON bodies (questions, feedback, curated answers) are small. */
const JSON_BODY_LIMIT = 64 * 1024;
/** Room for multipart boundaries and headers around an upload. */
const MULTIPART_OVERHEAD = 64 * 1024;

export interface WebDeps {
  service: PolicyService;
  config: Config;
  logger: Logger;
}

/**
 * The whole HTTP application, without a socket: security headers, body
 * limits, the JSON API, the admin API and the two pages. Unknown errors are
 * logged with the request and answered with a generic 500.
 */
export function createWebApp(deps: WebDeps): Hono {
  const { config, logger } = deps;
  const assets = buildAssets();
  const app = new Hono();

  app.use(
    "*",
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      referrerPolicy: "no-referrer",
      // The console is served over plain HTTP on a LAN; HSTS belongs to a TLS proxy in front.
      strictTransportSecurity: false,
    }),
  );

  const tooLarge: MiddlewareHandler = async (c) => {
    // The rest of the body is never read, so the connection cannot be reused: tell the client.
    c.header("Connection", "close");
    return apiError(c, 413, "too_large", "请求内容过大。", "Request body too large.");
  };
  const uploadLimit = bodyLimit({ maxSize: config.MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD, onError: tooLarge as never });
  const jsonLimit = bodyLimit({ maxSize: JSON_BODY_LIMIT, onError: tooLarge as never });
  app.use("/api/*", (c, next) => (c.req.path === "/api/admin/documents/preview" ? uploadLimit(c, next) : jsonLimit(c, next)));
  app.use("/api/*", async (c, next) => {
    await next();
    c.header("Cache-Control", "no-store");
  });

  app.route("/api/admin", adminRoutes(deps));
  app.route("/api", apiRoutes(deps.service, config));

  for (const [path, asset] of assets) {
    app.get(path, (c) => {
      c.header("Content-Type", asset.type);
      c.header("Cache-Control", "no-cache");
      return c.body(asset.body);
    });
  }

  app.notFound((c) =>
    c.req.path.startsWith("/api/")
      ? apiError(c, 404, "not_found", "没有这个接口。", "No such endpoint.")
      : c.text("404 页面不存在", 404),
  );

  app.onError((err, c) => {
    logger.error({ err, method: c.req.method, path: c.req.path }, "web request failed");
    return apiError(c, 500, "internal", "服务器内部错误，请稍后再试。", "Internal server error.");
  });

  return app;
}
