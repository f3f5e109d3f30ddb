import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Where a login's main-thread time goes (issue 17): reads the CPU profiles that
 * `BENCH_BURST_PROFILE=1 npm run bench -- login-burst` wrote, keeps the samples inside the windows
 * that bench noted beside them (`burst-<pid>.json`) and prints, per server, the busy main-thread
 * time per completed login (burst windows minus the quiet ones, over the logins) and the functions
 * and packages that took it. `npx tsx bench/profile-burst.ts [dir]`.
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

interface Windows {
  variant: string;
  windows: { kind: 'quiet' | 'burst'; startUs: number; endUs: number; logins: number }[];
}

const IDLE = new Set(['(idle)', '(program)']);
const TOP = Number(process.env.TOP ?? 22);

/** The package or project folder a frame belongs to: what a reader can change. */
function placeOf(url: string, name: string): string {
  if (name.startsWith('(')) return name;
  if (url.startsWith('wasm://')) return 'wasm (PGlite)';
  const modules = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (modules) return modules[1]!;
  if (url.startsWith('node:')) return 'node:';
  const project = url.match(/\/(server|common|bench)\/(.+)$/);
  if (project) return `${project[1]}/${project[2]!.split('/')[0]}`;
  return url === '' ? '(native)' : url;
}

function analyse(profile: Profile, windows: Windows): void {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const inWindow = (kind: 'quiet' | 'burst') => windows.windows.filter((window) => window.kind === kind);
  const busy = { quiet: 0, burst: 0 };
  const span = { quiet: 0, burst: 0 };
  for (const kind of ['quiet', 'burst'] as const) for (const window of inWindow(kind)) span[kind] += window.endUs - window.startUs;
  const selfBurst = new Map<string, number>();
  const placeBurst = new Map<string, number>();
  let time = profile.startTime;
  for (const [index, id] of profile.samples.entries()) {
    time += profile.timeDeltas[index]!;
    const delta = profile.timeDeltas[index + 1] ?? 0;
    const window = windows.windows.find((w) => time >= w.startUs && time < w.endUs);
    if (!window) continue;
    const node = byId.get(id)!;
    const { functionName, url, lineNumber } = node.callFrame;
    if (IDLE.has(functionName)) continue;
    busy[window.kind] += delta;
    if (window.kind !== 'burst') continue;
    const key = `${functionName || '(anonymous)'} ${url.replace(/^.*\/(node_modules|server|common|bench)\//, '$1/')}:${lineNumber + 1}`;
    selfBurst.set(key, (selfBurst.get(key) ?? 0) + delta);
    const place = placeOf(url, functionName);
    placeBurst.set(place, (placeBurst.get(place) ?? 0) + delta);
  }
  const logins = inWindow('burst').reduce((sum, window) => sum + window.logins, 0);
  // The quiet windows' busy share (the ping socket, timers) comes off the burst's at the same rate.
  const extraUs = busy.burst - (busy.quiet / span.quiet) * span.burst;
  const perLogin = (us: number) => (us / 1000 / logins).toFixed(2);
  console.log(`\n${windows.variant}: ${logins} logins in ${(span.burst / 1e6).toFixed(0)} s of bursts`);
  console.log(
    `  main thread busy: quiet ${((100 * busy.quiet) / span.quiet).toFixed(1)} %, burst ${((100 * busy.burst) / span.burst).toFixed(1)} %; per login ${perLogin(extraUs)} ms beyond quiet (${perLogin(busy.burst)} ms all)`,
  );
  const top = (map: Map<string, number>, count: number) => [...map].sort((a, b) => b[1] - a[1]).slice(0, count);
  console.log('  by package / folder, ms per login (self time in bursts):');
  for (const [place, us] of top(placeBurst, 14)) console.log(`    ${perLogin(us).padStart(6)}  ${place}`);
  console.log(`  top functions, ms per login (self time in bursts):`);
  for (const [key, us] of top(selfBurst, TOP)) console.log(`    ${perLogin(us).padStart(6)}  ${key}`);
}

const dir = path.resolve(process.argv[2] ?? 'bench-profiles');
const files = readdirSync(dir);
for (const file of files.filter((name) => /^burst-\d+\.json$/.test(name))) {
  const pid = file.match(/\d+/)![0];
  // Main thread only: Node names a profile CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile.
  const profileFile = files.find((name) => name.startsWith('CPU.') && name.includes(`.${pid}.0.`));
  if (!profileFile) continue;
  analyse(JSON.parse(readFileSync(path.join(dir, profileFile), 'utf8')) as Profile, JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Windows);
}
