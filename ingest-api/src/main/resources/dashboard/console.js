'use strict';
// The console pages of the dashboard: jobs (#/jobs), one job's days (#/jobs/ID) and the pipeline
// (#/pipeline). Plain browser JavaScript loaded after dashboard.js, whose api(), headers() and $()
// it uses. Every page reads the REST API only; nothing is kept but what is on screen.

const PAGE_SIZE = 25;
const STATE_LABELS = {
  COVERED: 'covered', DONE: 'done', SPARSE: 'sparse', IN_FLIGHT: 'in flight', RETRYING: 'retrying', FAILED: 'failed',
  UNAVAILABLE: 'unavailable', MISSING: 'missing',
};
const view = {page: 'overview', jobId: null, offset: 0, timer: null, streams: new Map()};

// ---- routing ------------------------------------------------------------------------------

function route() {
  const hash = location.hash || '#/';
  const job = hash.match(/^#\/jobs\/([^/?]+)$/);
  const page = job ? 'job' : hash.startsWith('#/jobs') ? 'jobs' : hash.startsWith('#/pipeline') ? 'pipeline' : 'overview';
  const jobId = job ? decodeURIComponent(job[1]) : null;
  // What an action said of one job is no news on another job's page.
  if (jobId !== view.jobId) {
    $('job-message').textContent = '';
    $('day-detail').textContent = 'Hover or focus a day for its details.';
  }
  view.page = page;
  view.jobId = jobId;
  for (const el of document.querySelectorAll('main.page')) el.hidden = el.id !== 'page-' + page;
  for (const a of document.querySelectorAll('nav a[data-page]')) {
    if (a.dataset.page === page || (page === 'job' && a.dataset.page === 'jobs')) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  document.body.dataset.page = page;
  clearTimeout(view.timer);
  stopStreams();
  if (page !== 'overview') stopOverviewStreams();
  refresh();
}

async function refresh() {
  clearTimeout(view.timer);
  try {
    if (view.page === 'jobs') await loadJobs();
    else if (view.page === 'job') await loadJob();
    else if (view.page === 'pipeline') await loadPipeline();
  } catch (e) {
    console.warn('refresh failed:', e);
  }
  if (view.page !== 'overview') view.timer = setTimeout(refresh, view.page === 'pipeline' ? 3000 : 2000);
}

function cell(tr, text, cls) {
  const td = tr.insertCell();
  td.textContent = text;
  if (cls) td.className = cls;
  return td;
}

function duration(job) {
  if (!job.createdAt) return '';
  const end = FINISHED.has(job.status) ? Date.parse(job.updatedAt) : Date.now();
  let s = Math.max(0, Math.round((end - Date.parse(job.createdAt)) / 1000));
  const h = Math.floor(s / 3600); s -= h * 3600;
  const m = Math.floor(s / 60); s -= m * 60;
  return (h ? h + 'h ' : '') + (h || m ? m + 'm ' : '') + s + 's';
}

function when(instant) {
  return instant ? new Date(instant).toLocaleString([], {month: 'short', day: 'numeric', hour: '2-digit',
    minute: '2-digit', second: '2-digit'}) : '';
}

// ---- jobs page ----------------------------------------------------------------------------

$('jobs-filter').addEventListener('submit', (e) => {
  e.preventDefault();
  view.offset = 0;
  refresh();
});
$('filter-status').addEventListener('change', () => { view.offset = 0; refresh(); });
$('jobs-prev').addEventListener('click', () => { view.offset = Math.max(0, view.offset - PAGE_SIZE); refresh(); });
$('jobs-next').addEventListener('click', () => { view.offset += PAGE_SIZE; refresh(); });

async function loadJobs() {
  const q = new URLSearchParams({limit: String(PAGE_SIZE), offset: String(view.offset)});
  if ($('filter-status').value) q.set('status', $('filter-status').value);
  if ($('filter-symbol').value.trim()) q.set('symbol', $('filter-symbol').value.trim().toUpperCase());
  const res = await fetch('/v1/jobs?' + q, {headers: headers()});
  const body = await res.json().catch(() => ({}));
  if (!res.ok) {
    $('jobs-message').className = 'error';
    $('jobs-message').textContent = describeError({status: res.status, body});
    return;
  }
  const total = Number(res.headers.get('X-Total-Count') || body.length);
  // The line keeps what the last action said (a cancel queued) until the filter finds nothing.
  if (!total) {
    $('jobs-message').className = 'muted';
    $('jobs-message').textContent = 'No job matches.';
  } else if ($('jobs-message').textContent === 'No job matches.' || $('jobs-message').className === 'error') {
    $('jobs-message').textContent = '';
  }
  $('jobs-range').textContent = total ? (view.offset + 1) + '–' + (view.offset + body.length) + ' of ' + total : '';
  $('jobs-prev').disabled = view.offset === 0;
  $('jobs-next').disabled = view.offset + body.length >= total;
  const tbody = $('jobs-table').tBodies[0];
  tbody.innerHTML = '';
  for (const job of body) tbody.appendChild(jobRow(job));
  for (const job of body) if (!FINISHED.has(job.status)) followJob(job.jobId);
}

function jobRow(job) {
  const tr = document.createElement('tr');
  tr.dataset.jobId = job.jobId;
  fillJobRow(tr, job);
  return tr;
}

function fillJobRow(tr, job) {
  tr.innerHTML = '';
  tr.dataset.status = job.status;
  tr.className = FINISHED.has(job.status) ? 'finished' : '';
  const sym = tr.insertCell();
  const link = document.createElement('a');
  link.href = '#/jobs/' + encodeURIComponent(job.jobId);
  link.textContent = job.symbol;
  link.title = job.jobId;
  link.setAttribute('aria-label', job.symbol + ' ' + job.timeframe + ' job ' + job.jobId);
  sym.appendChild(link);
  cell(tr, job.timeframe);
  cell(tr, job.from + ' … ' + job.to);
  const st = tr.insertCell();
  const pill = document.createElement('span');
  pill.className = 'status ' + job.status;
  pill.textContent = job.status;
  st.appendChild(pill);
  const retrying = (job.retrying || []).length;
  if (retrying && !FINISHED.has(job.status)) {
    const r = document.createElement('span');
    r.className = 'retrying-count';
    r.textContent = ' ' + retrying + ' retrying' + ((job.trippedProviders || []).length
      ? ' (' + job.trippedProviders.join(', ') + ' tripped)' : '');
    st.appendChild(r);
  }
  const pr = tr.insertCell();
  pr.innerHTML = '<span class="mini" role="progressbar" aria-valuemin="0" aria-valuemax="100"><span></span></span> ';
  pr.querySelector('.mini').setAttribute('aria-valuenow', String(job.progress));
  pr.querySelector('.mini > span').style.width = job.progress + '%';
  pr.appendChild(document.createTextNode(job.progress + '%'));
  cell(tr, String(job.coveredDays), 'num');
  cell(tr, String(job.doneDays), 'num');
  cell(tr, String(job.failedDays), 'num' + (job.failedDays ? ' error' : ''));
  cell(tr, String(job.unavailableDays || 0), 'num');
  cell(tr, String(job.sparseDays || 0), 'num');
  cell(tr, String(job.barsWritten), 'num');
  cell(tr, when(job.createdAt));
  cell(tr, duration(job));
  const act = tr.insertCell();
  if (!FINISHED.has(job.status)) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'cancel';
    b.textContent = 'Cancel';
    b.setAttribute('aria-label', 'Cancel job ' + job.jobId);
    b.addEventListener('click', () => cancelJob(job.jobId, $('jobs-message')));
    act.appendChild(b);
  }
}

// Live rows: each unfinished job on the page streams its progress (SSE read through fetch, so the
// API key header goes along); a finished job's stream ends by itself.
async function followJob(jobId) {
  if (view.streams.has(jobId)) return;
  const ctrl = new AbortController();
  if (!takeStreamSlot(ctrl)) return;   // the 2 s refresh keeps this row current
  view.streams.set(jobId, ctrl);
  try {
    const res = await fetch('/v1/jobs/' + encodeURIComponent(jobId) + '/events',
      {headers: headers({Accept: 'text/event-stream'}), signal: ctrl.signal});
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const {value, done} = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, {stream: true}).replace(/\r\n/g, '\n');
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).join('');
        if (block.includes('event: progress') || block.includes('event:progress')) onJobEvent(JSON.parse(data));
      }
    }
  } catch (e) {
    if (e.name !== 'AbortError') console.warn('job stream ended:', e.message);
  } finally {
    releaseStreamSlot(ctrl);
    if (view.streams.get(jobId) === ctrl) view.streams.delete(jobId);
  }
}

