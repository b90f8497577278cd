'use strict';
// The barfill dashboard: plain browser JavaScript, no build step, no third-party code.
// Jobs come from GET /v1/jobs (every 2 s) and live from GET /v1/jobs/{id}/events;
// provider, lag and request figures from GET /metrics (every 5 s).

const $ = (id) => document.getElementById(id);
const jobs = new Map();      // jobId -> latest JobProgress (or a placeholder while the planner has not reported)
const streams = new Map();   // jobId -> AbortController of its event stream
const samples = [];          // {t, bars}: total bars written, for the throughput chart
const FINISHED = new Set(['DONE', 'DONE_WITH_ERRORS', 'CANCELLED']);

// The browser opens at most six HTTP/1.1 connections to the API, and an event stream holds one for
// as long as its job runs: six unfinished jobs followed at once (a provider's tripped breaker holds
// them for minutes) and every other request of the page (the job page's days, the polls) waits in
// the browser's queue until a job ends. So the pages together keep at most MAX_STREAMS streams
// open; jobs beyond that are kept current by the polls, which always find a free connection.
const MAX_STREAMS = 3;
const openStreams = new Set();   // AbortControllers of every open event stream, of both scripts

/** Takes a stream slot for ctrl; false when every slot is taken (the job is left to the polls). */
function takeStreamSlot(ctrl) {
  if (openStreams.size >= MAX_STREAMS) return false;
  openStreams.add(ctrl);
  return true;
}

function releaseStreamSlot(ctrl) {
  openStreams.delete(ctrl);
}

/** The overview's streams end when another page shows: their rows are not on screen. */
function stopOverviewStreams() {
  for (const c of streams.values()) {
    c.abort();
    releaseStreamSlot(c);
  }
  streams.clear();
}

function onOverview() {
  return !document.body.dataset.page || document.body.dataset.page === 'overview';
}

const keyInput = $('api-key');
keyInput.value = localStorage.getItem('barfill.apiKey') || '';
keyInput.addEventListener('change', () => localStorage.setItem('barfill.apiKey', keyInput.value.trim()));

function headers(extra) {
  const h = Object.assign({}, extra || {});
  const key = keyInput.value.trim();
  if (key) h.Authorization = 'Bearer ' + key;
  return h;
}

async function api(path, options) {
  const res = await fetch(path, Object.assign({}, options, {headers: headers((options || {}).headers)}));
  const text = await res.text();
  let body = text;
  try { body = JSON.parse(text); } catch (ignored) { /* /metrics is plain text */ }
  return {status: res.status, ok: res.ok, body};
}

function describeError(r) {
  const b = r.body || {};
  const fields = (b.errors || []).map((e) => e.field + ': ' + e.message).join('; ');
  return 'HTTP ' + r.status + ' ' + (fields || b.message || '');
}

// ---- jobs ---------------------------------------------------------------------------------

function upsert(job) {
  const old = jobs.get(job.jobId);
  if (old && old.updatedAt && job.updatedAt && job.updatedAt < old.updatedAt) return;
  jobs.set(job.jobId, job);
  render(job);
  if (!FINISHED.has(job.status) && onOverview()) follow(job.jobId);
}

function render(job) {
  const box = $('jobs');
  if (box.querySelector('p.muted')) box.innerHTML = '';
  let row = box.querySelector('[data-job-id="' + CSS.escape(job.jobId) + '"]');
  if (!row) {
    row = document.createElement('div');
    row.className = 'job';
    row.dataset.jobId = job.jobId;
    row.innerHTML = '<span class="label"></span><div class="bar"><div class="fill"></div></div>'
      + '<span class="pct num"></span><span class="detail"></span>';
    box.prepend(row);
    prune(box);
  }
  const progress = job.progress || 0;
  row.dataset.progress = String(progress);
  row.dataset.status = job.status;
  row.querySelector('.label').textContent = job.symbol + ' ' + job.timeframe;
  row.querySelector('.label').title = job.jobId;
  row.querySelector('.fill').style.width = progress + '%';
  row.querySelector('.pct').textContent = progress + '%';
  const settled = (job.coveredDays || 0) + (job.doneDays || 0) + (job.failedDays || 0);
  row.querySelector('.detail').textContent = job.status === 'WAITING'
    ? 'waiting for the planner'
    : settled + '/' + job.totalDays + ' days · ' + (job.barsWritten || 0) + ' bars · ' + job.status
      + (job.failedDays ? ' · ' + job.failedDays + ' failed' : '')
      + (job.lastErrors && job.lastErrors.length ? ' · ' + job.lastErrors[job.lastErrors.length - 1] : '');
}

