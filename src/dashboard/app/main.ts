// The dashboard: one page, hash routes (#/overview, #/queues, #/jobs,
// #/jobs/<id>, #/workers, #/submit), live through GET /v1/events. Every list
// is one server page of at most 100 jobs; search runs on the master.

import { ApiError, api, can, hasCsrf, type Job, type QueueStats, type Stats, setCsrf, setOnUnauthenticated, type WhoAmI, type Worker } from "./api.ts";
import { Throughput } from "./chart.ts";
import { $, ago, esc, fmtDuration, fmtNum, fmtRate, fmtTime, pretty, states, throttle } from "./util.ts";

// ---- state -------------------------------------------------------------------

let who: WhoAmI | undefined;
let stats: Stats | undefined;
let live = false;
const throughput = new Throughput(300);
/** Listeners of the current view: a job changed (from the stream), stats arrived. */
const jobListeners = new Set<(j: Job) => void>();
const statsListeners = new Set<(s: Stats) => void>();
let cleanup: (() => void) | undefined;
let statsTimer: ReturnType<typeof setInterval> | undefined;

const isAdmin = (queue?: string) => can(who, "admin", queue);
const canSubmit = () => can(who, "producer") || can(who, "admin");

// ---- theme -------------------------------------------------------------------

function applyTheme(): void {
  const t = sessionStorage.getItem("falconq-theme") ?? localStorage.getItem("falconq-theme");
  if (t === "dark" || t === "light") document.documentElement.dataset.theme = t;
  else delete document.documentElement.dataset.theme;
}

function toggleTheme(): void {
  const dark = document.documentElement.dataset.theme === "dark" || (document.documentElement.dataset.theme === undefined && matchMedia("(prefers-color-scheme: dark)").matches);
  localStorage.setItem("falconq-theme", dark ? "light" : "dark");
  applyTheme();
}

// ---- flash messages ---------------------------------------------------------------

function flash(text: string, kind: "ok" | "error" = "ok"): void {
  const box = $("#flash");
  const div = document.createElement("div");
  div.className = `flash ${kind}`;
  div.textContent = text;
  div.setAttribute("data-testid", `flash-${kind}`);
  box.append(div);
  setTimeout(() => div.remove(), kind === "error" ? 8000 : 4000);
}

function errText(e: unknown): string {
  return e instanceof ApiError ? `${e.code}: ${e.message}` : e instanceof Error ? e.message : String(e);
}

async function act(label: string, f: () => Promise<unknown>): Promise<boolean> {
  try {
    await f();
    flash(label);
    return true;
  } catch (e) {
    flash(`${label} failed: ${errText(e)}`, "error");
    return false;
  }
}

// ---- session --------------------------------------------------------------------

function showLogin(message = ""): void {
  stopLive();
  who = undefined;
  setCsrf("");
  document.body.classList.remove("signed-in");
  $("#main").innerHTML = `
    <section class="login card" data-testid="login">
      <h1>FalconQueue</h1>
      <p class="muted">Sign in with an access token (<code>falconq tokens create</code>) or the admin token.</p>
      <form id="login-form" autocomplete="off">
        <label>Token <input id="token" name="token" type="password" required autocomplete="off" spellcheck="false" placeholder="fq_…"></label>
        <button type="submit" class="primary">Sign in</button>
      </form>
      <p class="error" id="login-error" role="alert">${esc(message)}</p>
    </section>`;
  $("#login-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const input = $("#token") as HTMLInputElement;
    try {
      const r = await api.login(input.value.trim());
      input.value = "";
      signedIn(r.csrfToken, r.whoami);
    } catch (e) {
      $("#login-error").textContent = e instanceof ApiError && e.status === 401 ? "That token was not accepted." : errText(e);
    }
  });
  ($("#token") as HTMLInputElement).focus();
}

function signedIn(csrf: string, w: WhoAmI): void {
  setCsrf(csrf);
  who = w;
  document.body.classList.add("signed-in");
  document.body.classList.toggle("can-act", isAdmin());
  document.body.classList.toggle("can-submit", canSubmit());
  document.body.classList.toggle("open-master", w.authRequired === false);
  const roles = [...new Set(w.grants.map((g) => g.role))].join(", ");
  $("#who").textContent = `${w.name} · ${roles}`;
  $("#who").title = w.grants.map((g) => `${g.role}: ${g.queues.join(", ")}`).join("\n");
  startLive();
  route();
}

async function logout(): Promise<void> {
  try {
    await api.logout();
  } catch {
    // the session may be gone already
  }
  showLogin("Signed out.");
}

// ---- live data: stats polling and the event stream ---------------------------------

/**
 * The event stream is per queue (GET /v1/events?queue=Q) and a browser holds
 * at most six HTTP/1.1 connections to one origin, so at most `streamsMax`
 * queues are streamed: the one the current view is about, then the busiest.
 * Other queues are followed by the periodic stats (and lists refresh on a
 * timer while not every queue is streamed).
 */
