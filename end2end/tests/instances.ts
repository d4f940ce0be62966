// Extra `stemme serve` processes on the same database as the one
// `run.sh` starts, for tests that cross instances or restart
// one. Only on PostgreSQL: SQLite is one process's file.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Decided from DATABASE_URL, which every Playwright process sees from the
 * start (tests are listed before global-setup runs). */
export const MULTI_INSTANCE = (process.env.DATABASE_URL ?? '').startsWith('postgres');

/** The second instance global-setup keeps running for the whole run. */
export const SECOND_INSTANCE = 'http://127.0.0.1:3002';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export function binary(): string {
  return process.env.STEMME_BIN ?? `${ROOT}target/release/stemme`;
}

/** Waits until `base` answers /healthz with 200. */
export async function waitUntilHealthy(base: string, timeoutMs = 120_000): Promise<void> {
  const url = new URL('/healthz', base).toString();
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Stemme was not healthy at ${url} within ${timeoutMs / 1000} s (last: ${last})`);
}

/** Starts an instance at `url` on the run's database; resolves once it is
 * healthy, with a function that kills it (SIGKILL: like a crash). */
export async function startInstance(url: string): Promise<() => void> {
  const server = spawn(binary(), ['serve', '--addr', new URL(url).host], {
    cwd: ROOT,
    env: { ...process.env, LEPTOS_SITE_ROOT: 'target/site', RUST_LOG: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  let exited = false;
  server.on('exit', () => {
    exited = true;
  });
  await waitUntilHealthy(url, 60_000);
  if (exited) throw new Error(`the instance at ${url} stopped at once`);
  return () => {
    server.kill('SIGKILL');
  };
}