function onJobEvent(job) {
  const tr = document.querySelector('#jobs-table tr[data-job-id="' + CSS.escape(job.jobId) + '"]');
  if (tr) fillJobRow(tr, job);
}

function stopStreams() {
  for (const c of view.streams.values()) {
    c.abort();
    releaseStreamSlot(c);
  }
  view.streams.clear();
}

async function cancelJob(jobId, out) {
  const r = await api('/v1/jobs/' + encodeURIComponent(jobId), {method: 'DELETE'});
  out.className = r.ok ? '' : 'error';
  out.textContent = r.ok ? 'Cancel of ' + jobId + ' queued.' : describeError(r);
  refresh();
}

// ---- job page -----------------------------------------------------------------------------

(function legend() {
  const ul = $('legend');
  for (const [state, label] of Object.entries(STATE_LABELS)) {
    const li = document.createElement('li');
    li.className = 'st-' + state;
    li.dataset.state = state;
    li.textContent = label;
    ul.appendChild(li);
  }
})();

$('retry-btn').addEventListener('click', async () => {
  const out = $('job-message');
  out.className = '';
  out.textContent = 'queueing…';
  const r = await api('/v1/jobs/' + encodeURIComponent(view.jobId) + '/retry', {method: 'POST'});
  if (!r.ok) {
    out.className = 'error';
    out.textContent = describeError(r);
    return;
  }
  const c = r.body.coverage;
  out.textContent = r.body.failedDays.length + ' failed day(s) queued again' + (c.jobId ? ' as job ' : ' (already stored).');
  if (c.jobId) {
    const link = document.createElement('a');
    link.href = '#/jobs/' + encodeURIComponent(c.jobId);
    link.textContent = c.jobId;
    out.append(link, '.');
  }
  out.dataset.retryJobId = c.jobId || '';
  refresh();
});

