/**
 * @module server/routes/dashboard-routes
 * `GET /dashboard`: a static page (public/dashboard/, no build step) drawing its charts
 * with uPlot served from node_modules, never a CDN. The page shell and its assets carry no
 * data and load without a key; the numbers come from `GET /dashboard/data`, which needs a
 * key when LYNKR_API_KEYS is set. The page asks for the key once, keeps it in
 * sessionStorage and sends it as `Authorization: Bearer` (never in a URL, where it would
 * land in history and logs). The asset paths are resolved from this file's location, so
 * they are found both from `src/` (tsx) and from `dist/` after `npm run build`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { buildDashboardData } from '../../observability/dashboard-data.js';
import type { ServerContext } from '../server-context.js';

/** src/server/routes → <package root>/public/dashboard (the same from dist/server/routes). */
const PAGE_DIR = new URL('../../../public/dashboard/', import.meta.url);
const UPLOT_DIR = (() => {
  try {
    return new URL('./', pathToFileURL(createRequire(import.meta.url).resolve('uplot/dist/uPlot.esm.js')));
  } catch {
    return undefined;
  }
})();

interface Asset {
  path: string;
  file: URL | undefined;
  type: string;
}

const ASSETS: Asset[] = [
  { path: '/dashboard/dashboard.js', file: new URL('dashboard.js', PAGE_DIR), type: 'text/javascript; charset=utf-8' },
  { path: '/dashboard/dashboard.css', file: new URL('dashboard.css', PAGE_DIR), type: 'text/css; charset=utf-8' },
  { path: '/dashboard/vendor/uPlot.esm.js', file: UPLOT_DIR && new URL('uPlot.esm.js', UPLOT_DIR), type: 'text/javascript; charset=utf-8' },
  { path: '/dashboard/vendor/uPlot.min.css', file: UPLOT_DIR && new URL('uPlot.min.css', UPLOT_DIR), type: 'text/css; charset=utf-8' },
];

/** Paths that serve the page shell: no data, so no key needed (GET and HEAD only). */
export const DASHBOARD_PUBLIC_PATHS: ReadonlySet<string> = new Set(['/dashboard', ...ASSETS.map((a) => a.path)]);

/** True for a GET/HEAD of the dashboard's shell or assets (the auth hook lets these through). */
export function isDashboardShellRequest(method: string, url: string): boolean {
  const path = url.split('?')[0].replace(/\/+$/, '') || '/';
  return (method === 'GET' || method === 'HEAD') && DASHBOARD_PUBLIC_PATHS.has(path);
}

/** Scripts, styles and fetches from this origin only; uPlot styles through the CSSOM, which CSP allows. */
const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

function load(file: URL | undefined): Buffer | undefined {
  if (!file) return undefined;
  try {
    return readFileSync(fileURLToPath(file));
  } catch {
    return undefined;
  }
}

export function registerDashboardRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const authRequired = ctx.config.server.apiKeys.length > 0;
  const missing = (reply: FastifyReply, what: string) =>
    reply.code(500).type('text/plain; charset=utf-8').send(`Dashboard asset missing: ${what} (reinstall Lynkr: npm ci)`);

  const html = load(new URL('index.html', PAGE_DIR))?.toString('utf8').replace('__LYNKR_AUTH__', authRequired ? 'required' : 'none');
  app.get('/dashboard', async (_request, reply) => {
    if (html === undefined) return missing(reply, 'public/dashboard/index.html');
    return reply.headers(PAGE_HEADERS).type('text/html; charset=utf-8').send(html);
  });

  for (const asset of ASSETS) {
    const body = load(asset.file);
    app.get(asset.path, async (_request, reply) => {
      if (body === undefined) return missing(reply, asset.path);
      return reply.headers(PAGE_HEADERS).type(asset.type).send(body);
    });
  }

  app.get<{ Querystring: { hours?: string } }>('/dashboard/data', async (request, reply) => {
    const hours = Number(request.query.hours ?? 24);
    const data = await buildDashboardData(ctx.observability, { hours: Number.isFinite(hours) && hours > 0 ? hours : 24 });
    return reply.header('cache-control', 'no-store').send(data);
  });
}
