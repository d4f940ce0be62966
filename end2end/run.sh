#!/usr/bin/env bash
# The browser tests against the release build on the engine DATABASE_URL
# names: start `stemme serve` from the repository root, run Playwright (its
# global setup waits for /healthz), stop the server. Exit code: Playwright's.
#   DATABASE_URL=sqlite:target/e2e/stemme.db end2end/run.sh [playwright args]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${STEMME_BIN:-target/release/stemme}
# Playwright reads the same variable (playwright.config.ts).
export STEMME_BASE_URL=${STEMME_BASE_URL:-http://127.0.0.1:3000}
addr=${STEMME_BASE_URL#http://}
log=$(mktemp)
# The test OpenID provider for staff single sign-on (tests/sso.spec.ts),
# started first so that the server's SSO file can name it.
sso=$(mktemp -d)
node end2end/oidc/op.mjs >"$sso/op.out" 2>"$sso/op.log" & op=$!
for _ in $(seq 100); do grep -q OP_ISSUER "$sso/op.out" 2>/dev/null && break; sleep 0.1; done
STEMME_TEST_OP=$(sed -n 's/^OP_ISSUER=//p' "$sso/op.out")
export STEMME_TEST_OP
echo "test-secret-for-stemme" >"$sso/secret"
printf '%s\n' '[demo]' 'label = "Demo Kommunes konto (test)"' "issuer = \"$STEMME_TEST_OP\"" 'client_id = "stemme"' \
	"client_secret_file = \"$sso/secret\"" 'email_domains = ["demo.dk"]' '[demo.roles]' '"stemme-admins" = "admin"' '"stemme-leaders" = "manager"' >"$sso/sso.toml"
"$bin" serve --addr "$addr" --sso-config "$sso/sso.toml" >"$log" 2>&1 & server=$!
trap 'kill $server $op 2>/dev/null || true; wait $server $op 2>/dev/null || true; rm -rf "$log" "$sso"' EXIT
status=0
(cd end2end && npx playwright test "$@") || status=$?
if [ "$status" -ne 0 ]; then echo "--- server log (last 40 lines)"; tail -n 40 "$log"; fi
exit "$status"
