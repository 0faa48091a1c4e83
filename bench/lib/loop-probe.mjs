// Event-loop probe for the API server under a benchmark (docs/imports.md, "Event-loop blocks profiled and removed").
// Preload it into the server: the benchmarks pass their environment on, so
//   PROBE_OUT=/tmp/probe.json NODE_OPTIONS="--import ./bench/lib/loop-probe.mjs" node bench/import.mjs import
// (add `--cpu-prof --cpu-prof-dir=/tmp/prof` to NODE_OPTIONS to match CPU samples to the gaps). Only the process whose
// script is apps/api/dist/main.js records. Every second it writes $PROBE_OUT: `blocks` (each gap over 40 ms between
// two ticks of a 5 ms timer: start in µs of process.hrtime, wall ms, and the main thread's CPU ms in it; much CPU =
// our work, little CPU = the process waited for a core or the disk), `gcs` (pauses over 5 ms, wall ms and kind),
// `marks` (when each POST .../import arrived) and, with PROBE_SQL=<file URL of the app's @electric-sql/pglite
// dist/index.js>, `sqls` (PGlite queries over PROBE_SQL_MS, default 10, of CPU). Summarise with
// `node bench/lib/loop-probe-report.mjs /tmp/probe.json`. Not a benchmark itself (no JSON line).
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import { PerformanceObserver, performance } from 'node:perf_hooks';
// Read once (probe settings, not the app's: no turbo env declaration needed).
const { PROBE_OUT, PROBE_SQL, PROBE_SQL_MS } = process.env;
if (process.argv[1]?.endsWith('main.js') && PROBE_OUT) {
  const blocks = [];
  const gcs = [];
  const hr = () => Number(process.hrtime.bigint() / 1000n);
  const cpu = () => {
    const u = process.threadCpuUsage();
    return (u.user + u.system) / 1000;
  };
  let last = hr();
  let lastCpu = cpu();
  setInterval(() => {
    const now = hr();
    const c = cpu();
    const gap = (now - last) / 1000;
    if (gap > 40)
      blocks.push({ startUs: last, gapMs: Math.round(gap * 10) / 10, cpuMs: Math.round((c - lastCpu) * 10) / 10 });
    last = now;
    lastCpu = c;
  }, 5).unref();
  new PerformanceObserver((list) => {
    const nowHr = hr();
    const nowPerf = performance.now();
    for (const e of list.getEntries())
      if (e.duration > 5)
        gcs.push({
          startUs: Math.round(nowHr - (nowPerf - e.startTime) * 1000),
          ms: Math.round(e.duration * 10) / 10,
          kind: e.detail?.kind,
        });
  }).observe({ entryTypes: ['gc'] });
  const marks = [];
  const sqls = [];
  if (PROBE_SQL) {
    const { PGlite } = await import(PROBE_SQL);
    const base = Object.getPrototypeOf(PGlite.prototype);
    const orig = base.query;
    base.query = async function (sql, params, opts) {
      const c0 = cpu();
      const w0 = hr();
      let rows = -1;
      try {
        const r = await orig.call(this, sql, params, opts);
        rows = r?.rows?.length ?? -1;
        return r;
      } finally {
        const c = cpu() - c0;
        if (c > +(PROBE_SQL_MS ?? 10))
          sqls.push({
            atUs: w0,
            cpuMs: Math.round(c * 10) / 10,
            wallMs: Math.round((hr() - w0) / 100) / 10,
            rows,
            params: params?.length,
            sql: String(sql).replace(/\s+/g, ' ').slice(0, 140),
          });
      }
    };
  }
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (ev, req, ...rest) {
    if (ev === 'request' && req.method === 'POST' && /import/.test(req.url)) marks.push({ atUs: hr(), url: req.url });
    return emit.call(this, ev, req, ...rest);
  };
  const save = () => writeFileSync(PROBE_OUT, JSON.stringify({ blocks, gcs, marks, sqls }));
  setInterval(save, 1000).unref();
  process.on('exit', save);
}
