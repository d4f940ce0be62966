// `cargo leptos end-to-end` starts the server and Playwright at the same time:
// wait until the server says it is healthy before any test runs. Then create
// the staff accounts the tests sign in with, through the real CLI, against
// the same database (DATABASE_URL, set by the Makefile).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { STAFF } from './tests/staff-accounts';

const BASE_URL = process.env.STEMME_BASE_URL ?? 'http://127.0.0.1:3000';
const TIMEOUT_MS = 120_000;

export default async function globalSetup(): Promise<void> {
  await waitUntilHealthy();
  createStaff();
}

async function waitUntilHealthy(): Promise<void> {
  const url = new URL('/healthz', BASE_URL).toString();
  const deadline = Date.now() + TIMEOUT_MS;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`Stemme was not healthy at ${url} within ${TIMEOUT_MS / 1000} s (last: ${last})`);
}

function createStaff(): void {
  const binary = process.env.STEMME_BIN ?? fileURLToPath(new URL('../target/release/stemme', import.meta.url));
  // The server runs from the repository root: a relative sqlite: path means the same file from there.
  const root = fileURLToPath(new URL('..', import.meta.url));
  for (const { email, roles } of Object.values(STAFF)) {
    const args = ['user', 'add', '--email', email, '--municipality', 'demo', '--password-stdin'];
    for (const role of roles) args.push('--role', role);
    execFileSync(binary, args, { cwd: root, input: STAFF_PASSWORD_INPUT, stdio: ['pipe', 'inherit', 'inherit'] });
  }
}

const STAFF_PASSWORD_INPUT = `${Object.values(STAFF)[0].password}\n`;
