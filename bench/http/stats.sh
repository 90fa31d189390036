#!/usr/bin/env bash
# Times the stats queries on a million seeded scans of one link (30 days, Europe/Berlin, by day and by hour)
# and prints the query plans.   bench/http/stats.sh [sqlite|postgres] [scans, default 1000000]
# The scans are seeded with SQL, so their quarter-hour roll-ups are rebuilt with the same SQL as the
# ScanRollups migration's backfill (ScanRollups.BackfillSql); a range off a quarter hour times the raw path.
set -euo pipefail
cd "$(dirname "$0")/../.."
mode="${1:-sqlite}"; count="${2:-1000000}"
work="$(mktemp -d)"; port="$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")"; pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; [[ -n "${pgbin:-}" ]] && runuser -u postgres -- "$pgbin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
dotnet build src/QrForge.Server -c Release -v q -nologo >/dev/null
export QRFORGE_BOOTSTRAP_ADMIN_EMAIL=bench@example.com QRFORGE_BOOTSTRAP_ADMIN_PASSWORD=bench-password-123
export QrForge__Edge__RateLimits__Enabled=false QrForge__Cleanup__Enabled=false Logging__LogLevel__Default=Warning Logging__Format=text
if [[ "$mode" == postgres ]]; then
  pgbin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  mkdir -p "$work/pg" && chown -R postgres:postgres "$work"
  runuser -u postgres -- "$pgbin/initdb" -D "$work/pg" -U postgres --auth=trust --no-sync >/dev/null
  runuser -u postgres -- "$pgbin/pg_ctl" -D "$work/pg" -o "-p 15433 -k $work -c listen_addresses=127.0.0.1" -l "$work/pg.log" -w start >/dev/null
  export QrForge__Database__Provider=postgres QrForge__Database__ConnectionString="Host=127.0.0.1;Port=15433;Username=postgres;Database=postgres"
  sql() { psql -h 127.0.0.1 -p 15433 -U postgres -d postgres -qtAc "$1"; }
else
  export QrForge__Database__ConnectionString="Data Source=$work/qrforge.db"
  sql() { sqlite3 "$work/qrforge.db" "$1"; }
fi
dotnet src/QrForge.Server/bin/Release/net10.0/QrForge.Server.dll --urls "http://127.0.0.1:$port" >"$work/server.log" 2>&1 & pids+=($!)
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
token="$(curl -sf "http://127.0.0.1:$port/api/v1/auth/login" -H 'content-type: application/json' \
  -d "{\"email\":\"$QRFORGE_BOOTSTRAP_ADMIN_EMAIL\",\"password\":\"$QRFORGE_BOOTSTRAP_ADMIN_PASSWORD\"}" | sed -E 's/.*"access_token":"([^"]+)".*/\1/')"