const streamsMax = 3;
const streams = new Map<string, EventSource>();
const openStreams = new Set<string>();
let focusQueue: string | undefined;
/** Per queue: the totals at the previous stats, for the chart of queues not streamed. */
const lastTotals = new Map<string, { done: number; fail: number; streamed: boolean }>();
let lastStatsAt = 0;

/** Every queue is streamed and every stream is open. */
function allLive(): boolean {
  if (stats === undefined || streams.size === 0) return false;
  return stats.queues.every((q) => openStreams.has(q.queue));
}

function showLive(): void {
  live = allLive();
  const dot = document.getElementById("live");
  if (dot === null) return;
  const some = openStreams.size > 0;
  dot.className = live ? "live on" : some ? "live part" : "live off";
  dot.dataset.state = live ? "on" : some ? "partial" : "off";
  dot.title = live
    ? "live: every queue is streamed"
    : some
      ? `live for ${[...openStreams].join(", ")}; other queues refresh every few seconds`
      : "not live: refreshing every few seconds";
}

function onJob(ev: MessageEvent): void {
  let j: Job;
  try {
    j = JSON.parse(ev.data);
  } catch {
    return;
  }
  if (j === null || typeof j !== "object" || typeof j.id !== "string") return;
  throughput.count(j.state);
  for (const l of jobListeners) l(j);
  refreshStats();
}

function syncStreams(): void {
  if (who === undefined) return;
  const want: string[] = [];
  if (focusQueue) want.push(focusQueue);
  const busy = [...(stats?.queues ?? [])].sort((a, b) => b.pending + b.running + b.completedPerSec * 60 - (a.pending + a.running + a.completedPerSec * 60));
  for (const q of busy) if (want.length < streamsMax && !want.includes(q.queue)) want.push(q.queue);
  for (const [q, es] of streams) {
    if (!want.includes(q)) {
      es.close();
      streams.delete(q);
      openStreams.delete(q);
    }
  }
  for (const q of want) {
    if (streams.has(q)) continue;
    // EventSource reconnects by itself with Last-Event-ID; `reset` means the
    // master could not replay what was missed: reload what is shown.
    const es = new EventSource(`/v1/events?queue=${encodeURIComponent(q)}`, { withCredentials: true });
    streams.set(q, es);
    es.onopen = () => {
      openStreams.add(q);
      showLive();
    };
    es.onerror = () => {
      openStreams.delete(q);
      showLive();
      if (es.readyState === EventSource.CLOSED && streams.get(q) === es) {
        // Not retried by the browser (an error status): try again later if the session still holds.
        streams.delete(q);
        api.whoami().then(
          () => setTimeout(syncStreams, 5000),
          () => {},
        );
      }
    };
    es.addEventListener("job", onJob);
    es.addEventListener("reset", () => {
      refreshStats();
      route();
    });
  }
  showLive();
}

const refreshStats = throttle(async () => {
  try {
    stats = await api.stats();
  } catch {
    return;
  }
  const now = Date.now();
  // The chart: streamed queues are counted from their events; the others
  // from the growth of their totals since the previous stats.
  let done = 0;
  let fail = 0;
  for (const q of stats.queues) {
    const prev = lastTotals.get(q.queue);
    const streamed = openStreams.has(q.queue);
    if (prev !== undefined && !prev.streamed && !streamed) {
      done += Math.max(0, q.completedTotal - prev.done);
      fail += Math.max(0, q.failedTotal - prev.fail);
    }
    lastTotals.set(q.queue, { done: q.completedTotal, fail: q.failedTotal, streamed });
  }
  if (lastStatsAt > 0 && (done > 0 || fail > 0)) throughput.spread(lastStatsAt, now, done, fail);
  lastStatsAt = now;
  syncStreams();
  for (const l of statsListeners) l(stats);
}, 1000);

function startLive(): void {
  stopLive();
  refreshStats();
  statsTimer = setInterval(refreshStats, 5000);
}

function stopLive(): void {
  for (const es of streams.values()) es.close();
  streams.clear();
  openStreams.clear();
  lastTotals.clear();
  lastStatsAt = 0;
  live = false;
  if (statsTimer !== undefined) clearInterval(statsTimer);
  statsTimer = undefined;
}

// ---- routing -----------------------------------------------------------------------