// Keeps the list short: the oldest finished jobs go first; active ones always stay.
function prune(box) {
  const rows = Array.from(box.querySelectorAll('.job'));
  for (let i = rows.length - 1; i >= 0 && box.querySelectorAll('.job').length > 40; i--) {
    if (FINISHED.has(rows[i].dataset.status)) {
      jobs.delete(rows[i].dataset.jobId);
      rows[i].remove();
    }
  }
}

// Server-sent events read through fetch, because EventSource cannot send an Authorization header.
async function follow(jobId) {
  if (streams.has(jobId)) return;
  const ctrl = new AbortController();
  if (!takeStreamSlot(ctrl)) return;
  streams.set(jobId, ctrl);
  try {
    const res = await fetch('/v1/jobs/' + encodeURIComponent(jobId) + '/events',
      {headers: headers({Accept: 'text/event-stream'}), signal: ctrl.signal});
    if (!res.ok) throw new Error('HTTP ' + res.status);
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const {value, done} = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, {stream: true}).replace(/\r\n/g, '\n');
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        onEvent(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
    }
  } catch (e) {
    if (e.name !== 'AbortError') console.warn('event stream of', jobId, 'ended:', e.message);
  } finally {
    // An unfinished job's stream is reopened by the next poll.
    releaseStreamSlot(ctrl);
    if (streams.get(jobId) === ctrl) streams.delete(jobId);
  }
}

function onEvent(block) {
  let event = 'message';
  let data = '';
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data += line.slice(5).trim();
  }
  if (event === 'progress' && data) upsert(JSON.parse(data));
}

async function pollJobs() {
  const r = await api('/v1/jobs?limit=25');
  if (!r.ok) return;
  for (const job of r.body.slice().reverse()) upsert(job);
  let bars = 0;
  for (const job of jobs.values()) bars += job.barsWritten || 0;
  samples.push({t: Date.now(), bars});
  if (samples.length > 90) samples.shift();
  drawThroughput();
}

// ---- request form -------------------------------------------------------------------------

$('coverage-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const out = $('last-answer');
  out.className = 'muted';
  out.textContent = 'asking…';
  const request = {symbol: $('symbol').value.trim(), timeframe: $('timeframe').value, days: Number($('days').value)};
  try {
    const r = await api('/v1/coverage', {method: 'POST', headers: {'Content-Type': 'application/json'},
      body: JSON.stringify(request)});
    if (!r.ok) {
      out.className = 'error';
      out.textContent = describeError(r);
      return;
    }
    const a = r.body;
    out.className = '';
    if (a.hasCoverage) {
      out.textContent = a.symbol + ' ' + a.timeframe + ' is fully covered: ' + a.coveredDays + '/' + a.tradingDays
        + ' trading days ' + a.from + ' … ' + a.to + '.';
      delete out.dataset.jobId;
      return;
    }
    out.dataset.jobId = a.jobId;
    out.textContent = a.symbol + ' ' + a.timeframe + ': ' + a.coveredDays + '/' + a.tradingDays
      + ' days stored, job ' + a.jobId + ' fills the rest.';
    if (!jobs.has(a.jobId)) {
      upsert({jobId: a.jobId, symbol: a.symbol, timeframe: a.timeframe, status: 'WAITING', progress: 0,
        totalDays: a.tradingDays});
    } else {
      follow(a.jobId);
    }
  } catch (e) {
    out.className = 'error';
    out.textContent = 'request failed: ' + e.message;
  }
});