api() { curl -sf -H "authorization: Bearer $token" "$@"; }
id="$(api "http://127.0.0.1:$port/api/v1/links" -H 'content-type: application/json' -d '{"destination":"https://example.com/","tags":["bench"]}' | sed -E 's/.*"id":"([^"]+)".*/\1/')"
if [[ "$mode" == postgres ]]; then tenant="$(sql "SELECT tenant_id FROM links WHERE id = '$id'")"; else tenant="$(sql "SELECT lower(tenant_id) FROM links WHERE id = upper('$id')")"; fi
# The roll-ups of the seeded scans: the SQL of ScanRollups.BackfillSql (the migration's backfill).
backfill() {
  local q human
  if [[ "$1" == true ]]; then q="date_bin(interval '15 minutes', occurred_at, timestamptz '2000-01-01 00:00:00+00')"; human="NOT is_bot"
  else q="substr(occurred_at, 1, 14) || printf('%02d', CAST(substr(occurred_at, 15, 2) AS INTEGER) / 15 * 15) || ':00'"; human="is_bot = 0"; fi
  local parts="SELECT link_id, 'bot' AS dimension, $q AS bucket_start, '' AS value, tenant_id FROM scans WHERE NOT ($human)" d
  for d in scan:source device:device os:os browser:browser referrer:referrer_host country:country; do
    parts+=" UNION ALL SELECT link_id, '${d%%:*}' AS dimension, $q AS bucket_start, ${d#*:} AS value, tenant_id FROM scans WHERE $human AND ${d#*:} IS NOT NULL"
  done
  local none p; if [[ "$1" == true ]]; then none="timestamptz '1970-01-01 00:00:00+00'"; else none="'1970-01-01 00:00:00'"; fi
  # ... and VisitorRollups.BackfillSql: each visitor's distinct quarter hours per link, with the previous one.
  p="WITH p AS (SELECT DISTINCT link_id, tenant_id, visitor_hash, $q AS q FROM scans WHERE $human) "
  echo "DELETE FROM visitor_rollups; DELETE FROM visitor_last_seen; $p INSERT INTO visitor_rollups (link_id, bucket_start, previous_start, tenant_id, count) SELECT link_id, q, previous, tenant_id, COUNT(*) FROM (SELECT link_id, tenant_id, q, COALESCE(LAG(q) OVER (PARTITION BY link_id, visitor_hash ORDER BY q), $none) AS previous FROM p) AS x GROUP BY link_id, q, previous, tenant_id; $p INSERT INTO visitor_last_seen (link_id, visitor_hash, tenant_id, last_start) SELECT link_id, visitor_hash, tenant_id, MAX(q) FROM p GROUP BY link_id, visitor_hash, tenant_id;"
  echo "DELETE FROM scan_rollups; INSERT INTO scan_rollups (link_id, dimension, bucket_start, value, tenant_id, count) SELECT link_id, dimension, bucket_start, value, tenant_id, COUNT(*) FROM ($parts) AS x GROUP BY link_id, dimension, bucket_start, value, tenant_id;"
}
# Scans every 2.592 s over October 2026 (30 days), four devices, five countries, 1 in 50 a bot, 50,000 visitors.
start=$(date +%s.%N)
if [[ "$mode" == postgres ]]; then
  sql "INSERT INTO scans SELECT ('00000000-0000-7000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, '$tenant', '$id',
         timestamptz '2026-10-01 00:00:00+00' + i * 2.592 * interval '1 second', CASE WHEN i % 3 = 0 THEN 'click' ELSE 'qr' END,
         (ARRAY['mobile','mobile','desktop','tablet'])[i % 4 + 1], (ARRAY['iOS','Android','Windows','macOS'])[i % 4 + 1],
         (ARRAY['Safari','Chrome','Edge','Firefox'])[i % 4 + 1], i % 50 = 0, CASE WHEN i % 5 = 0 THEN 'news.example' END,
         (ARRAY['DE','FR','US','AT','NL'])[i % 5 + 1], lpad(to_hex(i % 50000), 32, '0'), NULL
       FROM generate_series(0, $count - 1) i; $(backfill true)"
  # VACUUM sets the visibility map, which index-only scans need (autovacuum does this on a live server).
  sql "VACUUM ANALYZE scans"; sql "VACUUM ANALYZE scan_rollups"; sql "VACUUM ANALYZE visitor_rollups"
else
  uid="$(tr a-z A-Z <<<"$id")"; utenant="$(tr a-z A-Z <<<"$tenant")"
  sql "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $count - 1)
       INSERT INTO scans SELECT printf('00000000-0000-7000-8000-%012X', i), '$utenant', '$uid',
         strftime('%Y-%m-%d %H:%M:%f', '2026-10-01', '+' || (i * 2.592) || ' seconds'), CASE WHEN i % 3 = 0 THEN 'click' ELSE 'qr' END,
         CASE i % 4 WHEN 0 THEN 'mobile' WHEN 1 THEN 'mobile' WHEN 2 THEN 'desktop' ELSE 'tablet' END,
         CASE i % 4 WHEN 0 THEN 'iOS' WHEN 1 THEN 'Android' WHEN 2 THEN 'Windows' ELSE 'macOS' END,
         CASE i % 4 WHEN 0 THEN 'Safari' WHEN 1 THEN 'Chrome' WHEN 2 THEN 'Edge' ELSE 'Firefox' END,
         i % 50 = 0, CASE WHEN i % 5 = 0 THEN 'news.example' END,
         CASE i % 5 WHEN 0 THEN 'DE' WHEN 1 THEN 'FR' WHEN 2 THEN 'US' WHEN 3 THEN 'AT' ELSE 'NL' END, printf('%032x', i % 50000), NULL FROM n;
       $(backfill false) ANALYZE;"