function parseHash(): { path: string[]; q: URLSearchParams } {
  const h = location.hash.replace(/^#\/?/, "");
  const [p = "", qs = ""] = h.split("?", 2);
  return { path: p.split("/").filter(Boolean).map(decodeURIComponent), q: new URLSearchParams(qs) };
}

function route(): void {
  if (who === undefined) return;
  cleanup?.();
  cleanup = undefined;
  jobListeners.clear();
  statsListeners.clear();
  const { path, q } = parseHash();
  const page = path[0] ?? "overview";
  for (const a of document.querySelectorAll<HTMLAnchorElement>("nav a[data-page]")) a.classList.toggle("active", a.dataset.page === page);
  document.body.classList.remove("menu-open");
  const main = $("#main");
  main.dataset.page = page;
  const fq = page === "jobs" && path[1] === undefined ? q.get("queue") || undefined : undefined;
  if (fq !== focusQueue) {
    focusQueue = fq;
    syncStreams();
  }
  if (page === "queues") cleanup = viewQueues(main);
  else if (page === "jobs" && path[1] !== undefined) cleanup = viewJob(main, path[1]);
  else if (page === "jobs") cleanup = viewJobs(main, q);
  else if (page === "workers") cleanup = viewWorkers(main);
  else if (page === "submit") cleanup = viewSubmit(main);
  else cleanup = viewOverview(main);
}

// ---- overview ------------------------------------------------------------------------

function totalsOf(s: Stats): Record<string, number> {
  const t: Record<string, number> = { scheduled: 0, pending: 0, running: 0, completed: 0, failed: 0, cancelled: 0 };
  for (const q of s.queues) for (const k of states) t[k] = (t[k] ?? 0) + (q[k] ?? 0);
  return t;
}

function viewOverview(main: HTMLElement): () => void {
  main.innerHTML = `
    <h1>Overview</h1>
    <div class="counts" id="counts" data-testid="counts">${states.map((s) => `<a class="count ${s}" href="#/jobs?state=${s}" data-testid="count-${s}"><span class="n">—</span><span class="label">${s}</span></a>`).join("")}</div>
    <section class="card">
      <div class="card-head"><h2>Throughput</h2><span class="legend"><i class="ok"></i>completed/s <i class="bad"></i>failed/s</span></div>
      <canvas id="chart" data-testid="chart" aria-label="completed and failed jobs per second over the last five minutes"></canvas>
      <p class="muted small" id="rates"></p>
    </section>
    <section class="card facts" id="facts"></section>`;
  const canvas = $("#chart") as HTMLCanvasElement;
  const show = (s: Stats) => {
    const t = totalsOf(s);
    for (const k of states) $(`[data-testid=count-${k}] .n`).textContent = fmtNum(t[k]);
    let cps = 0;
    let fps = 0;
    for (const q of s.queues) {
      cps += q.completedPerSec;
      fps += q.failedPerSec;
    }
    $("#rates").textContent = `Last minute: ${fmtRate(cps)} completed/s, ${fmtRate(fps)} failed/s`;
    const lat = s.waitMs.samples > 0 ? s.waitMs : undefined;
    $("#facts").innerHTML = `
      <dl>
        <dt>Jobs held</dt><dd data-testid="jobs-total">${fmtNum(s.jobsTotal)}</dd>
        <dt>Queues</dt><dd>${fmtNum(s.queues.length)}</dd>
        <dt>Workers</dt><dd>${fmtNum(s.workers)}</dd>
        <dt>Uptime</dt><dd>${fmtDuration(s.uptimeMs)}</dd>
        <dt>Version</dt><dd>${esc(s.version)}</dd>
        ${lat ? `<dt>Submit → start</dt><dd data-testid="latency">p50 ${fmtDuration(lat.p50)} · p95 ${fmtDuration(lat.p95)} · p99 ${fmtDuration(lat.p99)} <small>(last ${fmtNum(lat.samples)} starts)</small></dd>` : ""}
      </dl>`;
  };
  if (stats) show(stats);
  statsListeners.add(show);
  refreshStats();
  let raf = 0;
  const draw = () => throughput.draw(canvas);
  draw();
  const timer = setInterval(() => {
    cancelAnimationFrame(raf);
    raf = requestAnimationFrame(draw);
  }, 1000);
  return () => {
    clearInterval(timer);
    cancelAnimationFrame(raf);
  };
}

// ---- queues ---------------------------------------------------------------------------

function viewQueues(main: HTMLElement): () => void {
  main.innerHTML = `<h1>Queues</h1><div class="table-wrap"><table class="grid" data-testid="queues"><thead><tr>
    <th>Queue</th><th>State</th><th class="num">Waiting</th><th class="num">Scheduled</th><th class="num">Pending</th><th class="num">Running</th><th class="num">Completed</th><th class="num">Failed</th><th class="num">Cancelled</th><th>Oldest pending</th><th class="num">Done/s</th><th class="num">Failed/s</th><th class="act">Actions</th>
    </tr></thead><tbody id="qrows"><tr><td colspan="13" class="muted">Loading…</td></tr></tbody></table></div>`;
  const body = $("#qrows");
  const link = (q: string, state: string, n: number) => `<a href="#/jobs?state=${state}&queue=${encodeURIComponent(q)}">${fmtNum(n)}</a>`;
  const oldest = (q: QueueStats) => (q.pending === 0 ? "—" : fmtDuration(q.oldestPendingAgeMs));
  const show = (s: Stats) => {
    if (s.queues.length === 0) {
      body.innerHTML = `<tr><td colspan="13" class="muted">No queues yet: submit a job.</td></tr>`;
      return;
    }
    body.innerHTML = s.queues
      .map(
        (q) => `<tr data-queue="${esc(q.queue)}">
        <td data-label="Queue"><b>${esc(q.queue)}</b></td>
        <td data-label="State"><span class="badge ${q.paused ? "paused" : "active"}" data-testid="queue-state">${q.paused ? "paused" : "active"}</span>${
          q.heldBy && q.heldBy !== "paused" ? ` <span class="badge paused" data-testid="held-by" title="no job starts now: its limit is reached">held: ${esc(q.heldBy)}</span>` : ""
        }${q.readyGroups > 0 ? ` <small class="muted">${fmtNum(q.readyGroups)} groups ready</small>` : ""}</td>
        ${states.map((st) => `<td class="num" data-label="${st}">${link(q.queue, st, q[st])}</td>`).join("")}
        <td data-label="Oldest pending" data-testid="oldest">${oldest(q)}</td>
        <td class="num" data-label="Done/s">${fmtRate(q.completedPerSec)}</td>
        <td class="num" data-label="Failed/s">${fmtRate(q.failedPerSec)}</td>
        <td class="act">${
          isAdmin(q.queue)
            ? `${q.paused ? `<button data-act="resume" data-testid="resume">Resume</button>` : `<button data-act="pause" data-testid="pause">Pause</button>`}
               <button data-act="retry-failed" data-testid="retry-failed" ${q.failed === 0 ? "disabled" : ""}>Retry all failed</button>`
            : ""
        }</td></tr>`,
      )
      .join("");
  };
  const onClick = async (ev: Event) => {
    const b = (ev.target as HTMLElement).closest<HTMLButtonElement>("button[data-act]");
    const row = b?.closest<HTMLElement>("tr[data-queue]");
    if (!b || !row) return;
    const q = row.dataset.queue as string;
    b.disabled = true;
    if (b.dataset.act === "pause") await act(`Paused ${q}`, () => api.pause(q));
    else if (b.dataset.act === "resume") await act(`Resumed ${q}`, () => api.resume(q));
    else if (b.dataset.act === "retry-failed" && confirm(`Retry every failed job of ${q}?`)) {
      try {
        flash(`Retried ${await api.retryFailed(q)} failed job(s) of ${q}`);
      } catch (e) {
        flash(`Retry all failed of ${q} failed: ${errText(e)}`, "error");
      }
    }
    b.disabled = false;
    refreshStats();
  };
  body.addEventListener("click", onClick);
  if (stats) show(stats);
  statsListeners.add(show);
  refreshStats();
  return () => {};
}

// ---- jobs -------------------------------------------------------------------------------

function jobsHash(q: URLSearchParams): string {
  const c = new URLSearchParams();
  for (const [k, v] of q) if (v !== "") c.set(k, v);
  return `#/jobs?${c}`;
}

function stateBadge(s: string): string {
  return `<span class="badge ${esc(s)}" data-testid="state">${esc(s)}</span>`;
}

function viewJobs(main: HTMLElement, q: URLSearchParams): () => void {
  const state = q.get("state") ?? "";
  const limit = Math.min(100, Math.max(1, Number(q.get("limit")) || 50));
  const order = q.get("order") === "oldest" ? "oldest" : "newest";
  const cursor = q.get("cursor") ?? "";
  const prev = (q.get("prev") ?? "").split(",").filter((x) => x !== "" || false);
  const admin = isAdmin();
  main.innerHTML = `
    <h1>Jobs</h1>
    <div class="tabs" role="tablist">${["", ...states]
      .map((s) => {
        const n = new URLSearchParams(q);
        n.set("state", s);
        n.delete("cursor");
        n.delete("prev");
        return `<a role="tab" href="${jobsHash(n)}" class="tab${s === state ? " active" : ""}" data-testid="tab-${s || "all"}">${s || "all"}</a>`;
      })
      .join("")}</div>
    <form id="filters" class="filters">
      <input name="search" type="search" placeholder="Search id, type, metadata, payload…" value="${esc(q.get("search"))}" data-testid="search">
      <input name="queue" placeholder="queue" value="${esc(q.get("queue"))}" size="10">
      <input name="type" placeholder="type" value="${esc(q.get("type"))}" size="10">
      <select name="order"><option value="newest" ${order === "newest" ? "selected" : ""}>newest first</option><option value="oldest" ${order === "oldest" ? "selected" : ""}>oldest first</option></select>
      <select name="limit">${[25, 50, 100].map((n) => `<option ${n === limit ? "selected" : ""}>${n}</option>`).join("")}</select>
      <button type="submit">Search</button>
    </form>
    ${
      admin
        ? `<div class="bulk" id="bulk">
      <span id="selcount">0 selected</span>
      <button data-bulk="retry" data-testid="bulk-retry" disabled>Retry</button>
      <button data-bulk="cancel" data-testid="bulk-cancel" disabled>Cancel</button>
      <button data-bulk="delete" data-testid="bulk-delete" class="danger" disabled>Delete</button>
    </div>`
        : ""
    }
    <div class="table-wrap"><table class="grid jobs" data-testid="jobs"><thead><tr>
      ${admin ? `<th class="sel"><input type="checkbox" id="selall" aria-label="select all on this page"></th>` : ""}
      <th>Id</th><th>Queue</th><th>Type</th><th>State</th><th class="num">Attempt</th><th>Created</th><th>Updated</th><th>Error</th>
    </tr></thead><tbody id="jrows"><tr><td colspan="9" class="muted">Loading…</td></tr></tbody></table></div>
    <div class="pager"><button id="prev" ${prev.length === 0 && cursor === "" ? "disabled" : ""}>← Newer</button><span id="pageinfo" class="muted"></span><button id="next" disabled data-testid="next">Older →</button></div>`;
  if (order === "oldest") {
    $("#prev").textContent = "← Previous";
    $("#next").textContent = "Next →";
  }
  const body = $("#jrows");
  const selected = new Set<string>();
  let shown: Job[] = [];
  let next = "";
  let closed = false;
  const row = (j: Job) => `<tr data-id="${esc(j.id)}" data-state="${esc(j.state)}">
      ${admin ? `<td class="sel"><input type="checkbox" class="pick" aria-label="select ${esc(j.id)}" ${selected.has(j.id) ? "checked" : ""}></td>` : ""}
      <td data-label="Id"><a href="#/jobs/${encodeURIComponent(j.id)}" class="mono">${esc(j.id)}</a></td>
      <td data-label="Queue">${esc(j.queue)}</td>
      <td data-label="Type">${esc(j.type)}</td>
      <td data-label="State">${stateBadge(j.state)}</td>
      <td class="num" data-label="Attempt">${j.attempt}/${j.maxAttempts}</td>
      <td data-label="Created" title="${esc(fmtTime(j.createdAt))}">${ago(j.createdAt)}</td>
      <td data-label="Updated" title="${esc(fmtTime(j.updatedAt))}">${ago(j.updatedAt)}</td>
      <td data-label="Error" class="err">${esc((j.error ?? "").slice(0, 120))}</td></tr>`;
  const updateSel = () => {
    if (!admin) return;
    $("#selcount").textContent = `${selected.size} selected`;
    for (const b of main.querySelectorAll<HTMLButtonElement>("[data-bulk]")) b.disabled = selected.size === 0;
    $("#bulk").classList.toggle("has-sel", selected.size > 0);
  };
  const load = async () => {
    try {
      const page = await api.jobs({
        state: state || undefined,
        queue: q.get("queue") ?? undefined,
        type: q.get("type") ?? undefined,
        search: q.get("search") ?? undefined,
        cursor: cursor || undefined,
        limit,
        order,
      });
      if (closed) return;
      shown = page.jobs;
      next = page.next;
      for (const id of [...selected]) if (!shown.some((j) => j.id === id)) selected.delete(id);
      body.innerHTML = shown.length === 0 ? `<tr><td colspan="9" class="muted" data-testid="empty">No jobs${page.partial ? " in the part scanned so far" : ""}.</td></tr>` : shown.map(row).join("");
      ($("#next") as HTMLButtonElement).disabled = next === "";
      const parts = [`${shown.length} shown`];
      if (page.remaining > 0) parts.push(`${fmtNum(page.remaining)} more`);
      if (page.partial) parts.push("search stopped at its scan bound: go on for more");
      $("#pageinfo").textContent = parts.join(" · ");
      updateSel();
    } catch (e) {
      if (!closed) body.innerHTML = `<tr><td colspan="9" class="error">${esc(errText(e))}</td></tr>`;
    }
  };
  load();
  // Live: a changed job on this page is redrawn; new jobs show on the first page.
  const reload = throttle(load, 1000);
  jobListeners.add((j) => {
    const i = shown.findIndex((x) => x.id === j.id);
    if (i >= 0) {
      if (state !== "" && j.state !== state) reload();
      else {
        shown[i] = { ...shown[i], ...j } as Job;
        const tr = body.querySelector(`tr[data-id="${CSS.escape(j.id)}"]`);
        if (tr) tr.outerHTML = row(shown[i] as Job);
      }
    } else if (cursor === "" && (state === "" || j.state === state)) reload();
  });
  // Queues not streamed: refresh the first page every few seconds.
  const poll = setInterval(() => {
    if (cursor === "" && !(q.get("queue") ? openStreams.has(q.get("queue") as string) : live)) load();
  }, 4000);
  $("#filters").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const f = new FormData(ev.target as HTMLFormElement);
    const n = new URLSearchParams();
    if (state) n.set("state", state);
    for (const k of ["search", "queue", "type", "order", "limit"]) n.set(k, String(f.get(k) ?? "").trim());
    location.hash = jobsHash(n);
  });
  $("#next").addEventListener("click", () => {
    const n = new URLSearchParams(q);
    n.set("prev", [...prev, cursor || "-"].join(","));
    n.set("cursor", next);
    location.hash = jobsHash(n);
  });
  $("#prev").addEventListener("click", () => {
    const n = new URLSearchParams(q);
    const p = [...prev];
    const back = p.pop() ?? "-";
    n.set("prev", p.join(","));
    n.set("cursor", back === "-" ? "" : back);
    location.hash = jobsHash(n);
  });
  body.addEventListener("change", (ev) => {
    const t = ev.target as HTMLInputElement;
    const id = t.closest<HTMLElement>("tr[data-id]")?.dataset.id;
    if (!t.classList.contains("pick") || id === undefined) return;
    if (t.checked) selected.add(id);
    else selected.delete(id);
    updateSel();
  });
  document.getElementById("selall")?.addEventListener("change", (ev) => {
    const on = (ev.target as HTMLInputElement).checked;
    for (const j of shown) on ? selected.add(j.id) : selected.delete(j.id);
    for (const c of body.querySelectorAll<HTMLInputElement>("input.pick")) c.checked = on;
    updateSel();
  });
  document.getElementById("bulk")?.addEventListener("click", async (ev) => {
    const b = (ev.target as HTMLElement).closest<HTMLButtonElement>("button[data-bulk]");
    if (!b || selected.size === 0) return;
    const kind = b.dataset.bulk as "retry" | "cancel" | "delete";
    const ids = [...selected];
    if (kind === "delete" && !confirm(`Delete ${ids.length} job(s)? This cannot be undone.`)) return;
    const f = kind === "retry" ? api.retry : kind === "cancel" ? api.cancel : api.remove;
    let ok = 0;
    const errors: string[] = [];
    for (const id of ids) {
      try {
        await f(id);
        ok++;
        selected.delete(id);
      } catch (e) {
        errors.push(`${id}: ${errText(e)}`);
      }
    }
    if (ok > 0) flash(`${kind}: ${ok} job(s)`);
    if (errors.length > 0) flash(`${kind} failed for ${errors.length}: ${errors.slice(0, 3).join("; ")}`, "error");
    load();
    refreshStats();
  });
  return () => {
    closed = true;
    clearInterval(poll);
  };
}

