#!/usr/bin/env bash
# Load-tests the service with wrk on the embedded default (SQLite) or on PostgreSQL + Redis.
#   bench/http/run.sh [sqlite|postgres] [duration, default 15s] [connections, default 64] [all|redirect]
#   ROWS=bare,image bench/http/run.sh …   runs only some rows (bare, image, generate, render)
# `redirect` runs only the bare endpoint and GET /r/{slug}, then stops the service gracefully and counts the
# scans written against the redirects served (zero lost is the aim).
# Starts its own server (Release, port 18080) and, for postgres, a throw-away cluster and redis-server.
set -euo pipefail
cd "$(dirname "$0")/../.."
mode="${1:-sqlite}"; duration="${2:-15s}"; conns="${3:-64}"; suite="${4:-all}"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 2; }
work="$(mktemp -d)"; port=18080; pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; [[ -n "${pgbin:-}" ]] && runuser -u postgres -- "$pgbin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

dotnet build src/QrForge.Server -c Release -v q -nologo >/dev/null
# The first admin, made at start: the script signs in with it to create what it measures.
export QRFORGE_BOOTSTRAP_ADMIN_EMAIL=bench@example.com QRFORGE_BOOTSTRAP_ADMIN_PASSWORD=bench-password-123
export QrForge__Benchmark__BareEndpoint=true QrForge__Cleanup__Enabled=false Logging__LogLevel__Default=Warning Logging__Format=text
# wrk is one client (127.0.0.1) at tens of thousands of requests per second, far above any per-client limit: the
# limiter still counts every request (its cost is measured) but never refuses. Set the variable to measure 429s,
# or QrForge__Edge__RateLimits__Enabled=false to take the limiter out.
export QrForge__Edge__RateLimits__Anonymous__PermitLimit="${QrForge__Edge__RateLimits__Anonymous__PermitLimit:-1000000000}"
if [[ "$mode" == postgres ]]; then
  pgbin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  mkdir -p "$work/pg" && chown -R postgres:postgres "$work"
  runuser -u postgres -- "$pgbin/initdb" -D "$work/pg" -U postgres --auth=trust --no-sync >/dev/null
  runuser -u postgres -- "$pgbin/pg_ctl" -D "$work/pg" -o "-p 15432 -k $work -c listen_addresses=127.0.0.1 -c max_connections=200" -l "$work/pg.log" -w start >/dev/null
  redis-server --port 16379 --save "" --appendonly no --daemonize no >/dev/null & pids+=($!)
  export QrForge__Database__Provider=postgres QrForge__Database__ConnectionString="Host=127.0.0.1;Port=15432;Username=postgres;Database=postgres;Maximum Pool Size=100" QrForge__Redis__Configuration=127.0.0.1:16379
else
  export QrForge__Database__ConnectionString="Data Source=$work/qrforge.db"
fi
dotnet src/QrForge.Server/bin/Release/net10.0/QrForge.Server.dll --urls "http://127.0.0.1:$port" >"$work/server.log" 2>&1 & server=$!; pids+=($server)
# CPU time the server process used (user + system, in clock ticks): CPU per request holds up on a busy machine
# far better than requests per second do.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
hz="$(getconf CLK_TCK)"
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
token="$(curl -sf "http://127.0.0.1:$port/api/v1/auth/login" -H 'content-type: application/json' \
  -d "{\"email\":\"$QRFORGE_BOOTSTRAP_ADMIN_EMAIL\",\"password\":\"$QRFORGE_BOOTSTRAP_ADMIN_PASSWORD\"}" | sed -E 's/.*"access_token":"([^"]+)".*/\1/')"
api() { curl -sf -H "authorization: Bearer $token" -H 'content-type: application/json' "$@"; }
id="$(api "http://127.0.0.1:$port/api/v1/codes" -d '{"data":"https://qr.example.com/r/bench"}' | sed -E 's/.*"id":"([^"]+)".*/\1/')"
image="http://127.0.0.1:$port/api/v1/codes/$id/image.png"
curl -sf "$image" >/dev/null

rows=",${ROWS:-bare,image,generate,render},"
run() { # row, name, wrk args...
  [[ "$rows" == *",$1,"* ]] || return 0
  shift
  local name="$1"; shift
  wrk -t2 -c"$conns" -d3s "$@" >/dev/null # warm-up: JIT tiers, pools, caches
  local before; before="$(cpu_ticks)"
  local out; out="$(wrk -t2 -c"$conns" -d"$duration" --latency "$@")"
  local after; after="$(cpu_ticks)"
  local requests; requests="$(awk '/requests in/ {print $1}' <<<"$out")"
  printf '%-28s %12s req/s   p99 %-9s server CPU %6.1f µs/req\n' "$name" "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" \
    "$(awk '$1=="99%" {print $2}' <<<"$out")" "$(awk -v t=$((after - before)) -v hz="$hz" -v n="$requests" 'BEGIN {print t / hz * 1e6 / n}')"
  if grep -q 'Non-2xx' <<<"$out"; then echo "  (some responses were not 2xx/3xx: $(awk '/Non-2xx/ {print $NF}' <<<"$out"))"; fi
}
echo "mode=$mode duration=$duration connections=$conns ($(nproc) cores, server and wrk on the same machine)"
run bare "bare 500-byte endpoint" "http://127.0.0.1:$port/bench/bare"
if [[ "$suite" == redirect ]]; then
  link="$(api "http://127.0.0.1:$port/api/v1/links" -d '{"destination":"https://example.com/landing"}')"
  slug="$(sed -E 's/.*"slug":"([^"]+)".*/\1/' <<<"$link")"
  rows=",redirect,"
  run redirect "GET /r/{slug} (scan recorded)" -s bench/http/redirect.lua "http://127.0.0.1:$port/r/$slug?qr"
  served="$(curl -sf "http://127.0.0.1:$port/metrics" | awk '/^qrforge_links_redirects_total.*result="redirect"/ {print $2}')"
  dropped="$(curl -sf "http://127.0.0.1:$port/metrics" | awk '/^qrforge_scans_dropped_total/ {s+=$2} END {print s+0}')"
  kill -TERM "$server"; wait "$server" || true # graceful stop: the scan queue is flushed
  if [[ "$mode" == postgres ]]; then
    written="$(psql -h 127.0.0.1 -p 15432 -U postgres -d postgres -tAc 'SELECT count(*) FROM scans')"
  else
    written="$(sqlite3 "$work/qrforge.db" 'SELECT count(*) FROM scans')"
  fi
  echo "redirects served $served, scans written $written, dropped $dropped, lost $((served - written))"
  grep -iE -A3 "flushed|fail:|timed out|exception" "$work/server.log" | cut -c1-300 | tail -12 || true
  exit 0
fi
run image "cached image GET" "$image"
run generate "POST /generate" -s bench/http/generate.lua "http://127.0.0.1:$port"
run render "GET /api/v1/render" -s bench/http/render.lua "http://127.0.0.1:$port"
