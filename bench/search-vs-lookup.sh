#!/usr/bin/env bash
# Searches must not starve lookups (DESIGN.md "Bad input and faults": bounded search queries). The real CMS
# HCPCS 2018 and 2019 releases published through `codeupdates serve` (Release build) on Azurite, then:
#   1. single dated lookups alone:   GET /api/codes/hcpcs/{code}?date=...  (wrk, 1 connection)
#   2. the same lookups while SEARCH_CONNECTIONS connections send the costliest searches the bounds allow:
#      16 one-letter words (the most words a query may have), any status, pages of 1,000; and empty
#      queries with pages of 1,000 (every code matches and is answered).
#   target: lookup p99 during the searches stays in single-digit milliseconds
# Also shows the issue's query (3,900 one-letter words) answered 400 with the limit.
# Options by environment: CMS_HCPCS (default ../shared/data/cms-hcpcs), DURATION (wrk seconds, 20),
# SEARCH_CONNECTIONS (8), NO_BUILD=1 to use the Release build in place, KEEP_LOGS=1 to keep the logs folder.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib/setup.sh
source "$REPO/bench/lib/setup.sh"
DURATION=${DURATION:-20}
SEARCH_CONNECTIONS=${SEARCH_CONNECTIONS:-8}
ensure_wrk
build_release
serve_cms_hcpcs
base=${API%/api}

say "The issue's query: 3,900 one-letter words"
MANY=$(node -e 'process.stdout.write(Array.from({ length: 3900 }, (_, i) => String.fromCharCode(97 + i % 26)).join("+"))')
curl -sS -o "$WORK/many.json" -w '%{http_code} %{content_type}\n' "$API/codes/hcpcs?q=$MANY"
json 'return data.detail' <"$WORK/many.json"

WORST=(
  "q=a+b+c+d+e+f+g+h+i+l+m+n+o+p+r+s&status=any&count=1000"
  "q=s+p+e+c+i+a+l+t+o+r+n+d+u+m+b+h&count=1000"
  "status=any&count=1000"
)
say "What the worst-case searches answer on 2019-06-01"
for query in "${WORST[@]}"; do
  printf '%-60s %s\n' "$query" "$(curl -sS -o /dev/null -w '%{http_code}, %{size_download} bytes, %{time_total} s' "$API/codes/hcpcs?$query&date=2019-06-01")"
done
wrk_random_items_script "$WORK/search.lua" "/api/codes/hcpcs?%s&date=%04d-%02d-%02d" "${WORST[@]}"
wrk_random_codes_script "$FILE_2019" "/api/codes/hcpcs/%s?date=%04d-%02d-%02d" "$WORK/lookup.lua"

# p50 / p90 / p99 of a wrk --latency report, and its requests per second.
latencies() { awk '$1 == "50%" || $1 == "90%" || $1 == "99%" { printf "%s%s", sep, $2; sep = " / " }' "$1"; }
rate() { awk '/^Requests\/sec:/ { print $2 }' "$1"; }

say "Lookups alone: wrk ${DURATION} s, 1 connection"
wrk -t 1 -c 1 -d 5s -s "$WORK/lookup.lua" "$base" >"$WORK/wrk-warmup.txt"
wrk -t 1 -c 1 -d "${DURATION}s" --latency -s "$WORK/lookup.lua" "$base" | tee "$WORK/alone.txt"

say "Lookups while $SEARCH_CONNECTIONS connections search: wrk ${DURATION} s each"
wrk -t 1 -c "$SEARCH_CONNECTIONS" -d "$((DURATION + 4))s" --latency -s "$WORK/search.lua" "$base" >"$WORK/search.txt" &
SEARCH_WRK=$!
sleep 2
wrk -t 1 -c 1 -d "${DURATION}s" --latency -s "$WORK/lookup.lua" "$base" | tee "$WORK/during.txt"
wait "$SEARCH_WRK"
cat "$WORK/search.txt"
SEARCH_NON2XX=$(awk '/Non-2xx/ { print $NF }' "$WORK/search.txt")

say "Summary ($(nproc) cores, $(dotnet --version) SDK, Release build; load average $(cut -d' ' -f1-3 /proc/loadavg))"
cat <<SUMMARY
lookups alone, 1 connection                     $(rate "$WORK/alone.txt") req/s, p50 / p90 / p99 $(latencies "$WORK/alone.txt")
lookups during the searches, 1 connection       $(rate "$WORK/during.txt") req/s, p50 / p90 / p99 $(latencies "$WORK/during.txt")
$(printf '%-48s' "worst-case searches, $SEARCH_CONNECTIONS connections")$(rate "$WORK/search.txt") req/s, p50 / p90 / p99 $(latencies "$WORK/search.txt")   non-2xx ${SEARCH_NON2XX:-0}
SUMMARY