fi
printf 'mode=%s: seeded %s scans (%s roll-up rows, %s visitor roll-up rows) in %.1f s\n' "$mode" "$(sql 'SELECT count(*) FROM scans')" "$(sql 'SELECT count(*) FROM scan_rollups')" "$(sql 'SELECT count(*) FROM visitor_rollups')" "$(echo "$(date +%s.%N) - $start" | bc)"
time_it() { # name, url: best and median of 5 after one warm-up
  api "$2" >/dev/null
  local t=(); for _ in 1 2 3 4 5; do t+=("$(api -o /dev/null -w '%{time_total}' "$2")"); done
  printf '%-44s best %6.0f ms  median %6.0f ms\n' "$1" "$(printf '%s\n' "${t[@]}" | sort -n | head -1 | awk '{print $1*1000}')" "$(printf '%s\n' "${t[@]}" | sort -n | sed -n 3p | awk '{print $1*1000}')"
}
base="http://127.0.0.1:$port/api/v1/links"
range="from=2026-10-01T00:00:00%2B02:00&to=2026-11-01T00:00:00%2B01:00&tz=Europe/Berlin"
time_it "link, 31 days by day (Europe/Berlin)" "$base/$id/stats?$range&interval=day"
time_it "link, 31 days by day (Asia/Kolkata)" "$base/$id/stats?from=2026-10-01T00:00:00%2B05:30&to=2026-11-01T00:00:00%2B05:30&tz=Asia/Kolkata&interval=day"
time_it "tag, 31 days by day" "$base/stats?$range&interval=day&tag=bench"
time_it "tenant, 31 days by day" "$base/stats?$range&interval=day"
time_it "link, 31 days by hour (745 buckets)" "$base/$id/stats?$range&interval=hour"
time_it "link, one day by hour" "$base/$id/stats?from=2026-10-25T00:00:00%2B02:00&to=2026-10-26T00:00:00%2B01:00&tz=Europe/Berlin&interval=hour"
time_it "tenant, 31 days by week" "$base/stats?$range&interval=week"
time_it "link, 31 days by day, raw (from off a quarter)" "$base/$id/stats?from=2026-10-01T00:00:01%2B02:00&to=2026-11-01T00:00:00%2B01:00&tz=Europe/Berlin&interval=day"
api "$base/$id/stats?$range&interval=day" | head -c 400; echo
echo "-- plans: roll-up series, roll-up tops, visitor roll-ups --"
if [[ "$mode" == postgres ]]; then
  sql "EXPLAIN SELECT r.dimension, r.bucket_start, r.value, SUM(r.count) FROM scan_rollups r WHERE r.link_id = '$id' AND r.tenant_id = '$tenant' AND r.bucket_start >= '2026-09-30 22:00+00' AND r.bucket_start < '2026-10-31 23:00+00' AND r.dimension IN ('scan', 'bot') GROUP BY r.dimension, r.bucket_start, r.value"
  sql "EXPLAIN SELECT r.dimension, r.value, SUM(r.count) AS n FROM scan_rollups r WHERE r.link_id = '$id' AND r.tenant_id = '$tenant' AND r.bucket_start >= '2026-09-30 22:00+00' AND r.bucket_start < '2026-10-31 23:00+00' AND r.dimension IN ('device', 'os', 'browser', 'referrer', 'country') GROUP BY r.dimension, r.value ORDER BY r.dimension, n DESC, r.value"
  sql "EXPLAIN SELECT v.bucket_start, v.previous_start, v.count FROM visitor_rollups v WHERE v.link_id = '$id' AND v.tenant_id = '$tenant' AND v.bucket_start >= '2026-09-30 22:00+00' AND v.bucket_start < '2026-10-31 23:00+00'"
  echo "-- raw unique visitors (tag scope and the fallback): total, then per day --"
  sql "EXPLAIN SELECT COUNT(*) FROM (SELECT DISTINCT sc.visitor_hash FROM scans sc WHERE sc.link_id = '$id' AND sc.tenant_id = '$tenant' AND sc.occurred_at >= '2026-09-30 22:00+00' AND sc.occurred_at < '2026-10-31 23:00+00' AND sc.is_bot = FALSE) AS v"
  sql "EXPLAIN SELECT i - 1, count(*) FROM (SELECT DISTINCT b.i, sc.visitor_hash FROM unnest(ARRAY(SELECT timestamptz '2026-09-30 22:00+00' + n * interval '1 day' FROM generate_series(0, 30) n), ARRAY(SELECT timestamptz '2026-10-01 22:00+00' + n * interval '1 day' FROM generate_series(0, 30) n)) WITH ORDINALITY AS b(s, e, i) JOIN scans sc ON sc.occurred_at >= b.s AND sc.occurred_at < b.e WHERE sc.link_id = '$id' AND sc.tenant_id = '$tenant' AND sc.is_bot = FALSE) AS v GROUP BY i"
