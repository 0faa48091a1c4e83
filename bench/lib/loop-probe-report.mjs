// Summary of bench/lib/loop-probe.mjs output files, one JSON line each: event-loop gaps over 40 ms after the first
// import request, the most CPU in one gap, how many gaps had at least 50 / 40 / 30 / 20 ms of CPU, GC pauses.
// Usage: node bench/lib/loop-probe-report.mjs /tmp/probe.json [...]
import { readFileSync } from 'node:fs';
for (const f of process.argv.slice(2)) {
  const p = JSON.parse(readFileSync(f, 'utf8'));
  const t0 = p.marks[0].atUs;
  const b = p.blocks.filter((x) => x.startUs >= t0);
  const cpu = b.map((x) => x.cpuMs).sort((a, c) => c - a);
  const g = p.gcs.filter((x) => x.startUs >= t0);
  const cnt = (th) => cpu.filter((c) => c >= th).length;
  console.log(
    f,
    JSON.stringify({
      gapsOver40msWall: b.length,
      worstGapWallMs: Math.max(...b.map((x) => x.gapMs)),
      worstCpuInGapMs: cpu[0],
      cpuBlocksOver50: cnt(50),
      over40: cnt(40),
      over30: cnt(30),
      over20: cnt(20),
      gcOver20: g.filter((x) => x.ms > 20).length,
      gcOver50: g.filter((x) => x.ms > 50).length,
      worstGcMs: Math.max(...g.map((x) => x.ms)),
      worstGcKind: g.sort((a, c) => c.ms - a.ms)[0]?.kind,
    }),
  );
}
