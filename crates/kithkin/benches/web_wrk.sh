#!/usr/bin/env bash
# Benchmark of `kithkin serve` with wrk on a generated database of 100k people:
#   (a) the person page, /people/{id}, over 1000 real ids picked at random per request;
#   (b) the search API, /api/v1/people?q=TERM, over names and organisations in the database.
# Prints requests per second and p99 latency of each. Results and the command: docs/benchmarks.md.
#
#   crates/kithkin/benches/web_wrk.sh
#
# Settings (environment): KITHKIN_BENCH_DB (default /var/tmp/web100k.db, generated when absent
# and reused after), PEOPLE (100000), THREADS (2), CONNECTIONS (64), DURATION (20s), WARMUP (5s),
# TIMEOUT (60s, wrk's per-request timeout). Each target is also measured with one connection.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/../../.."

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/tmp/kithkin-target}"
DB="${KITHKIN_BENCH_DB:-/var/tmp/web100k.db}"
PEOPLE="${PEOPLE:-100000}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-64}"
DURATION="${DURATION:-20s}"
WARMUP="${WARMUP:-5s}"
# wrk's default 2 s timeout drops slower answers from the latency figures: allow far more
TIMEOUT="${TIMEOUT:-60s}"

if ! command -v wrk >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y wrk \
    || { DEBIAN_FRONTEND=noninteractive apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y wrk; }
fi

echo "== release build"
cargo build --release -p kithkin
BIN="$CARGO_TARGET_DIR/release/kithkin"

# A marker beside the database says that `gen` finished; without it the file is made anew.
if [ ! -f "$DB.generated" ]; then
  echo "== generating $PEOPLE people into $DB (takes a minute or more)"
  rm -f "$DB" "$DB-wal" "$DB-shm" "$DB.calendar-token"
  time "$BIN" --db "$DB" gen --people "$PEOPLE"
  echo "$PEOPLE" > "$DB.generated"
else
  echo "== reusing $DB ($(cat "$DB.generated") people)"
fi

work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -INT "$server_pid"
    for _ in $(seq 1 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$server_pid" 2>/dev/null && kill -KILL "$server_pid"
  fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "== starting kithkin serve"
"$BIN" --db "$DB" serve --port 0 > "$work/serve.out" 2> "$work/serve.err" &
server_pid=$!
url=""
for _ in $(seq 1 300); do
  url="$(sed -n 's/^Kithkin at \(http:[^ ?]*\/\).*/\1/p' "$work/serve.out" | head -n1)"
  [ -n "$url" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.err" >&2; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { echo "kithkin serve printed no URL" >&2; exit 1; }
curl -fsS -o /dev/null "$url" || { echo "$url does not answer" >&2; exit 1; }
echo "serving $url (pid $server_pid)"

# Real ids, names and organisations from the database, through the API.
curl -fsS "${url}api/v1/people?limit=1000" > "$work/people.json"
python3 - "$work" <<'PY'
import json, random, sys, urllib.parse
work = sys.argv[1]
people = json.load(open(f"{work}/people.json"))["people"]
assert len(people) >= 100, f"only {len(people)} people"
with open(f"{work}/person.paths", "w") as f:
    for p in people:
        f.write(f"/people/{p['id']}\n")
rng = random.Random(7)
first = sorted({p["name"].split()[0] for p in people})
last = sorted({p["name"].split()[-1] for p in people})
orgs = sorted({p["organisation"] for p in people if p.get("organisation")})
full = [p["name"] for p in people]
terms = rng.sample(first, min(20, len(first))) + rng.sample(last, min(30, len(last))) \
    + rng.sample(orgs, min(30, len(orgs))) + rng.sample(full, 20)
with open(f"{work}/search.paths", "w") as f:
    for t in terms:
        f.write("/api/v1/people?q=" + urllib.parse.quote(t) + "\n")
print(f"{len(people)} person ids; {len(terms)} search terms, e.g. {', '.join(terms[::20])}")
PY

# every path answers 200 before load is put on them
for list in person search; do
  for p in $(shuf -n 5 --random-source=<(yes) "$work/$list.paths"); do
    code="$(curl -s -o /dev/null -w '%{http_code}' "${url%/}$p")"
    [ "$code" = 200 ] || { echo "GET $p answered $code" >&2; exit 1; }
  done
done

run() { # name, paths file
  local name="$1" paths="$2"
  WRK_PATHS="$paths" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" --timeout "$TIMEOUT" -s "$here/web_wrk.lua" "$url" > /dev/null
  echo "== $name: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --timeout $TIMEOUT --latency -s web_wrk.lua"
  WRK_PATHS="$paths" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout "$TIMEOUT" --latency -s "$here/web_wrk.lua" "$url" \
    | tee "$work/$name.out"
  grep '^RESULT' "$work/$name.out" | sed "s/^RESULT/$name (c$CONNECTIONS):/" >> "$work/summary"
  echo "== $name, one connection: wrk -t1 -c1 -d10s --timeout $TIMEOUT -s web_wrk.lua"
  WRK_PATHS="$paths" wrk -t1 -c1 -d10s --timeout "$TIMEOUT" -s "$here/web_wrk.lua" "$url" | tee "$work/$name-1.out"
  grep '^RESULT' "$work/$name-1.out" | sed "s/^RESULT/$name (c1):/" >> "$work/summary"
}

echo "== machine: $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
busy="$(pgrep -c -x rustc || true)"
[ "${busy:-0}" -gt 0 ] && echo "   ($busy rustc processes running: shared with other builds)"
run person-page "$work/person.paths"
run search-api "$work/search.paths"

if grep -qv ' non2xx=0 ' "$work/summary"; then
  echo "WARNING: some answers were not 2xx (non2xx above); the server said:" >&2
  sort "$work/serve.err" | uniq -c | sort -rn | head -n 5 >&2
fi
echo
echo "== summary ($(date -u +%Y-%m-%dT%H:%MZ), $PEOPLE people, -t$THREADS -c$CONNECTIONS -d$DURATION)"
cat "$work/summary"