// ---- one job --------------------------------------------------------------------------------

function bytesOf(j: Job, name: "payload" | "result"): string {
  if (j[name] !== undefined) return pretty(j[name]);
  const b64 = name === "payload" ? j.payloadBase64 : j.resultBase64;
  return b64 !== undefined ? `(binary, base64)\n${b64}` : "(none)";
}

/** Links to show at most for the jobs one job waits for. */
const dependencyLinksMax = 100;

/** A job's place in a flow: its flow, its parent, the jobs it waits for (each linked; children of a flow are its dependencies). */
function workflowCard(j: Job): string {
  const deps = j.dependsOn ?? [];
  if (!j.flowId && !j.parentId && deps.length === 0 && !j.batchId) return "";
  const link = (id: string) => `<a class="mono" href="#/jobs/${encodeURIComponent(id)}">${esc(id)}</a>`;
  return `<section class="card" data-testid="workflow"><h2>Workflow</h2><dl>
    ${j.flowId ? `<dt>Flow</dt><dd>${j.flowId === j.id ? "this job is the flow's root" : link(j.flowId)}</dd>` : ""}
    ${j.parentId ? `<dt>Parent</dt><dd data-testid="parent">${link(j.parentId)}</dd>` : ""}
    ${j.batchId ? `<dt>Batch</dt><dd class="mono">${esc(j.batchId)}</dd>` : ""}
    ${deps.length > 0 ? `<dt>Waits for</dt><dd data-testid="depends-on">${deps.slice(0, dependencyLinksMax).map(link).join("<br>")}${deps.length > dependencyLinksMax ? `<br><span class="muted">… ${fmtNum(deps.length - dependencyLinksMax)} more</span>` : ""}</dd>
      <dt>Unfinished</dt><dd>${fmtNum(j.dependenciesUnfinished ?? 0)} of ${fmtNum(deps.length)}</dd>
      <dt>If one fails</dt><dd>${esc(j.onDependencyFailure || "fail")}</dd>` : ""}
  </dl></section>`;
}

