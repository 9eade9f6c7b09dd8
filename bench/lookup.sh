#!/usr/bin/env bash
# Load benchmark (DESIGN.md "Performance"): real CMS HCPCS 2018 and 2019 ingested into Azurite through
# `codeupdates serve` (Release build), then single dated lookups under wrk and 1,000-line batches.
#   ingest of a full HCPCS year, drop -> published           target < 5 s
#   re-drop of the same 2019 bytes under another name        target < 1 s, zero version rows written
#   GET /api/codes/hcpcs/{code}?date=...  (2 threads)        target >= 5,000 req/s, p99 < 10 ms
#   POST /api/codes/lookup with 1,000 items                  target < 100 ms
# Options by environment: CMS_HCPCS (default ../shared/data/cms-hcpcs), DURATION (wrk seconds, 25),
# CONNECTIONS (32), LIGHT_CONNECTIONS (4), THREADS (2), BATCH_RUNS (20), KEEP_LOGS=1 to keep the logs folder.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib/setup.sh
source "$REPO/bench/lib/setup.sh"
wrk_settings 25 32 2
BATCH_RUNS=${BATCH_RUNS:-20}

build_release
start_stack 7080

# The record of a release as one line: status sha codes versionRowsWritten publishedAt
record() {
  releases_json | json "const r = data.releases.find(r => r.system === 'hcpcs' && r.effective === '$1'); return r ? [r.status, r.sha256, r.codes, r.versionRowsWritten, r.publishedAt].join(' ') : 'none'"
}

# Drops FILE for EFFECTIVE and waits until its record is no longer processing; prints "seconds".
DROP_SECONDS=
drop_and_wait() {
  local file=$1 effective=$2 start dropped
  start=$(now)
  codeupdates drop "$file" --system hcpcs --effective "$effective" >/dev/null
  dropped=$(now)
  until [[ $(record "$effective" | cut -d' ' -f1) == published ]]; do
    (($(date +%s) - ${start%.*} < 120)) || die "hcpcs $effective was not published within 120 s: $(record "$effective")"
    sleep 0.05
  done
  DROP_SECONDS=$(elapsed "$dropped" "$(now)")
  DROP_UPLOAD_SECONDS=$(elapsed "$start" "$dropped")
}

