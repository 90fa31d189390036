#!/usr/bin/env bash
# The malformed-input campaign at full count (issue 12): every operation of /openapi/v1.json, COUNT malformed
# requests per operation and identity (anonymous, admin), on SQLite and PostgreSQL, against the service on Kestrel.
# Prints one line per database: operations, requests, 5xx answers, answers over 2 s, slowest ms, statuses.
# The figures go into docs/security.md ("The malformed-input campaign").
#   bench/campaign.sh            # 200 per operation and identity
#   COUNT=500 bench/campaign.sh
set -euo pipefail
cd "$(dirname "$0")/.."
report="$(mktemp)"
dotnet build tests/QrForge.Server.Tests -c Release >/dev/null
QRFORGE_CAMPAIGN_COUNT="${COUNT:-200}" QRFORGE_CAMPAIGN_REPORT="$report" \
  dotnet test tests/QrForge.Server.Tests -c Release --no-build --filter "FullyQualifiedName~MalformedInputCampaign" || status=$?
printf 'database\toperations\trequests\t5xx\tover_2s\tslowest_ms\tstatuses\n'
cat "$report"
rm -f "$report"
exit "${status:-0}"
