// Lynkr dashboard: plain ES module, no build step. Reads GET /dashboard/data (the same
// usage report as /metrics/token-usage plus per-minute series and this run's live figures)
// every few seconds and draws it with uPlot, served by Lynkr from node_modules.
// The API key, when Lynkr requires one, is asked for once, kept in sessionStorage (this tab
// only) and sent as an Authorization: Bearer header, never in a URL.
// Everything from the server is written with textContent, never as HTML.
import uPlot from './vendor/uPlot.esm.js';

const KEY_STORAGE = 'lynkr.dashboard.key';
const REFRESH_MS = 5000;
const WINDOW_HOURS = 24;
const authRequired = document.querySelector('meta[name="lynkr-auth"]')?.getAttribute('content') === 'required';

const $ = (id) => document.getElementById(id);
const intFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatInt(n) {
  return intFormat.format(n);
}

/** USD with enough decimals to show small local-model amounts: $0.000630, $0.0123, $12.34. */
export function formatUsd(n) {
  const abs = Math.abs(n);
  const digits = abs === 0 ? 2 : abs < 0.01 ? 6 : abs < 1 ? 4 : 2;
  const text = abs.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return `${n < 0 ? '-' : ''}$${text}`;
}

function formatSeconds(s) {
  if (s === undefined || s === null) return '–';
  if (s < 1) return `${Math.max(1, Math.round(s * 1000))} ms`;
  return `${s.toFixed(2)} s`;
}

function formatPercent(x) {
  return `${(x * 100).toFixed(1)}%`;
}

function formatUptime(seconds) {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return h > 0 ? `${h} h ${String(m).padStart(2, '0')} min` : m > 0 ? `${m} min` : `${seconds} s`;
}

function setText(id, text) {
  const el = $(id);
  if (el) el.textContent = text;
}

let timer;
let refreshes = 0;

class AuthError extends Error {}

async function fetchData() {
  const key = sessionStorage.getItem(KEY_STORAGE);
  const headers = key ? { authorization: `Bearer ${key}` } : {};
  const res = await fetch(`/dashboard/data?hours=${WINDOW_HOURS}`, { headers, cache: 'no-store' });
  if (res.status === 401) throw new AuthError('That key was not accepted.');
  if (!res.ok) throw new Error(`GET /dashboard/data answered ${res.status}`);
  return res.json();
}

function showKeyForm(message) {
  clearInterval(timer);
  $('content').hidden = true;
  $('forget-key').hidden = true;
  $('key-form').hidden = false;
  $('key-error').hidden = !message;
  $('key-error').textContent = message ?? '';
  setText('status', 'API key required');
  $('key-input').focus();
}

async function refresh() {
  try {
    const data = await fetchData();
    render(data);
    refreshes += 1;
    document.body.dataset.refreshes = String(refreshes);
    const status = $('status');
    status.classList.remove('error');
    status.textContent = `updated ${new Date().toLocaleTimeString()} · charts: last ${WINDOW_HOURS} h`;
  } catch (err) {
    if (err instanceof AuthError) {
      sessionStorage.removeItem(KEY_STORAGE);
      showKeyForm(err.message);
      return;
    }
    const status = $('status');
    status.classList.add('error');
    status.textContent = `update failed: ${err.message} (retrying)`;
  }
}

function start() {
  $('key-form').hidden = true;
  $('forget-key').hidden = !sessionStorage.getItem(KEY_STORAGE);
  clearInterval(timer);
  void refresh();
  timer = setInterval(refresh, REFRESH_MS);
}

// ---- rendering -------------------------------------------------------------------------

function render(d) {
  $('content').hidden = false;
  const t = d.usage.totals;
  setText('total-requests', formatInt(t.requests));
  setText('total-errors', formatInt(t.errors));
  setText('error-rate', formatPercent(t.requests > 0 ? t.errors / t.requests : 0));
  setText('total-input-tokens', formatInt(t.input_tokens));
  setText('total-cached-tokens', formatInt(t.cached_input_tokens));
  setText('total-output-tokens', formatInt(t.output_tokens));
  setText('total-reasoning-tokens', formatInt(t.reasoning_tokens));
  setText('estimated-tokens', formatInt(t.estimated.input_tokens + t.estimated.output_tokens));
  setText('estimated-requests', formatInt(t.estimated.requests));
  setText('total-cost', formatUsd(t.cost_usd));
  setText('unpriced', t.unpriced_tokens > 0 ? ` · ${formatInt(t.unpriced_tokens)} tokens unpriced` : '');
  setText('total-savings', formatUsd(t.savings_usd));
  $('total-savings').classList.toggle('positive', t.savings_usd > 0);
  setText('reference-cost', formatUsd(t.reference_cost_usd));
  setText('reference-model', d.usage.reference_model.model);

  const live = d.live;
  setText('latency-p50', formatSeconds(live.latency.request.p50));
  setText('latency-p90', formatSeconds(live.latency.request.p90));
  setText('latency-p99', formatSeconds(live.latency.request.p99));
  setText('ttft-p50', formatSeconds(live.latency.first_token.p50));
  setText('ttft-p90', formatSeconds(live.latency.first_token.p90));
  setText('upstream-p50', formatSeconds(live.latency.upstream.p50));
  setText('cache-hit-rate', formatPercent(live.cache.hit_rate));
  setText('cache-hits', formatInt(live.cache.hits));
  setText('cache-misses', formatInt(live.cache.misses));
  setText('saved-tokens', formatInt(live.saved.tokens));
  setText('saved-cost', formatUsd(live.saved.cost_usd));
  setText('active-streams', formatInt(live.active_streams));
  setText('uptime', formatUptime(live.uptime_seconds));

  renderTable('table-providers', d.usage.by_provider, (r) => [
    r.provider, formatInt(r.requests), formatInt(r.errors), formatInt(r.cache_hits), formatInt(r.input_tokens), formatInt(r.output_tokens),
    formatInt(r.cached_input_tokens), formatInt(r.estimated.input_tokens + r.estimated.output_tokens), formatUsd(r.cost_usd), formatUsd(r.reference_cost_usd),
  ]);
  renderTable('table-models', d.usage.by_model, (r) => [
    r.provider, r.model, formatInt(r.requests), formatInt(r.input_tokens), formatInt(r.output_tokens), formatInt(r.cached_input_tokens),
    formatInt(r.estimated.input_tokens + r.estimated.output_tokens),
    r.price ? `$${r.price.input} / $${r.price.output}${r.price.source === 'builtin' ? '' : ` (${r.price.source})`}` : 'unknown',
    r.price ? formatUsd(r.cost_usd) : '–',
  ]);
  renderTable('table-days', [...d.usage.by_day].reverse().slice(0, 31), (r) => [
    r.day, formatInt(r.requests), formatInt(r.errors), formatInt(r.input_tokens), formatInt(r.output_tokens), formatUsd(r.cost_usd), formatUsd(r.reference_cost_usd),
  ]);
  renderCharts(d.series, d.usage.reference_model.model);
}