// ---- metrics ------------------------------------------------------------------------------

function parseMetrics(text) {
  const rows = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = line.match(/^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/);
    if (!m) continue;
    const labels = {};
    for (const l of (m[2] || '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]] = l[2];
    rows.push({name: m[1], labels, value: Number(m[3])});
  }
  return rows;
}

function fillTable(id, rows, empty) {
  const body = $(id).tBodies[0];
  body.innerHTML = '';
  if (!rows.length) rows = [[empty]];
  for (const cells of rows.slice(0, 30)) {
    const tr = body.insertRow();
    cells.forEach((c, i) => {
      const td = tr.insertCell();
      td.textContent = typeof c === 'number' ? (Number.isInteger(c) ? c : c.toFixed(3)) : c;
      if (i > 0 && typeof c === 'number') td.className = 'num';
    });
  }
}

async function pollMetrics() {
  const r = await api('/metrics');
  if (!r.ok || typeof r.body !== 'string') return;
  const rows = parseMetrics(r.body).filter((m) => !m.name.endsWith('_bucket'));
  fillTable('providers', rows.filter((m) => m.labels.provider !== undefined)
    .map((m) => [m.labels.provider, m.name, m.value]), 'No provider metrics yet.');
  fillTable('lag', rows.filter((m) => /lag/.test(m.name))
    .map((m) => [m.labels.group || m.labels.client_id || m.labels.topic || '', m.name, m.value]),
  'No lag metrics reported.');
  fillTable('requests', rows.filter((m) => m.name === 'http_server_requests_seconds_count')
    .map((m) => [m.labels.method + ' ' + m.labels.route, m.labels.status, m.value]), 'No requests yet.');
}

async function pollHealth() {
  const pill = $('health');
  try {
    const r = await api('/health/ready');
    pill.textContent = r.ok ? 'ready' : 'not ready';
    pill.className = 'pill ' + (r.ok ? 'up' : 'down');
    pill.title = JSON.stringify(r.body.checks || {});
    // Which provider is tripped by its circuit breaker, and why (the fetcher's "providers" check).
    const providers = (r.body.checks || {}).providers;
    const state = $('provider-state');
    state.textContent = providers ? providers.detail : '';
    state.className = providers && /tripped/.test(providers.detail) ? 'tripped' : 'muted';
  } catch (e) {
    pill.textContent = 'unreachable';
    pill.className = 'pill down';
  }
}

// ---- throughput chart ---------------------------------------------------------------------

function drawThroughput() {
  const canvas = $('throughput');
  const g = canvas.getContext('2d');
  const rates = [];
  for (let i = 1; i < samples.length; i++) {
    const dt = (samples[i].t - samples[i - 1].t) / 1000;
    rates.push(dt > 0 ? Math.max(0, samples[i].bars - samples[i - 1].bars) / dt : 0);
  }
  g.clearRect(0, 0, canvas.width, canvas.height);
  const max = Math.max(1, ...rates);
  const w = canvas.width / 90;
  g.fillStyle = '#2563eb';
  rates.forEach((r, i) => {
    const h = (r / max) * (canvas.height - 16);
    g.fillRect(i * w, canvas.height - h, Math.max(1, w - 1), h);
  });
  g.fillStyle = '#6b7280';
  g.fillText('max ' + max.toFixed(0) + ' bars/s', 4, 12);
  $('throughput-now').textContent = rates.length ? rates[rates.length - 1].toFixed(0) + ' bars/s now' : '–';
}

function every(ms, f) {
  const run = () => f().catch((e) => console.warn(e)).finally(() => setTimeout(run, ms));
  run();
}

every(2000, pollJobs);
every(5000, pollMetrics);
every(5000, pollHealth);