function viewJob(main: HTMLElement, id: string): () => void {
  main.innerHTML = `<p class="muted">Loading ${esc(id)}…</p>`;
  let closed = false;
  const show = (j: Job) => {
    const admin = isAdmin(j.queue);
    const actions = [
      ["retry", "Retry", ["failed", "cancelled", "completed"].includes(j.state)],
      ["cancel", "Cancel", ["waiting", "scheduled", "pending", "running"].includes(j.state)],
      ["promote", "Run now", j.state === "scheduled"],
      ["delete", "Delete", j.state !== "running"],
    ] as const;
    const timeline: [string, number | undefined][] = [
      ["created", j.createdAt],
      ["run at", j.runAt],
      ["started", j.startedAt],
      ["lease deadline", j.state === "running" ? j.leaseDeadline : 0],
      ["finished", j.finishedAt],
      ["updated", j.updatedAt],
    ];
    const progress = j.progress;
    const pct = typeof progress === "number" ? progress : typeof progress === "object" && progress !== null && typeof (progress as { percent?: unknown }).percent === "number" ? (progress as { percent: number }).percent : undefined;
    const meta = Object.entries(j.metadata ?? {});
    main.innerHTML = `
      <p><a href="#/jobs">← Jobs</a></p>
      <h1 class="mono wrap" data-testid="job-id">${esc(j.id)}</h1>
      <div class="job-head">${stateBadge(j.state)} <span>${esc(j.type)}</span> <span class="muted">on</span> <a href="#/jobs?queue=${encodeURIComponent(j.queue)}">${esc(j.queue)}</a></div>
      ${admin ? `<div class="actions" data-testid="job-actions">${actions.filter((a) => a[2]).map(([k, label]) => `<button data-act="${k}" data-testid="job-${k}" class="${k === "delete" ? "danger" : ""}">${label}</button>`).join("")}</div>` : ""}
      <div class="cols">
        <section class="card"><h2>Details</h2><dl>
          <dt>Attempt</dt><dd>${j.attempt} of ${j.maxAttempts}</dd>
          <dt>Priority</dt><dd>${j.priority}</dd>
          <dt>Worker</dt><dd class="mono">${esc(j.workerId || "—")}</dd>
          <dt>Timeout</dt><dd>${j.timeoutMs ? fmtDuration(j.timeoutMs) : "—"}</dd>
          ${j.idempotencyKey ? `<dt>Idempotency key</dt><dd class="mono">${esc(j.idempotencyKey)}</dd>` : ""}
          ${meta.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join("")}
        </dl></section>
        <section class="card"><h2>Timeline</h2><ol class="timeline" data-testid="timeline">${timeline
          .filter(([, t]) => t)
          .sort((a, b) => (a[1] ?? 0) - (b[1] ?? 0))
          .map(([k, t]) => `<li><span class="k">${k}</span> <span class="mono">${fmtTime(t)}</span> <span class="muted">${ago(t)}</span></li>`)
          .join("")}</ol></section>
      </div>
      ${workflowCard(j)}
      ${j.error ? `<section class="card"><h2>Error</h2><pre class="error" data-testid="job-error">${esc(j.error)}</pre></section>` : ""}
      ${progress !== undefined ? `<section class="card"><h2>Progress</h2>${pct !== undefined ? `<progress max="100" value="${Math.max(0, Math.min(100, pct))}"></progress> ${pct}%` : ""}<pre>${esc(pretty(progress))}</pre></section>` : ""}
      <section class="card"><h2>Payload</h2><pre data-testid="payload">${esc(bytesOf(j, "payload"))}</pre></section>
      <section class="card"><h2>Result</h2><pre data-testid="result">${esc(bytesOf(j, "result"))}</pre></section>
      <section class="card"><h2>Logs</h2>${j.logs && j.logs.length > 0 ? `<pre data-testid="logs">${esc(j.logs.join("\n"))}</pre>` : `<p class="muted">No log lines from the last attempt.</p>`}</section>`;
  };
  let queue = "";
  const load = async () => {
    try {
      const j = await api.job(id);
      queue = j.queue;
      if (focusQueue !== queue) {
        focusQueue = queue;
        syncStreams();
      }
      if (!closed) show(j);
    } catch (e) {
      if (!closed) main.innerHTML = `<p><a href="#/jobs">← Jobs</a></p><p class="error">${esc(errText(e))}</p>`;
    }
  };
  load();
  const reload = throttle(load, 500);
  jobListeners.add((j) => {
    if (j.id === id) reload();
  });
  const onClick = async (ev: Event) => {
    const b = (ev.target as HTMLElement).closest<HTMLButtonElement>("button[data-act]");
    if (!b) return;
    const k = b.dataset.act;
    b.disabled = true;
    if (k === "retry") await act("Retried", () => api.retry(id));
    else if (k === "cancel") await act("Cancelled", () => api.cancel(id));
    else if (k === "promote") await act("Promoted", () => api.promote(id));
    else if (k === "delete" && confirm(`Delete job ${id}?`)) {
      if (await act("Deleted", () => api.remove(id))) {
        location.hash = "#/jobs";
        return;
      }
    }
    b.disabled = false;
    load();
  };
  main.addEventListener("click", onClick);
  const poll = setInterval(() => {
    if (!openStreams.has(queue)) load();
  }, 3000);
  return () => {
    closed = true;
    clearInterval(poll);
    main.removeEventListener("click", onClick);
  };
}

