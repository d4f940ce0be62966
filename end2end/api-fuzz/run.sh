#!/usr/bin/env bash
# Bad input against every endpoint of /api/v1/openapi.json (schemathesis):
# no 5xx, and every 4xx carries a message. Runs the release binary on the
# engine DATABASE_URL names, in two passes:
#   1. a read-only API token and generated path values: the 401/403/404 paths
#      and every public endpoint;
#   2. a signed-in staff member holding every role, and real ids (a proposal,
#      a comment, a receipt, a running workshop the fuzzer has joined), so
#      the staff and participant endpoints get past their guards and their
#      body validation is what is fuzzed.
#   DATABASE_URL=sqlite:/tmp/f.db end2end/api-fuzz/run.sh [max examples per operation]
set -euo pipefail
cd "$(dirname "$0")/../.."
examples=${1:-40}
bin=${STEMME_BIN:-target/release/stemme}
venv=target/schemathesis
[ -x "$venv/bin/schemathesis" ] || { python3 -m venv "$venv" && "$venv/bin/pip" install -q schemathesis==4.32.5; }
port=$((20000 + RANDOM % 20000)); base="http://127.0.0.1:$port"
work=$(mktemp -d)
LEPTOS_SITE_ROOT=target/site "$bin" serve --addr "127.0.0.1:$port" --demo >"$work/server.log" 2>&1 & server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
until curl -sf "$base/healthz" >/dev/null; do kill -0 $server || { cat "$work/server.log"; exit 1; }; sleep 0.2; done

json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
cookie() { awk -v n="$1" '$6 == n { print $7 }' "$work/jar"; }
post() { curl -sf -b "$work/jar" -c "$work/jar" -H 'content-type: application/json' -d "$2" "$base$1"; }

token=$("$bin" token create --municipality demo --name fuzz | tail -1)
password='blå hest spiser kage'
echo "$password" | "$bin" user add --email fuzz@demo.dk --municipality demo \
  --role admin --role manager --role facilitator --role moderator --password-stdin >/dev/null
# An admin and moderator signs in with an authenticator app: set one up
# through the sign-in pages, as a person would, with the codes computed here.
totp() {
  python3 - "$1" <<'PY'
import base64, hashlib, hmac, struct, sys, time
key = base64.b32decode(sys.argv[1] + "=" * (-len(sys.argv[1]) % 8))
mac = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
offset = mac[-1] & 15
print("%06d" % ((struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF) % 1000000))
PY
}
curl -sf -b "$work/jar" -c "$work/jar" -o /dev/null --data-urlencode email=fuzz@demo.dk --data-urlencode "password=$password" "$base/login"
secret=$(curl -sf -b "$work/jar" -c "$work/jar" "$base/login/app" \
  | python3 -c 'import re, sys; print(re.search(r"<code class=\"totp-secret\">([A-Z2-7 ]+)</code>", sys.stdin.read()).group(1).replace(" ", ""))')
curl -sf -b "$work/jar" -c "$work/jar" -o /dev/null --data-urlencode "code=$(totp "$secret")" "$base/login/app"
created=$(post /api/v1/municipalities/demo/proposals '{"kind":"idea","title":"Flere busser","text":"Bussen kører for sjældent om aftenen."}')
proposal=$(json "['id']" <<<"$created"); receipt=$(json "['receipt']" <<<"$created")
comment=$(post "/api/v1/proposals/$proposal/comments" '{"text":"Enig, især om vinteren."}' | json "['id']")
workshop=$(post /api/v1/municipalities/demo/workshops \
  '{"title":"Fuzz","activities":[{"kind":"poll","options":["Ja","Nej"]},{"kind":"ideas"}]}')
workshop_id=$(json "['id']" <<<"$workshop"); code=$(json "['code']" <<<"$workshop")
post /api/v1/workshops/join "{\"code\":\"$code\"}" >/dev/null
post "/api/v1/workshops/$workshop_id/advance" '' >/dev/null
staff_cookies="stemme_session=$(cookie stemme_session); stemme_deltager=$(cookie stemme_deltager)"

cat >"$work/schemathesis.toml" <<EOF
[parameters]
"path.m" = "demo"
"path.s" = "fgu"
"path.code" = "$receipt"

[[operations]]
include-path-regex = "^/api/v1/(proposals|municipalities/[^/]+/comments)/"
parameters = { "path.id" = "$proposal" }

[[operations]]
include-path-regex = "^/api/v1/municipalities/[^/]+/comments/"
parameters = { "path.id" = "$comment" }

[[operations]]
include-path-regex = "^/api/v1/workshops/"
parameters = { "path.id" = "$workshop_id" }
EOF

status=0
fuzz() { # pass name, then schemathesis options
  local name=$1; shift
  echo "== schemathesis, $name"
  SCHEMATHESIS_HOOKS=hooks PYTHONPATH=end2end/api-fuzz "$venv/bin/schemathesis" "$@" run "$base/api/v1/openapi.json" \
    --checks not_a_server_error,rejection_has_a_message --phases examples,coverage,fuzzing \
    --max-examples "$examples" --workers 2 --seed 1 --suppress-health-check all --request-timeout 10 \
    "${pass_options[@]}" || status=$?
}
pass_options=(-H "Authorization: Bearer $token")
fuzz "pass 1: read-only token, generated ids"
# Signing out would end the pass's session, and an event stream never ends.
pass_options=(-H "Cookie: $staff_cookies" --exclude-path /api/v1/session --exclude-path-regex '/events$')
fuzz "pass 2: staff with every role and a participant, real ids" --config-file "$work/schemathesis.toml"

if grep -q "panicked" "$work/server.log"; then echo "the server panicked:"; grep -A3 panicked "$work/server.log"; status=1; fi
exit $status
