#!/usr/bin/env bash
# Search benchmark (DESIGN.md "Performance": a word search under 20 ms): the real CMS HCPCS 2018 and 2019
# releases published through `codeupdates serve` (Release build) on Azurite, then one-word searches
#   GET /api/codes/hcpcs?q={word}&date={date}  (first 50 matches as lookup answers, and the total)
# under wrk, each request a word drawn from a list of common HCPCS words and a date in 2018..2019.
#   target: p99 < 20 ms
# Options by environment: CMS_HCPCS (default ../shared/data/cms-hcpcs), DURATION (wrk seconds, 20),
# CONNECTIONS (4), THREADS (1), NO_BUILD=1 to use the Release build in place, KEEP_LOGS=1 to keep the logs folder.
# Besides wrk's latencies it prints serve's CPU time per search (from /proc), a figure that holds even
# when other processes share the cores and stretch the wall-clock latencies.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib/setup.sh
source "$REPO/bench/lib/setup.sh"
wrk_settings 20 4 1

build_release
serve_cms_hcpcs

WORDS=(wheelchair catheter injection oxygen infusion dressing orthosis prosthetic battery supply brace ambulance mask glucose walker)
say "What the words find on 2019-06-01 (valid codes)"
for word in "${WORDS[@]}"; do
  printf '%-12s %s codes\n' "$word" "$(curl -fsS "$API/codes/hcpcs?q=$word&date=2019-06-01&count=0" | json 'return data.total')"
done

wrk_random_items_script "$WORK/search.lua" "/api/codes/hcpcs?q=%s&date=%04d-%02d-%02d" "${WORDS[@]}"
base=${API%/api}
say "One-word searches: wrk ${DURATION} s, $THREADS thread(s), $CONNECTIONS connections"
wrk -t "$THREADS" -c "$CONNECTIONS" -d 5s -s "$WORK/search.lua" "$base" >"$WORK/wrk-warmup.txt"
SERVE_PID=${STARTED_PIDS[-1]}
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$SERVE_PID/stat"; }
ticks_before=$(cpu_ticks)
wrk -t "$THREADS" -c "$CONNECTIONS" -d "${DURATION}s" --latency -s "$WORK/search.lua" "$base" | tee "$WORK/wrk.txt"
ticks_after=$(cpu_ticks)
REQUESTS=$(awk '/requests in/ { print $1 }' "$WORK/wrk.txt")
CPU_MS=$(awk -v t=$((ticks_after - ticks_before)) -v hz="$(getconf CLK_TCK)" -v n="$REQUESTS" 'BEGIN { printf "%.2f", t * 1000 / hz / n }')
LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
RPS=$(awk '/^Requests\/sec:/ { print $2 }' "$WORK/wrk.txt")
LAT=$(awk '$1 == "50%" || $1 == "90%" || $1 == "99%" { printf "%s%s", sep, $2; sep = " / " }' "$WORK/wrk.txt")
NON2XX=$(awk '/Non-2xx/ { print $NF }' "$WORK/wrk.txt")
BYTES=$(curl -fsS -o /dev/null -w '%{size_download}' "$API/codes/hcpcs?q=wheelchair&date=2019-06-01")

say "Summary ($(nproc) cores, $(dotnet --version) SDK, Release build)"
cat <<SUMMARY
one-word search, wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s   ${RPS} req/s
  latency p50 / p90 / p99                 ${LAT}   target p99 < 20 ms
  serve's CPU time per search             ${CPU_MS} ms (load average during the run: ${LOAD})
  non-2xx responses                       ${NON2XX:-0}
  a page of 50 answers (wheelchair)       ${BYTES} bytes of JSON
SUMMARY