else
  sql "EXPLAIN QUERY PLAN SELECT r.dimension, r.bucket_start, r.value, SUM(r.count) FROM scan_rollups r WHERE r.link_id = '$uid' AND r.tenant_id = '$utenant' AND r.bucket_start >= '2026-09-30 22:00:00' AND r.bucket_start < '2026-10-31 23:00:00' AND r.dimension IN ('scan', 'bot') GROUP BY r.dimension, r.bucket_start, r.value"
  sql "EXPLAIN QUERY PLAN SELECT r.dimension, r.value, SUM(r.count) AS n FROM scan_rollups r WHERE r.link_id = '$uid' AND r.tenant_id = '$utenant' AND r.bucket_start >= '2026-09-30 22:00:00' AND r.bucket_start < '2026-10-31 23:00:00' AND r.dimension IN ('device', 'os', 'browser', 'referrer', 'country') GROUP BY r.dimension, r.value ORDER BY r.dimension, n DESC, r.value"
  sql "EXPLAIN QUERY PLAN SELECT v.bucket_start, v.previous_start, v.count FROM visitor_rollups v WHERE v.link_id = '$uid' AND v.tenant_id = '$utenant' AND v.bucket_start >= '2026-09-30 22:00:00' AND v.bucket_start < '2026-10-31 23:00:00'"
  echo "-- raw unique visitors (tag scope and the fallback): total, then per day --"
  sql "EXPLAIN QUERY PLAN SELECT COUNT(*) FROM (SELECT DISTINCT sc.visitor_hash FROM scans sc WHERE sc.link_id = '$uid' AND sc.tenant_id = '$utenant' AND sc.occurred_at >= '2026-09-30 22:00:00' AND sc.occurred_at < '2026-10-31 23:00:00' AND sc.is_bot = FALSE)"
  sql "EXPLAIN QUERY PLAN WITH b AS (SELECT CAST(key AS INTEGER) AS i, json_extract(value, '\$[0]') AS s, json_extract(value, '\$[1]') AS e FROM json_each('[[\"2026-10-01 00:00:00\",\"2026-10-02 00:00:00\"]]')) SELECT i, COUNT(*) FROM (SELECT DISTINCT b.i, sc.visitor_hash FROM b CROSS JOIN scans sc WHERE sc.occurred_at >= b.s AND sc.occurred_at < b.e AND sc.link_id = '$uid' AND sc.tenant_id = '$utenant' AND sc.is_bot = FALSE) GROUP BY i"
fi