function renderTable(id, rows, cells) {
  const body = $(id).tBodies[0];
  const fresh = document.createElement('tbody');
  if (rows.length === 0) {
    const tr = fresh.insertRow();
    const td = tr.insertCell();
    td.colSpan = $(id).tHead.rows[0].cells.length;
    td.className = 'empty';
    td.textContent = 'no requests yet';
  }
  for (const row of rows) {
    const tr = fresh.insertRow();
    for (const value of cells(row)) tr.insertCell().textContent = value;
  }
  body.replaceWith(fresh);
}

// ---- charts ----------------------------------------------------------------------------

const COLORS = ['#2f6fed', '#e8833a', '#1f8a4c', '#9b51e0', '#c8372d', '#0fa3b1', '#b08800', '#6b7280'];
/** Axis text and grid follow the page's light or dark theme (CSS variables in dashboard.css). */
const cssVar = (name, fallback) => getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
const charts = new Map();

function cumulative(values) {
  let sum = 0;
  return values.map((v) => (sum += v));
}

function renderCharts(s, referenceModel) {
  const unit = s.step_seconds === 60 ? 'minute' : `${s.step_seconds / 60} minutes`;
  for (const el of document.querySelectorAll('.step')) el.textContent = unit;
  const providers = Object.keys(s.tokens_by_provider).sort();
  drawChart('chart-requests', s.t, [['requests', s.requests], ['errors', s.errors]], [COLORS[0], COLORS[4]]);
  drawChart('chart-tokens', s.t, [['input', s.input_tokens], ['output', s.output_tokens]], [COLORS[0], COLORS[1]]);
  drawChart('chart-providers', s.t, providers.length ? providers.map((p) => [p, s.tokens_by_provider[p]]) : [['no usage', s.t.map(() => 0)]], COLORS);
  drawChart('chart-cost', s.t, [['cost', cumulative(s.cost_usd)], [referenceModel, cumulative(s.reference_cost_usd)]], [COLORS[4], COLORS[2]], true);
}

function drawChart(id, t, lines, colors, money = false) {
  const el = $(id);
  const data = [t, ...lines.map(([, values]) => values)];
  const signature = lines.map(([label]) => label).join('\u0000');
  const existing = charts.get(id);
  if (existing && existing.signature === signature) {
    existing.plot.setData(data);
    return;
  }
  existing?.plot.destroy();
  const width = Math.max(300, el.clientWidth || 600);
  const axis = { stroke: cssVar('--muted', '#667085'), grid: { stroke: cssVar('--border', '#e3e6eb') }, ticks: { stroke: cssVar('--border', '#e3e6eb') } };
  const plot = new uPlot(
    {
      width,
      height: 220,
      scales: { x: { time: true } },
      axes: [axis, { ...axis, size: money ? 80 : 60, values: (_u, ticks) => ticks.map((v) => (money ? formatUsd(v) : formatInt(v))) }],
      series: [{}, ...lines.map(([label], i) => ({ label, stroke: colors[i % colors.length], width: 2, points: { size: 4 } }))],
      legend: { live: true },
    },
    data,
    el,
  );
  charts.set(id, { plot, signature });
}

new ResizeObserver(() => {
  for (const [id, { plot }] of charts) {
    const width = $(id).clientWidth;
    if (width > 0 && Math.abs(width - plot.width) > 4) plot.setSize({ width, height: 220 });
  }
}).observe(document.body);

// ---- start -----------------------------------------------------------------------------

$('key-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const key = $('key-input').value.trim();
  if (!key) return;
  sessionStorage.setItem(KEY_STORAGE, key);
  $('key-input').value = '';
  start();
});

$('forget-key').addEventListener('click', () => {
  sessionStorage.removeItem(KEY_STORAGE);
  showKeyForm();
});

if (authRequired && !sessionStorage.getItem(KEY_STORAGE)) showKeyForm();
else start();
