#!/usr/bin/env bash
# Benchmark of the FHIR door for the terminology ecosystem (DESIGN.md "Performance"): the real CMS HCPCS 2018 and
# 2019 files ingested into Azurite through `codeupdates serve` (Release build), then in the same run
#   GET /api/codes/hcpcs/{code}?date=...                        the JSON lookup, wrk (2 threads)
#   GET /api/fhir/CodeSystem/$validate-code?url=&code=&date=    the same codes and dates, wrk   target >= half the JSON rate
#   POST /api/fhir, a batch Bundle of 1,000 $validate-code GETs  curl, BATCH_RUNS runs          target < 200 ms
# Options by environment: CMS_HCPCS (default ../shared/data/cms-hcpcs), DURATION (wrk seconds, 15),
# CONNECTIONS (32), THREADS (2), BATCH_RUNS (20), NO_BUILD=1, KEEP_LOGS=1 to keep the logs folder.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib/setup.sh
source "$REPO/bench/lib/setup.sh"
wrk_settings 15 32 2
BATCH_RUNS=${BATCH_RUNS:-20}
HCPCS_URL='http%3A%2F%2Fwww.cms.gov%2FMedicare%2FCoding%2FHCPCSReleaseCodeSets'

build_release
serve_cms_hcpcs

say "JSON lookups: wrk ${DURATION} s, $THREADS threads, $CONNECTIONS connections"
wrk_random_codes_script "$FILE_2019" "/api/codes/hcpcs/%s?date=%04d-%02d-%02d" "$WORK/lookup.lua"
wrk_measure "$WORK/lookup.lua"
JSON_RPS=$RPS JSON_P99=$P99 JSON_NON2XX=${NON2XX:-0}

say "FHIR CodeSystem/\$validate-code by GET: wrk ${DURATION} s, $THREADS threads, $CONNECTIONS connections"
# In a Lua format string a literal % is written %%.
wrk_random_codes_script "$FILE_2019" "/api/fhir/CodeSystem/\$validate-code?url=${HCPCS_URL//%/%%}&code=%s&date=%04d-%02d-%02d" "$WORK/validate.lua"
wrk_measure "$WORK/validate.lua"
FHIR_RPS=$RPS FHIR_P99=$P99 FHIR_NON2XX=${NON2XX:-0}
RATIO=$(awk -v f="$FHIR_RPS" -v j="$JSON_RPS" 'BEGIN { printf "%.2f", f / j }')

say "FHIR batch: POST /api/fhir with 1,000 \$validate-code entries, $BATCH_RUNS runs"
node -e '
  const codes = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n");
  const pick = n => Math.floor(Math.random() * n);
  const pad = n => String(n).padStart(2, "0");
  const url = encodeURIComponent("http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets");
  const entry = Array.from({ length: 1000 }, () => ({ request: { method: "GET",
    url: `CodeSystem/$validate-code?url=${url}&code=${codes[pick(codes.length)]}&date=${2017 + pick(4)}-${pad(1 + pick(12))}-${pad(1 + pick(28))}` } }));
  process.stdout.write(JSON.stringify({ resourceType: "Bundle", type: "batch", entry }));' "$WORK/codes.txt" >"$WORK/batch.json"
batch() { curl -sS -o "$WORK/batch.out" -w '%{http_code} %{time_total}\n' -X POST -H 'Content-Type: application/fhir+json' --data-binary @"$WORK/batch.json" "$API/fhir"; }
batch >/dev/null; batch >/dev/null
: >"$WORK/batch-times.txt"
for _ in $(seq "$BATCH_RUNS"); do
  read -r status seconds < <(batch)
  [[ $status == 200 ]] || die "POST /api/fhir answered $status: $(head -c 300 "$WORK/batch.out")"
  echo "$seconds" >>"$WORK/batch-times.txt"
done
entries=$(json 'return data.entry.filter(e => e.response.status.startsWith("200")).length' <"$WORK/batch.out")
read -r BATCH_MIN BATCH_MEDIAN BATCH_P95 < <(sort -g "$WORK/batch-times.txt" | awk '{ t[NR] = $1 * 1000 } END {
  p95 = int(NR * 0.95 + 0.999); if (p95 > NR) p95 = NR
  printf "%.1f %.1f %.1f\n", t[1], (NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2), t[p95] }')
echo "$entries entries answered 200 in a response; $(wc -c <"$WORK/batch.json") bytes posted, $(wc -c <"$WORK/batch.out") answered"

say "Summary ($(nproc) cores, $(dotnet --version) SDK, Release build)"
cat <<SUMMARY
JSON lookup GET, wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s          ${JSON_RPS} req/s, p99 ${JSON_P99}, non-2xx ${JSON_NON2XX}
FHIR \$validate-code GET, same load                  ${FHIR_RPS} req/s, p99 ${FHIR_P99}, non-2xx ${FHIR_NON2XX}
  FHIR / JSON rate                                  ${RATIO}            target >= 0.5
FHIR batch of 1,000 \$validate-code (${BATCH_RUNS} runs)      min ${BATCH_MIN} ms, median ${BATCH_MEDIAN} ms, p95 ${BATCH_P95} ms   target < 200 ms
SUMMARY
