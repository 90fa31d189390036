#!/usr/bin/env bash
# Signed passes over HTTP: issues N passes (default 25,000), warms their images, then load-tests verification,
# check-in and the cached pass image with wrk.
#   bench/http/passes.sh [sqlite|postgres] [passes, default 25000] [duration, default 15s] [connections, default 64]
# Starts its own server (Release, port 18081) and, for postgres, a throw-away cluster and redis-server.
set -euo pipefail
cd "$(dirname "$0")/../.."
mode="${1:-sqlite}"; count="${2:-25000}"; duration="${3:-15s}"; conns="${4:-64}"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 2; }
command -v jq >/dev/null || { echo "jq is needed: apt-get install jq" >&2; exit 2; }
work="$(mktemp -d)"; port=18081; pids=(); base="http://127.0.0.1:$port"
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; [[ -n "${pgbin:-}" ]] && runuser -u postgres -- "$pgbin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

dotnet build src/QrForge.Server -c Release -v q -nologo >/dev/null
export QrForge__Cleanup__Enabled=false Logging__LogLevel__Default=Warning Logging__Format=text
# The first admin, made at start; the script signs in with it. wrk is one principal far above any per-client limit:
# the limiter still counts (its cost is included) but never refuses.
export QRFORGE_BOOTSTRAP_ADMIN_EMAIL=bench@example.com QRFORGE_BOOTSTRAP_ADMIN_PASSWORD=bench-password-123
export QrForge__Edge__RateLimits__Authenticated__PermitLimit=1000000000 QrForge__Edge__RateLimits__Anonymous__PermitLimit=1000000000
if [[ "$mode" == postgres ]]; then
  pgbin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  mkdir -p "$work/pg" && chown -R postgres:postgres "$work"
  runuser -u postgres -- "$pgbin/initdb" -D "$work/pg" -U postgres --auth=trust --no-sync >/dev/null
  runuser -u postgres -- "$pgbin/pg_ctl" -D "$work/pg" -o "-p 15433 -k $work -c listen_addresses=127.0.0.1 -c max_connections=200" -l "$work/pg.log" -w start >/dev/null
  redis-server --port 16380 --save "" --appendonly no --daemonize no >/dev/null & pids+=($!)
  export QrForge__Database__Provider=postgres QrForge__Database__ConnectionString="Host=127.0.0.1;Port=15433;Username=postgres;Database=postgres;Maximum Pool Size=100" QrForge__Redis__Configuration=127.0.0.1:16380
else
  export QrForge__Database__ConnectionString="Data Source=$work/qrforge.db"
fi
dotnet src/QrForge.Server/bin/Release/net10.0/QrForge.Server.dll --urls "$base" >"$work/server.log" 2>&1 & pids+=($!)
for _ in $(seq 100); do curl -sf "$base/health" >/dev/null && break; sleep 0.2; done

token="$(curl -sf "$base/api/v1/auth/login" -H 'content-type: application/json' \
  -d "{\"email\":\"$QRFORGE_BOOTSTRAP_ADMIN_EMAIL\",\"password\":\"$QRFORGE_BOOTSTRAP_ADMIN_PASSWORD\"}" | jq -r .access_token)"
auth="authorization: Bearer $token"
curl() { command curl -H "$auth" "$@"; }
post() { curl -sf "$base$1" -H 'content-type: application/json' -d "$2"; }
event="$(post /api/v1/events '{"name":"bench","starts_at":"2020-01-01T00:00:00Z","ends_at":"2100-01-01T00:00:00Z","checkpoints":["gate-a","gate-b"]}' | jq -r .id)"
subject="$(post /api/v1/subjects '{"kind":"student","external_id":"bench-1","name":"Bench"}' | jq -r .id)"

