/**
 * @module providers/databricks/databricks-endpoint
 * Where a Databricks model-serving call goes: DATABRICKS_API_BASE (the workspace URL) plus
 * DATABRICKS_ENDPOINT_PATH. On Databricks the model *is* the serving endpoint, so:
 * - no path: `/serving-endpoints/<model>/invocations` for whichever model is routed;
 * - a path with a `{model}` or `<model>` placeholder: the routed model fills it in;
 * - a path naming one endpoint, `/serving-endpoints/<name>/invocations` (what older Lynkr
 *   `.env` files hold): `<name>` is the default model, and a client asking for another
 *   endpoint (`databricks:<other>`) gets that one's path;
 * - any other path (e.g. the OpenAI-compatible `/serving-endpoints/chat/completions`) is
 *   used as given, with the model in the body.
 * @see https://docs.databricks.com/machine-learning/model-serving/score-foundation-models.html
 */

export interface DatabricksEndpoint {
  /** The URL to POST a call for `model` (a serving endpoint name) to. */
  url(model: string): string;
  /** The endpoint name a fixed path names, the default model then. */
  model?: string;
}

const PLACEHOLDER = /\{model\}|<model>/g;
const HAS_PLACEHOLDER = /\{model\}|<model>/;
const SERVING = /^\/serving-endpoints\/([^/]+)\/invocations$/;

/**
 * @example
 * databricksEndpoint({ apiBase: 'https://dbc.cloud.databricks.com' }).url('databricks-claude-sonnet-4-5')
 * // 'https://dbc.cloud.databricks.com/serving-endpoints/databricks-claude-sonnet-4-5/invocations'
 */
export function databricksEndpoint({ apiBase, endpointPath }: { apiBase: string; endpointPath?: string }): DatabricksEndpoint {
  const base = apiBase.replace(/\/+$/, '');
  const path = endpointPath?.trim() ? `/${endpointPath.trim().replace(/^\/+/, '')}` : undefined;
  if (path === undefined || HAS_PLACEHOLDER.test(path)) {
    const template = path ?? '/serving-endpoints/{model}/invocations';
    return { url: (model) => base + template.replace(PLACEHOLDER, encodeURIComponent(model)) };
  }
  const named = SERVING.exec(path);
  if (named) {
    const model = decodeURIComponent(named[1]);
    return { model, url: (m) => `${base}/serving-endpoints/${encodeURIComponent(m)}/invocations` };
  }
  return { url: () => base + path };
}
