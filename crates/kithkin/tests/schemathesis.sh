#!/usr/bin/env bash
# Fuzzes the JSON API with schemathesis from its own OpenAPI document: a demo database, a
# `kithkin serve` on a free port, and every operation tried with generated (valid and invalid)
# input. Fails on any 5xx answer.
#
#   bash crates/kithkin/tests/schemathesis.sh          # builds the debug binary first
#   KITHKIN_BIN=path/to/kithkin bash crates/kithkin/tests/schemathesis.sh
#   ST_MAX_EXAMPLES=50 ST_SEED=1 bash crates/kithkin/tests/schemathesis.sh
#   ST_REPORT=har ST_REPORT_DIR=/tmp/st bash crates/kithkin/tests/schemathesis.sh   # keep every exchange
#
# Needs `schemathesis` (pip install schemathesis; written against 4.x), curl and python3.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
cd "$root"

bin=${KITHKIN_BIN:-}
if [[ -z $bin ]]; then
    cargo build --quiet -p kithkin --bin kithkin
    bin="${CARGO_TARGET_DIR:-$root/target}/debug/kithkin"
fi

tmp=$(mktemp -d)
pid=
cleanup() {
    if [[ -n $pid ]]; then
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
db="$tmp/kithkin.db"
"$bin" --db "$db" --quiet demo
"$bin" --db "$db" serve --port "$port" >"$tmp/serve.log" 2>&1 &
pid=$!

base="http://127.0.0.1:$port"
for _ in $(seq 1 100); do
    if curl -fsS -o /dev/null "$base/api/openapi.json" 2>/dev/null; then
        break
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
        echo "schemathesis.sh: kithkin serve did not start:" >&2
        cat "$tmp/serve.log" >&2
        exit 1
    fi
    sleep 0.2
done

# Real ids and names from the demo data, so that generated requests reach records that exist
# (with random UUIDs alone nearly every call stops at 404): a dictionary schemathesis draws
# path ids, names and people from, most of the time.
python3 - "$base" >"$tmp/schemathesis.toml" <<'PY'
import json, re, sys, urllib.request
base = sys.argv[1] + "/api/v1"
def get(path):
    with urllib.request.urlopen(base + path) as r:
        return r.read().decode()
uuid = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
ids = set()
for path in ["/people?limit=1000", "/today?at=in+2w", "/introductions", "/events", "/goals",
             "/collaborations", "/favours", "/gratitude"]:
    ids.update(uuid.findall(get(path)))
people = json.loads(get("/people?limit=1000"))["people"]
names = [c["circle"]["name"] for c in json.loads(get("/circles"))]
names += [o["organisation"]["name"] for o in json.loads(get("/orgs"))]
who = ["me"] + [p["name"] for p in people[:20]] + [p["id"] for p in people[:20]]
q = lambda xs: json.dumps(sorted(set(xs)), ensure_ascii=False)
print(f"""[dictionaries.ids]
values = {q(ids)}

[dictionaries.names]
values = {q(names)}

[dictionaries.people]
values = {q(who)}

[parameters]
"path.id" = {{ dictionary = "ids", probability = 0.8 }}
"path.name" = {{ dictionary = "names", probability = 0.8 }}
"query.person" = {{ dictionary = "ids", probability = 0.5 }}
"query.to" = {{ dictionary = "people", probability = 0.5 }}
"query.for" = {{ dictionary = "people", probability = 0.5 }}
"body.a" = {{ dictionary = "people", probability = 0.7 }}
"body.b" = {{ dictionary = "people", probability = 0.7 }}
"body.from" = {{ dictionary = "people", probability = 0.7 }}
"body.to" = {{ dictionary = "people", probability = 0.7 }}
"body.keep" = {{ dictionary = "people", probability = 0.7 }}
"body.other" = {{ dictionary = "people", probability = 0.7 }}
""")
PY

status=0
# from the temporary directory, where schemathesis keeps its cache (.schemathesis/)
cd "$tmp"
# Sec-Fetch-Site: same-origin is what a browser sends from the app's own pages; without it
# the CSRF check refuses every POST, PUT, PATCH and DELETE with 403 before the API sees it.
schemathesis --config-file "$tmp/schemathesis.toml" run "$base/api/openapi.json" \
    --checks not_a_server_error \
    --header 'Sec-Fetch-Site: same-origin' \
    --max-examples "${ST_MAX_EXAMPLES:-25}" \
    --seed "${ST_SEED:-20261126}" \
    --phases examples,coverage,fuzzing \
    --workers 2 \
    --request-timeout 30 \
    --warnings off \
    --report "${ST_REPORT:-junit}" --report-dir "${ST_REPORT_DIR:-$tmp/report}" \
    || status=$?

# A 5xx logs its cause on the server's stderr ("kithkin serve: error: …").
if grep -q 'error' "$tmp/serve.log"; then
    echo "schemathesis.sh: the server logged errors:" >&2
    grep 'error' "$tmp/serve.log" | sort | uniq -c | sort -rn | head -20 >&2
    status=1
fi
if [[ $status -ne 0 ]]; then
    echo "schemathesis.sh: FAILED (a 5xx answer, or schemathesis could not run)" >&2
fi
exit "$status"