# Issue the passes with wrk: each of two threads stops after count/2 answers.
cat >"$work/issue.lua" <<LUA
wrk.method = "POST"; wrk.headers["Content-Type"] = "application/json"; wrk.headers["Authorization"] = "Bearer $token"
wrk.body = '{"event_id":"$event","subject_id":"$subject"}'
local n = 0
function response(status) n = n + 1; if n >= $((count / 2)) then wrk.thread:stop() end end
LUA
# wrk sleeps for its whole duration even when every thread has stopped, so it is stopped once the rows exist.
issued() { if [[ "$mode" == postgres ]]; then psql -h 127.0.0.1 -p 15433 -U postgres -tAc "select count(*) from passes"; else sqlite3 "$work/qrforge.db" "select count(*) from passes"; fi; }
start=$(date +%s.%N)
wrk -t2 -c8 -d10m -s "$work/issue.lua" "$base/api/v1/passes" >/dev/null & wrkpid=$!; pids+=($wrkpid)
while (( $(issued) < count )); do sleep 0.2; done
kill "$wrkpid" 2>/dev/null || true
echo "issued $count passes in $(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"

job="$(curl -sf -X POST "$base/api/v1/events/$event/warm" | jq -r .id)"
while :; do
  status="$(curl -sf "$base/api/v1/events/$event/warm/$job")"
  [[ "$(jq -r .state <<<"$status")" != running ]] && break
  sleep 0.1
done
echo "warm: $(jq -c '{state, total, done, failed, rate_per_second, started_at, finished_at}' <<<"$status")"

# Tokens for the load: 2,000 passes of the event (10 pages), so concurrent scans rarely hit the same pass.
cursor=""
for _ in $(seq 10); do
  page="$(curl -sf "$base/api/v1/passes?event_id=$event&limit=200${cursor:+&cursor=$cursor}")"
  jq -r '.items[].token' <<<"$page" >>"$work/tokens.txt"
  cursor="$(jq -r '.next_cursor // empty' <<<"$page")"; [[ -z "$cursor" ]] && break
done
pass="$(curl -sf "$base/api/v1/passes?event_id=$event&limit=1" | jq -r '.items[0].id')"
pass_token="$(head -1 "$work/tokens.txt")"
cat >"$work/verify.lua" <<LUA
wrk.method = "POST"; wrk.headers["Content-Type"] = "application/json"; wrk.headers["Authorization"] = "Bearer $token"
wrk.body = '{"token":"$pass_token"}'
LUA
{
  echo 'local tokens = {}'
  echo "local auth = \"Bearer $token\""
  while read -r t; do echo "tokens[#tokens + 1] = \"$t\""; done <"$work/tokens.txt"
  cat <<'LUA'
local threads = 0
function setup(thread) threads = threads + 1; thread:set("id", os.time() .. "-" .. threads) end -- the warm-up run has other ids
local counter = 0
local dirs = { "in", "out" }
request = function()
  counter = counter + 1 -- nonces: run, thread and counter, unique (every thread's Lua state has the same random sequence)
  local body = string.format('{"token":"%s","checkpoint":"gate-a","direction":"%s","nonce":"%s-%d"}',
    tokens[math.random(#tokens)], dirs[math.random(2)], id, counter)
  return wrk.format("POST", "/api/v1/checkins", { ["Content-Type"] = "application/json", ["Authorization"] = auth }, body)
end
LUA
} >"$work/checkin.lua"

run() { # name, wrk args...
  local name="$1"; shift
  wrk -t2 -c"$conns" -d3s "$@" >/dev/null # warm-up: JIT tiers, pools, caches
  local out; out="$(wrk -t2 -c"$conns" -d"$duration" --latency "$@")"
  printf '%-28s %12s req/s   p50 %s   p99 %s\n' "$name" "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" "$(awk '$1=="50%" {print $2}' <<<"$out")" "$(awk '$1=="99%" {print $2}' <<<"$out")"
}
echo "mode=$mode duration=$duration connections=$conns ($(nproc) cores, server and wrk on the same machine)"
curl -s "$base/api/v1/checkins" -H "content-type: application/json" -d "{\"token\":\"$pass_token\",\"checkpoint\":\"gate-a\",\"direction\":\"in\",\"nonce\":\"probe-1\"}"; echo
run "cached pass image GET" -H "$auth" "$base/api/v1/passes/$pass/image.png"
run "POST /passes/verify" -s "$work/verify.lua" "$base/api/v1/passes/verify"
run "POST /checkins" -s "$work/checkin.lua" "$base"
echo "server log (first error):"; grep -m 1 -A 4 -E "^fail:" "$work/server.log" || echo none
