#!/usr/bin/env bash
# Times the stats queries on a million seeded scans of one link (30 days, Europe/Berlin, by day and by hour)
# and prints the query plans.   bench/http/stats.sh [sqlite|postgres] [scans, default 1000000]
set -euo pipefail
cd "$(dirname "$0")/../.."
mode="${1:-sqlite}"; count="${2:-1000000}"
work="$(mktemp -d)"; port="$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")"; pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; [[ -n "${pgbin:-}" ]] && runuser -u postgres -- "$pgbin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
dotnet build src/QrForge.Server -c Release -v q -nologo >/dev/null
export QrForge__Cleanup__Enabled=false Logging__LogLevel__Default=Warning Logging__Format=text
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
id="$(curl -sf "http://127.0.0.1:$port/api/v1/links" -H 'content-type: application/json' -d '{"destination":"https://example.com/"}' | sed -E 's/.*"id":"([^"]+)".*/\1/')"
tenant=00000000-0000-0000-0000-000000000001
# Scans every 2.592 s over October 2026 (30 days), four devices, five countries, 1 in 50 a bot, 50,000 visitors.
start=$(date +%s.%N)
if [[ "$mode" == postgres ]]; then
  sql "INSERT INTO scans SELECT ('00000000-0000-7000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, '$tenant', '$id',
         timestamptz '2026-10-01 00:00:00+00' + i * 2.592 * interval '1 second', CASE WHEN i % 3 = 0 THEN 'click' ELSE 'qr' END,
         (ARRAY['mobile','mobile','desktop','tablet'])[i % 4 + 1], (ARRAY['iOS','Android','Windows','macOS'])[i % 4 + 1],
         (ARRAY['Safari','Chrome','Edge','Firefox'])[i % 4 + 1], i % 50 = 0, CASE WHEN i % 5 = 0 THEN 'news.example' END,
         (ARRAY['DE','FR','US','AT','NL'])[i % 5 + 1], lpad(to_hex(i % 50000), 32, '0'), NULL
       FROM generate_series(0, $count - 1) i; ANALYZE scans;"
else
  uid="$(tr a-z A-Z <<<"$id")"
  sql "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $count - 1)
       INSERT INTO scans SELECT printf('00000000-0000-7000-8000-%012X', i), '$tenant', '$uid',
         strftime('%Y-%m-%d %H:%M:%f', '2026-10-01', '+' || (i * 2.592) || ' seconds'), CASE WHEN i % 3 = 0 THEN 'click' ELSE 'qr' END,
         CASE i % 4 WHEN 0 THEN 'mobile' WHEN 1 THEN 'mobile' WHEN 2 THEN 'desktop' ELSE 'tablet' END,
         CASE i % 4 WHEN 0 THEN 'iOS' WHEN 1 THEN 'Android' WHEN 2 THEN 'Windows' ELSE 'macOS' END,
         CASE i % 4 WHEN 0 THEN 'Safari' WHEN 1 THEN 'Chrome' WHEN 2 THEN 'Edge' ELSE 'Firefox' END,
         i % 50 = 0, CASE WHEN i % 5 = 0 THEN 'news.example' END,
         CASE i % 5 WHEN 0 THEN 'DE' WHEN 1 THEN 'FR' WHEN 2 THEN 'US' WHEN 3 THEN 'AT' ELSE 'NL' END, printf('%032x', i % 50000), NULL FROM n;
       ANALYZE;"
fi
printf 'mode=%s: seeded %s scans in %.1f s\n' "$mode" "$(sql 'SELECT count(*) FROM scans')" "$(echo "$(date +%s.%N) - $start" | bc)"
time_it() { # name, url: best and median of 5 after one warm-up
  curl -sf "$2" >/dev/null
  local t=(); for _ in 1 2 3 4 5; do t+=("$(curl -sf -o /dev/null -w '%{time_total}' "$2")"); done
  printf '%-44s best %6.0f ms  median %6.0f ms\n' "$1" "$(printf '%s\n' "${t[@]}" | sort -n | head -1 | awk '{print $1*1000}')" "$(printf '%s\n' "${t[@]}" | sort -n | sed -n 3p | awk '{print $1*1000}')"
}
base="http://127.0.0.1:$port/api/v1/links"
range="from=2026-10-01T00:00:00%2B02:00&to=2026-11-01T00:00:00%2B01:00&tz=Europe/Berlin"
time_it "link, 31 days by day (Europe/Berlin)" "$base/$id/stats?$range&interval=day"
time_it "link, 31 days by hour (745 buckets)" "$base/$id/stats?$range&interval=hour"
time_it "link, one day by hour" "$base/$id/stats?from=2026-10-25T00:00:00%2B02:00&to=2026-10-26T00:00:00%2B01:00&tz=Europe/Berlin&interval=hour"
time_it "tenant, 31 days by week" "$base/stats?$range&interval=week"
curl -sf "$base/$id/stats?$range&interval=day" | head -c 400; echo
echo "-- plans (series by day, then totals) --"
if [[ "$mode" == postgres ]]; then
  sql "EXPLAIN SELECT b.i - 1, count(*) FROM unnest(ARRAY(SELECT timestamptz '2026-09-30 22:00+00' + n * interval '1 day' FROM generate_series(0, 30) n), ARRAY(SELECT timestamptz '2026-10-01 22:00+00' + n * interval '1 day' FROM generate_series(0, 30) n)) WITH ORDINALITY AS b(s, e, i) JOIN scans sc ON sc.occurred_at >= b.s AND sc.occurred_at < b.e WHERE sc.link_id = '$id' AND sc.tenant_id = '$tenant' AND sc.is_bot = FALSE GROUP BY b.i"
  sql "EXPLAIN SELECT count(*), count(DISTINCT sc.visitor_hash) FROM scans sc WHERE sc.link_id = '$id' AND sc.tenant_id = '$tenant' AND sc.occurred_at >= '2026-09-30 22:00+00' AND sc.occurred_at < '2026-10-31 23:00+00'"
else
  sql "EXPLAIN QUERY PLAN WITH b AS (SELECT CAST(key AS INTEGER) AS i, json_extract(value, '\$[0]') AS s, json_extract(value, '\$[1]') AS e FROM json_each('[[\"2026-10-01 00:00:00\",\"2026-10-02 00:00:00\"]]')) SELECT b.i, COUNT(*) FROM b CROSS JOIN scans sc WHERE sc.occurred_at >= b.s AND sc.occurred_at < b.e AND sc.link_id = '$uid' AND sc.tenant_id = '$tenant' AND sc.is_bot = FALSE GROUP BY b.i"
  sql "EXPLAIN QUERY PLAN SELECT COUNT(*), COUNT(DISTINCT sc.visitor_hash) FROM scans sc WHERE sc.link_id = '$uid' AND sc.tenant_id = '$tenant' AND sc.occurred_at >= '2026-09-30 22:00:00' AND sc.occurred_at < '2026-10-31 23:00:00'"
fi