$('job-cancel-btn').addEventListener('click', () => cancelJob(view.jobId, $('job-message')));

async function loadJob() {
  const r = await api('/v1/jobs/' + encodeURIComponent(view.jobId) + '/days');
  if (!r.ok) {
    $('job-title').textContent = 'Job ' + view.jobId;
    $('job-summary').className = 'error';
    $('job-summary').textContent = describeError(r);
    return;
  }
  const {job, counts, days} = r.body;
  $('job-title').textContent = job.symbol + ' ' + job.timeframe + ' · ' + job.from + ' … ' + job.to;
  $('job-summary').className = 'muted';
  $('job-summary').textContent = job.jobId + ' · ' + job.status + ' · ' + job.progress + '% · '
    + Object.keys(STATE_LABELS).filter((s) => counts[s] > 0).map((s) => counts[s] + ' ' + STATE_LABELS[s]).join(', ')
    + ' · ' + job.barsWritten + ' bars written';
  $('page-job').dataset.status = job.status;
  const tripped = job.trippedProviders || [];
  $('job-tripped').hidden = !tripped.length;
  $('job-tripped').textContent = tripped.length ? 'Circuit breaker open: ' + tripped.join(', ')
    + ' answered 429 too often and is not asked until it cools down; its days wait.' : '';
  $('retry-btn').disabled = !counts.FAILED;
  $('job-cancel-btn').hidden = FINISHED.has(job.status);
  drawGrid(days);
}