// ---- workers ------------------------------------------------------------------------------------

function viewWorkers(main: HTMLElement): () => void {
  main.innerHTML = `<h1>Workers</h1><div class="table-wrap"><table class="grid" data-testid="workers"><thead><tr>
    <th>Worker</th><th>Host</th><th>Queues</th><th>Types</th><th>Load</th><th>Last heartbeat</th><th>Version</th><th>State</th><th class="act">Actions</th>
    </tr></thead><tbody id="wrows"><tr><td colspan="9" class="muted">Loading…</td></tr></tbody></table></div>`;
  const body = $("#wrows");
  let closed = false;
  const admin = isAdmin();
  const show = (ws: Worker[]) => {
    body.innerHTML =
      ws.length === 0
        ? `<tr><td colspan="9" class="muted">No workers connected.</td></tr>`
        : ws
            .map(
              (w) => `<tr data-worker="${esc(w.workerId)}">
          <td data-label="Worker" class="mono">${esc(w.workerId)}</td>
          <td data-label="Host">${esc(w.hostname)}${w.pid ? ` <span class="muted">pid ${w.pid}</span>` : ""}</td>
          <td data-label="Queues">${esc(w.queues.length ? w.queues.join(", ") : "all")}</td>
          <td data-label="Types">${esc(w.types.join(", "))}</td>
          <td data-label="Load"><meter min="0" max="${Math.max(1, w.concurrency)}" value="${w.active}"></meter> ${w.active}/${w.concurrency}</td>
          <td data-label="Last heartbeat" title="${esc(fmtTime(w.lastSeenAt))}">${ago(w.lastSeenAt)}</td>
          <td data-label="Version">${esc(w.version)}</td>
          <td data-label="State"><span class="badge ${w.quiet ? "paused" : "active"}">${w.quiet ? "quiet" : "active"}</span></td>
          <td class="act">${admin ? `${w.quiet ? "" : `<button data-act="quiet" data-testid="quiet">Quiet</button>`} <button data-act="stop" class="danger" data-testid="stop">Stop</button>` : ""}</td></tr>`,
            )
            .join("");
  };
  const load = async () => {
    try {
      const ws = await api.workers();
      if (!closed) show(ws);
    } catch (e) {
      if (!closed) body.innerHTML = `<tr><td colspan="9" class="error">${esc(errText(e))}</td></tr>`;
    }
  };
  load();
  const timer = setInterval(load, 3000);
  body.addEventListener("click", async (ev) => {
    const b = (ev.target as HTMLElement).closest<HTMLButtonElement>("button[data-act]");
    const id = b?.closest<HTMLElement>("tr[data-worker]")?.dataset.worker;
    if (!b || id === undefined) return;
    if (b.dataset.act === "quiet") await act(`Told ${id} to go quiet`, () => api.quiet(id));
    else if (b.dataset.act === "stop" && confirm(`Stop worker ${id}? It finishes its running jobs and exits.`)) await act(`Told ${id} to stop`, () => api.stop(id));
    load();
  });
  return () => {
    closed = true;
    clearInterval(timer);
  };
}

