import { Hono, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { secureHeaders } from "hono/secure-headers";
import type { PolicyService } from "../app/types.js";
import type { Config } from "../config/index.js";
import type { Logger } from "../log/index.js";
import type { Role } from "../store/types.js";
import { Accounts } from "../app/accounts.js";
import { adminRoutes } from "./admin-routes.js";
import { apiRoutes } from "./api-routes.js";
import { buildAssets } from "./assets.js";
import { authRoutes } from "./auth-routes.js";
import { Sessions } from "./auth.js";
import { apiError } from "./http-errors.js";
import { LoginThrottle } from "./login-throttle.js";
import { staffRoutes } from "./staff-routes.js";

const FORBIDDEN_PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>无权访问</title><link rel="stylesheet" href="/assets/style.css"></head>
<body><main class="admin"><section class="card narrow" id="forbidden"><h2>无权访问</h2><p>您的账号是窗口人员账号，不能打开管理后台。如需管理权限，请联系管理员。</p><p><a href="/">返回服务窗口</a></p></section></main></body></html>`;

/** JSON bodies (questions, feedback, curated answers) are small. */
const JSON_BODY_LIMIT = 64 * 1024;
/** Room for multipart boundaries and headers around an upload. */
const MULTIPART_OVERHEAD = 64 * 1024;

export interface WebDeps {
  service: PolicyService;
  config: Config;
  logger: Logger;
  /** The clock sessions expire by (milliseconds); tests move it forward. */
  now?: () => number;
}

/** Pages only a signed-in person of these roles may open; others go to the login page (and back after it) or get 403. */
const GUARDED_PAGES: Record<string, readonly Role[]> = { "/": ["staff", "admin"], "/admin": ["admin"] };

/**
 * The whole HTTP application, without a socket: security headers, body
 * limits, the JSON API, the admin API and the two pages. Unknown errors are
 * logged with the request and answered with a generic 500.
 */
export function createWebApp(deps: WebDeps): Hono {
  const { config, logger, service } = deps;
  const assets = buildAssets();
  const app = new Hono();
  const accounts = new Accounts(service.accounts);
  const now = deps.now ?? Date.now;
  const sessions = new Sessions(service.accounts, config, now, new LoginThrottle({ now }));

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

  app.route("/api/auth", authRoutes({ service, accounts, sessions, config, logger }));
  app.route("/api/admin", adminRoutes({ ...deps, accounts, sessions }));
  app.route("/api/curated", staffRoutes({ ...deps, sessions }));
  app.route("/api", apiRoutes({ ...deps, sessions }));

  for (const [path, asset] of assets) {
    app.get(path, (c) => {
      const roles = GUARDED_PAGES[path];
      if (roles) {
        const session = sessions.resolve(c);
        if (!session.ok) return c.redirect(`/login?next=${encodeURIComponent(path)}${session.problem === "expired" ? "&expired=1" : ""}`, 303);
        if (!roles.includes(session.account.role)) {
          service.audit(session.account.username, "auth.forbidden", `GET ${path}`);
          c.header("Cache-Control", "no-store");
          return c.html(FORBIDDEN_PAGE, 403);
        }
        c.header("Cache-Control", "no-store");
      } else c.header("Cache-Control", "no-cache");
      c.header("Content-Type", asset.type);
      return c.body(asset.body);
    });
  }

  app.notFound((c) => (c.req.path.startsWith("/api/") ? apiError(c, 404, "not_found", "没有这个接口。", "No such endpoint.") : c.text("404 页面不存在", 404)));

  app.onError((err, c) => {
    logger.error({ err, method: c.req.method, path: c.req.path }, "web request failed");
    return apiError(c, 500, "internal", "服务器内部错误，请稍后再试。", "Internal server error.");
  });

  return app;
}
