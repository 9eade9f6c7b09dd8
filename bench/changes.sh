#!/usr/bin/env bash
# Span benchmark (DESIGN.md "Changes across any span" and "The whole code set on a date"): the real CMS HCPCS
# 2019 (.txt) and October 2025 (.xlsx) releases ingested into Azurite through `codeupdates serve` (Release build), then
#   GET /api/changes/hcpcs?from=2019-01-01&to=2025-11-01 (the whole set)   target < 100 ms
#   POST /api/changes/hcpcs with a 100,000-code list (text/plain)          target < 1 s
#   GET /api/code-sets/hcpcs/2025-11-01?format=xlsx                       target < 1 s
#   serve's working set before and after 1,000 span calls                 target: flat
# and prints the net change counts for 2019-01-01 -> 2025-11-01.
# Options by environment: CMS_HCPCS (default ../shared/data/cms-hcpcs), RUNS (20), CALLS (1000), NO_BUILD=1, KEEP_LOGS=1.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib/setup.sh
source "$REPO/bench/lib/setup.sh"
RUNS=${RUNS:-20}
CALLS=${CALLS:-1000}
FILE_2025=$CMS/2025/HCPC2025_OCT_ANWEB.xlsx
[[ -f $FILE_2025 ]] || die "the CMS October 2025 workbook is not in $CMS (set CMS_HCPCS)"

build_release
start_stack 7080
SERVE_PID=${STARTED_PIDS[-1]}

say "Publishing HCPCS 2019 (.txt) and October 2025 (.xlsx)"
codeupdates drop "$FILE_2019" --system hcpcs --effective 2019-01-01 >/dev/null
codeupdates drop "$FILE_2025" --system hcpcs --effective 2025-10-01 >/dev/null
start=$(date +%s)
until [[ $(releases_json | json "return data.releases.filter(r => r.system === 'hcpcs' && r.status === 'published').length") == 2 ]]; do
  (($(date +%s) - start < 300)) || die "the two releases were not published within 300 s: $(releases_json)"
  sleep 0.2
done

SPAN="$API/changes/hcpcs?from=2019-01-01&to=2025-11-01"

# Runs curl with the given arguments RUNS times (after 2 warm-up calls); prints "min median p95" in ms.
timed() {
  local times=$WORK/times.txt status seconds
  curl -sS -o "$WORK/out" "$@" && curl -sS -o "$WORK/out" "$@"
  : >"$times"
  for _ in $(seq "$RUNS"); do
    read -r status seconds < <(curl -sS -o "$WORK/out" -w '%{http_code} %{time_total}\n' "$@")
    [[ $status == 200 ]] || die "$* answered $status: $(head -c 300 "$WORK/out")"
    echo "$seconds" >>"$times"
  done
  sort -g "$times" | awk '{ t[NR] = $1 * 1000 } END {
    p95 = int(NR * 0.95 + 0.999); if (p95 > NR) p95 = NR
    printf "%.1f %.1f %.1f\n", t[1], (NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2), t[p95] }'
}

working_set_mb() { awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$SERVE_PID/status"; }

say "Net change of the whole set, 2019-01-01 -> 2025-11-01 ($RUNS runs)"
read -r SPAN_MIN SPAN_MEDIAN SPAN_P95 < <(timed "$SPAN")
COUNTS=$(json 'return Object.entries(data.counts).map(([k, v]) => k + " " + v).join(", ") + "; releases in the span: " + data.releases.join(" ")' <"$WORK/out")
echo "counts: $COUNTS"
echo "min ${SPAN_MIN} ms, median ${SPAN_MEDIAN} ms, p95 ${SPAN_P95} ms"

say "A 100,000-code list posted as text/plain ($RUNS runs)"
# The real 2019 codes first (as local-stack.sh reads them from the .txt), then invented ones (answered unknown) up to 100,000.
LC_ALL=C awk 'substr($0, 11, 1) == "3" || substr($0, 11, 1) == "7" { c = substr($0, 1, 5); gsub(/ /, "", c); print c }' "$FILE_2019" >"$WORK/codes.txt"
node -e '
  const codes = new Set(require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n"));
  for (let i = 0; codes.size < 100000; i++) codes.add(String.fromCharCode(65 + Math.floor(i / 10000) % 26) + String(i % 10000).padStart(4, "0"));
  process.stdout.write([...codes].join("\r\n") + "\r\n");' "$WORK/codes.txt" >"$WORK/list.txt"
echo "list: $(wc -l <"$WORK/list.txt") codes, $(wc -c <"$WORK/list.txt") bytes"
read -r LIST_MIN LIST_MEDIAN LIST_P95 < <(timed -X POST -H 'Content-Type: text/plain' --data-binary @"$WORK/list.txt" "$SPAN")
echo "rows: $(json 'return data.changes.length' <"$WORK/out"); min ${LIST_MIN} ms, median ${LIST_MEDIAN} ms, p95 ${LIST_P95} ms"

say "The code set on 2025-11-01 as xlsx ($RUNS runs)"
read -r SET_MIN SET_MEDIAN SET_P95 < <(timed "$API/code-sets/hcpcs/2025-11-01?format=xlsx")
echo "$(wc -c <"$WORK/out") bytes; min ${SET_MIN} ms, median ${SET_MEDIAN} ms, p95 ${SET_P95} ms"

say "Working set over $CALLS span calls"
BEFORE_MB=$(working_set_mb)
for i in $(seq "$CALLS"); do
  printf 'url = "%s/changes/hcpcs?from=2019-01-%02d&to=2025-11-01"\noutput = "/dev/null"\n' "$API" $((1 + i % 28))
done >"$WORK/calls.cfg"
curl -sS --fail -K "$WORK/calls.cfg"
AFTER_MB=$(working_set_mb)
echo "serve working set: ${BEFORE_MB} MB before, ${AFTER_MB} MB after $CALLS calls"

say "Summary ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(dotnet --version) SDK, Release build)"
cat <<SUMMARY
net change 2019-01-01 -> 2025-11-01, whole set    min ${SPAN_MIN} / median ${SPAN_MEDIAN} / p95 ${SPAN_P95} ms   target < 100 ms
  counts                                          ${COUNTS}
100,000-code list (POST text/plain)               min ${LIST_MIN} / median ${LIST_MEDIAN} / p95 ${LIST_P95} ms   target < 1 s
code set 2025-11-01 as xlsx                       min ${SET_MIN} / median ${SET_MEDIAN} / p95 ${SET_P95} ms   target < 1 s
serve working set over ${CALLS} span calls          ${BEFORE_MB} MB -> ${AFTER_MB} MB
SUMMARY