function drawGrid(days) {
  const grid = $('day-grid');
  const focused = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.day : null;
  grid.innerHTML = '';
  for (const d of days) {
    const el = document.createElement('div');
    el.className = 'day st-' + d.state;
    el.dataset.day = d.day;
    el.dataset.state = d.state;
    el.setAttribute('role', 'listitem');
    el.tabIndex = 0;
    const text = describeDay(d);
    el.title = text;
    el.setAttribute('aria-label', text);
    el.innerHTML = '<span class="d"></span><span class="s"></span>';
    el.querySelector('.d').textContent = d.day.slice(5);
    el.querySelector('.s').textContent = d.state === 'RETRYING' ? retryingLabel(d)
      : STATE_LABELS[d.state] + (d.expectedBars ? ' ' + d.bars + '/' + d.expectedBars : '');
    const show = () => { $('day-detail').textContent = text; };
    el.addEventListener('mouseenter', show);
    el.addEventListener('focus', show);
    grid.appendChild(el);
    if (d.day === focused) el.focus();
  }
}

function retryingLabel(d) {
  return 'retrying' + (d.attempt ? ' (attempt ' + d.attempt + ')' : '');
}

function describeDay(d) {
  let s = d.day + ': ' + (d.state === 'RETRYING' ? retryingLabel(d) : STATE_LABELS[d.state]);
  if (d.state === 'RETRYING') return s + (d.provider ? ', last try ' + d.provider : '') + ', why: ' + (d.error || 'not said');
  if (d.expectedBars) s += ', ' + d.bars + ' of ' + d.expectedBars + ' bars';
  if (d.provider) s += ', from ' + d.provider;
  if (d.state === 'FAILED') s += ', last error: ' + (d.error || 'not kept (the job keeps its last few)');
  return s;
}

// ---- pipeline page ------------------------------------------------------------------------

const providerSamples = [];   // {t, totals: {provider: {all, limited}}}

async function loadPipeline() {
  await Promise.all([loadLag(), loadProviders(), loadDeadLetters()]);
}

async function loadLag() {
  const r = await api('/v1/pipeline/lag');
  const tbody = $('lag-table').tBodies[0];
  if (!r.ok) {
    $('lag-totals').textContent = describeError(r);
    return;
  }
  $('lag-totals').textContent = Object.entries(r.body.totalByGroup).map(([g, n]) => g + ': ' + n).join(' · ')
    || 'No consumer group has committed yet.';
  tbody.innerHTML = '';
  for (const p of r.body.partitions) {
    const tr = tbody.insertRow();
    tr.dataset.group = p.group;
    tr.dataset.lag = String(p.lag);
    cell(tr, p.group);
    cell(tr, p.topic);
    for (const n of [p.partition, p.committed, p.end, p.lag]) cell(tr, String(n), 'num');
    if (p.lag > 0) tr.lastChild.classList.add('error');
  }
}