# A first ingest on a fresh process pays for JIT and the storage clients' start-up: warm them with
# the small CPT sample (another system, so the HCPCS figures are unaffected) and print the cold figure too.
say "Warming up: the CPT 2025 sample release"
if command -v python3 >/dev/null; then
  (cd samples/cpt/2025 && python3 -m zipfile -c "$WORK/CPT2025.zip" ./*.txt)
  start=$(now)
  codeupdates drop "$WORK/CPT2025.zip" --system cpt --name 2025/CPT2025.zip --effective 2025-01-01 >/dev/null
  until releases_json | json "return data.releases.some(r => r.system === 'cpt' && r.status === 'published') ? 'ok' : undefined" | grep -q ok; do
    (($(date +%s) - ${start%.*} < 120)) || die "the CPT warm-up release was not published within 120 s"
    sleep 0.05
  done
  WARMUP=$(elapsed "$start" "$(now)")
  echo "cpt 2025 (26 codes, cold process): published ${WARMUP} s after the drop began"
else
  WARMUP="skipped (no python3)"
  echo "no python3 to pack the CPT sample: the 2018 figure below includes the cold start"
fi

say "Ingesting CMS HCPCS 2018 and 2019 (.txt)"
drop_and_wait "$FILE_2018" 2018-01-01
INGEST_2018=$DROP_SECONDS
echo "2018: published ${INGEST_2018} s after the upload (the drop command itself: ${DROP_UPLOAD_SECONDS} s); $(record 2018-01-01 | awk '{print $3 " codes, " $4 " version rows written"}')"
drop_and_wait "$FILE_2019" 2019-01-01
INGEST_2019=$DROP_SECONDS
ROWS_2018=$(record 2018-01-01 | cut -d' ' -f4)
ROWS_2019=$(record 2019-01-01 | cut -d' ' -f4)
echo "2019: published ${INGEST_2019} s after the upload (the drop command itself: ${DROP_UPLOAD_SECONDS} s); $(record 2019-01-01 | awk '{print $3 " codes, " $4 " version rows written"}')"

say "Re-dropping the same 2019 bytes under another name"
before=$(record 2019-01-01)
seen_before=$(grep -c 'already published with the same bytes' "$WORK/serve.log" || true)
cp "$FILE_2019" "$WORK/HCPC2019_CONTR_ANWEB_again.txt"
start=$(now)
codeupdates drop "$WORK/HCPC2019_CONTR_ANWEB_again.txt" --system hcpcs --effective 2019-01-01 >/dev/null
dropped=$(now)
until (($(grep -c 'already published with the same bytes' "$WORK/serve.log" || true) > seen_before)); do
  (($(date +%s) - ${start%.*} < 120)) || die "the re-drop was not recognised as unchanged within 120 s"
  sleep 0.05
done
REINGEST=$(elapsed "$dropped" "$(now)")
after=$(record 2019-01-01)
grep 'already published with the same bytes' "$WORK/serve.log" | tail -n 1 | sed 's/^/serve: /'
if [[ $before == "$after" ]]; then
  REINGEST_ROWS=0
  echo "unchanged: ${REINGEST} s after the upload; the 2019 record is untouched (same hash, publishedAt, versionRowsWritten $ROWS_2019 from its first ingest); the unchanged path returns before any write: 0 version rows"
else
  REINGEST_ROWS="record changed"
  echo "WARNING: the 2019 record changed: before '$before', after '$after'"
fi
RELEASE_COUNT=$(releases_json | json "return data.releases.filter(r => r.system === 'hcpcs').length")
echo "hcpcs releases listed: $RELEASE_COUNT (expected 2)"

say "Single lookups: wrk ${DURATION} s, $THREADS threads, $CONNECTIONS connections"
wrk_random_codes_script "$FILE_2019" "/api/codes/hcpcs/%s?date=%04d-%02d-%02d" "$WORK/lookup.lua"
wrk_measure "$WORK/lookup.lua"

# Saturation (above) puts wrk and serve on the same cores and queues requests behind each other;
# a lighter pass shows the latency at a rate nearer the 5,000 req/s target.
LIGHT_CONNECTIONS=${LIGHT_CONNECTIONS:-4}
say "Single lookups, lighter load: wrk 10 s, 1 thread, $LIGHT_CONNECTIONS connections"
wrk_light "$WORK/lookup.lua"

say "Batch lookups: POST /api/codes/lookup with 1,000 items, $BATCH_RUNS runs"
node -e '
  const codes = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n");
  const pick = n => Math.floor(Math.random() * n);
  const pad = n => String(n).padStart(2, "0");
  const items = Array.from({ length: 1000 }, () => ({
    system: "hcpcs", code: codes[pick(codes.length)], date: `${2017 + pick(4)}-${pad(1 + pick(12))}-${pad(1 + pick(28))}` }));
  process.stdout.write(JSON.stringify({ items }));' "$WORK/codes.txt" >"$WORK/batch.json"
batch() { curl -sS -o "$WORK/batch.out" -w '%{http_code} %{time_total}\n' -X POST -H 'Content-Type: application/json' --data-binary @"$WORK/batch.json" "$API/codes/lookup"; }
batch >/dev/null; batch >/dev/null
: >"$WORK/batch-times.txt"
for _ in $(seq "$BATCH_RUNS"); do
  read -r status seconds < <(batch)
  [[ $status == 200 ]] || die "POST /api/codes/lookup answered $status: $(head -c 300 "$WORK/batch.out")"
  echo "$seconds" >>"$WORK/batch-times.txt"
done
results=$(json 'return data.results.length' <"$WORK/batch.out")
read -r BATCH_MIN BATCH_MEDIAN BATCH_P95 < <(sort -g "$WORK/batch-times.txt" | awk '{ t[NR] = $1 * 1000 } END {
  p95 = int(NR * 0.95 + 0.999); if (p95 > NR) p95 = NR
  printf "%.1f %.1f %.1f\n", t[1], (NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2), t[p95] }')
echo "$results results a response; min ${BATCH_MIN} ms, median ${BATCH_MEDIAN} ms, p95 ${BATCH_P95} ms"

say "Summary ($(nproc) cores, $(dotnet --version) SDK, Release build)"
cat <<SUMMARY
warm-up: CPT sample on the cold process           ${WARMUP} s
ingest HCPCS 2018 (.txt), upload -> published    ${INGEST_2018} s           target < 5 s   (${ROWS_2018} version rows written)
ingest HCPCS 2019 (.txt), upload -> published    ${INGEST_2019} s           target < 5 s   (${ROWS_2019} version rows written)
re-drop 2019 same bytes, upload -> unchanged     ${REINGEST} s           target < 1 s   (version rows written: ${REINGEST_ROWS})
single lookups, wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s   ${RPS} req/s     target >= 5,000
  latency p50 / p90 / p99                        ${P50} / ${P90} / ${P99}   target p99 < 10 ms
  non-2xx responses                              ${NON2XX:-0}${ERRORS:+   $ERRORS}
single lookups, wrk -t1 -c${LIGHT_CONNECTIONS} -d10s    ${LIGHT_RPS} req/s, p50 / p90 / p99 ${LIGHT_P}
batch of 1,000 lookups (${BATCH_RUNS} runs)            min ${BATCH_MIN} ms, median ${BATCH_MEDIAN} ms, p95 ${BATCH_P95} ms   target < 100 ms
SUMMARY
