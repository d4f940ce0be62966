// `run.sh` starts the server and Playwright at the same time:
// wait until the server says it is healthy before any test runs. Then create
// the staff accounts the tests sign in with, through the real CLI, against
// the same database (DATABASE_URL, set by the Makefile).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { binary, MULTI_INSTANCE, SECOND_INSTANCE, startInstance, waitUntilHealthy } from './tests/instances';
import { STAFF } from './tests/staff-accounts';
import { setUpApp, WITH_APP } from './tests/staff-sessions';

const BASE_URL = process.env.STEMME_BASE_URL ?? 'http://127.0.0.1:3000';

/** Returns the teardown: it stops the second instance on PostgreSQL. */
export default async function globalSetup(): Promise<() => void> {
  await waitUntilHealthy(BASE_URL);
  createStaff();
  for (const who of WITH_APP) await setUpApp(BASE_URL, who);
  return MULTI_INSTANCE ? await startInstance(SECOND_INSTANCE) : () => {};
}

function createStaff(): void {
  // The server runs from the repository root: a relative sqlite: path means the same file from there.
  const root = fileURLToPath(new URL('..', import.meta.url));
  for (const { email, roles } of Object.values(STAFF)) {
    const args = ['user', 'add', '--email', email, '--municipality', 'demo', '--password-stdin'];
    for (const role of roles) args.push('--role', role);
    execFileSync(binary(), args, { cwd: root, input: STAFF_PASSWORD_INPUT, stdio: ['pipe', 'inherit', 'inherit'] });
  }
}

const STAFF_PASSWORD_INPUT = `${Object.values(STAFF)[0].password}\n`;