// ---- submit ----------------------------------------------------------------------------------------

function viewSubmit(main: HTMLElement): () => void {
  if (!canSubmit()) {
    main.innerHTML = `<h1>Submit a job</h1><p class="muted">Your token cannot submit jobs (it needs the producer or admin role).</p>`;
    return () => {};
  }
  main.innerHTML = `<h1>Submit a job</h1>
    <form id="submit" class="card form" data-testid="submit-form">
      <label>Type <input name="type" required placeholder="email.send"></label>
      <label>Queue <input name="queue" placeholder="default"></label>
      <label class="wide">Payload (JSON) <textarea name="payload" rows="6" spellcheck="false">{}</textarea></label>
      <label>Priority <input name="priority" type="number" value="0"></label>
      <label>Max attempts <input name="maxAttempts" type="number" min="1" placeholder="default"></label>
      <label>Delay (ms) <input name="delayMs" type="number" min="0" placeholder="0"></label>
      <label>Idempotency key <input name="idempotencyKey"></label>
      <label class="wide">Metadata (JSON object of strings) <textarea name="metadata" rows="2" spellcheck="false">{}</textarea></label>
      <div class="wide"><button type="submit" class="primary">Submit</button></div>
    </form>`;
  $("#submit").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const f = new FormData(ev.target as HTMLFormElement);
    const spec: Record<string, unknown> = { type: String(f.get("type")).trim() };
    try {
      spec.payload = JSON.parse(String(f.get("payload") || "null"));
      const meta = JSON.parse(String(f.get("metadata") || "{}"));
      if (Object.keys(meta).length > 0) spec.metadata = meta;
    } catch (e) {
      flash(`Not JSON: ${errText(e)}`, "error");
      return;
    }
    for (const k of ["queue", "idempotencyKey"]) if (String(f.get(k) ?? "").trim()) spec[k] = String(f.get(k)).trim();
    for (const k of ["priority", "maxAttempts", "delayMs"]) if (String(f.get(k) ?? "") !== "") spec[k] = Number(f.get(k));
    try {
      const r = await api.submit(spec);
      flash(`${r.duplicate ? "Already submitted (same idempotency key)" : "Submitted"} ${r.job.id}`);
      location.hash = `#/jobs/${encodeURIComponent(r.job.id)}`;
    } catch (e) {
      flash(`Submit failed: ${errText(e)}`, "error");
    }
  });
  return () => {};
}

// ---- start ---------------------------------------------------------------------------------------------

async function start(): Promise<void> {
  applyTheme();
  $("#theme").addEventListener("click", toggleTheme);
  $("#logout").addEventListener("click", logout);
  $("#menu").addEventListener("click", () => document.body.classList.toggle("menu-open"));
  window.addEventListener("hashchange", route);
  setOnUnauthenticated(() => showLogin("Your session ended; sign in again."));
  // A master without authentication (loopback, no --admin-token-file) needs
  // no sign-in: every caller is an anonymous admin and no cookie is used.
  // Otherwise sign in; the CSRF token is kept in memory only, so a reload
  // signs in again even while the cookie is still good.
  try {
    const w = await api.whoami();
    if (w.authRequired === false) return signedIn("", w);
  } catch {
    // 401: credentials needed
  }
  if (!hasCsrf()) showLogin();
}

start();