async function loadProviders() {
  const r = await api('/metrics');
  if (!r.ok || typeof r.body !== 'string') return;
  const totals = {};
  for (const m of parseMetrics(r.body)) {
    if (m.name !== 'barfill_provider_requests_total' || m.labels.outcome === 'next_page') continue;
    const t = totals[m.labels.provider] || (totals[m.labels.provider] = {all: 0, limited: 0});
    t.all += m.value;
    if (m.labels.outcome === 'rate_limited') t.limited += m.value;
  }
  providerSamples.push({t: Date.now(), totals});
  while (providerSamples.length > 1 && providerSamples[providerSamples.length - 1].t - providerSamples[0].t > 60000) {
    providerSamples.shift();
  }
  const first = providerSamples[0];
  const minutes = Math.max(1 / 60, (Date.now() - first.t) / 60000);
  const rows = Object.entries(totals).map(([p, t]) => {
    const was = first.totals[p] || {all: 0, limited: 0};
    return [p, Math.round((t.all - was.all) / minutes), Math.round((t.limited - was.limited) / minutes), t.all, t.limited];
  });
  const tbody = $('provider-rates').tBodies[0];
  tbody.innerHTML = '';
  if (!rows.length) cell(tbody.insertRow(), 'No provider requests in this process yet.', 'muted').colSpan = 5;
  for (const row of rows) {
    const tr = tbody.insertRow();
    row.forEach((v, i) => cell(tr, String(v), i ? 'num' : ''));
  }
}

async function loadDeadLetters() {
  const r = await api('/v1/pipeline/dlq');
  const box = $('dlq');
  if (!r.ok) {
    box.textContent = describeError(r);
    return;
  }
  if (box.contains(document.activeElement) || box.querySelector('details[open]')) return; // do not redraw under the user
  box.innerHTML = '';
  for (const t of r.body) {
    const sec = document.createElement('section');
    sec.className = 'dlq-topic';
    sec.dataset.topic = t.topic;
    sec.dataset.records = String(t.records);
    const h = document.createElement('h3');
    h.textContent = t.topic + ' — ' + t.records + ' record' + (t.records === 1 ? '' : 's') + ' (replays to ' + t.replaysTo + ')';
    if (t.records > 0) h.appendChild(replayButton(t.topic, null, 'Replay all'));
    sec.appendChild(h);
    if (t.newest.length) {
      const table = document.createElement('table');
      table.className = 'data';
      table.innerHTML = '<caption class="sr-only"></caption><thead><tr><th scope="col">Position</th><th scope="col">Time</th>'
        + '<th scope="col">Key</th><th scope="col">Reason</th><th scope="col">Headers and value</th>'
        + '<th scope="col"><span class="sr-only">Actions</span></th></tr></thead><tbody></tbody>';
      table.caption.textContent = 'Newest records of ' + t.topic;
      for (const d of t.newest) {
        const tr = table.tBodies[0].insertRow();
        tr.dataset.position = d.position;
        cell(tr, d.position);
        cell(tr, when(d.timestamp));
        cell(tr, d.key || '');
        cell(tr, d.reason || '');
        const det = document.createElement('details');
        const sum = document.createElement('summary');
        sum.textContent = Object.keys(d.headers).length + ' headers';
        const pre = document.createElement('pre');
        pre.className = 'value';
        pre.textContent = Object.entries(d.headers).map(([k, v]) => k + ': ' + v).join('\n') + '\n\n' + (d.value || '');
        det.append(sum, pre);
        tr.insertCell().appendChild(det);
        tr.insertCell().appendChild(replayButton(t.topic, d.position, 'Replay'));
      }
      sec.appendChild(table);
    }
    box.appendChild(sec);
  }
}

function replayButton(topic, position, label) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'replay';
  b.textContent = label;
  b.setAttribute('aria-label', position ? 'Replay ' + topic + ' record ' + position : 'Replay every record of ' + topic);
  b.addEventListener('click', async () => {
    const out = $('dlq-message');
    const body = position ? {positions: [position]} : {all: true};
    const r = await api('/v1/pipeline/dlq/' + encodeURIComponent(topic) + '/replay',
      {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)});
    out.className = r.ok ? '' : 'error';
    out.textContent = r.ok ? 'Replayed ' + r.body.records + ' record(s) of ' + topic + ' to ' + r.body.replayedTo + '.'
      : describeError(r);
    b.blur();
    refresh();
  });
  return b;
}

window.addEventListener('hashchange', route);
route();
