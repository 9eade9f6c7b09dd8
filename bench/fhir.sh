#!/usr/bin/env bash
# Load benchmark of the FHIR door (DESIGN.md "Performance"): the real CMS HCPCS 2018 and 2019 files
# ingested into Azurite through `codeupdates serve` (Release build), then CodeSystem/$validate-code by
# GET with a service date under wrk, as bench/lookup.sh does for the JSON lookups.
#   GET /api/fhir/CodeSystem/$validate-code?url=...&code=...&date=...  (2 threads)   target >= 5,000 req/s, p99 < 10 ms
# Options by environment: CMS_HCPCS (default ../shared/data/cms-hcpcs), DURATION (wrk seconds, 25),
# CONNECTIONS (32), LIGHT_CONNECTIONS (4), THREADS (2), KEEP_LOGS=1 to keep the logs folder.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib/setup.sh
source "$REPO/bench/lib/setup.sh"
wrk_settings 25 32 2
LIGHT_CONNECTIONS=${LIGHT_CONNECTIONS:-4}
HCPCS_URL='http%3A%2F%2Fwww.cms.gov%2FMedicare%2FCoding%2FHCPCSReleaseCodeSets'

build_release
serve_cms_hcpcs

sample="$API/fhir/CodeSystem/\$validate-code?url=$HCPCS_URL&code=E0114&date=2019-02-01"
echo "one answer: $(curl -fsS "$sample")"

# In a Lua format string a literal % is written %%.
wrk_random_codes_script "$FILE_2019" "/api/fhir/CodeSystem/\$validate-code?url=${HCPCS_URL//%/%%}&code=%s&date=%04d-%02d-%02d" "$WORK/validate.lua"

say "CodeSystem/\$validate-code by GET: wrk ${DURATION} s, $THREADS threads, $CONNECTIONS connections"
wrk_measure "$WORK/validate.lua"

# Saturation puts wrk and serve on the same cores; a lighter pass shows the latency nearer the target rate.
say "CodeSystem/\$validate-code by GET, lighter load: wrk 10 s, 1 thread, $LIGHT_CONNECTIONS connections"
wrk_light "$WORK/validate.lua"

say "Summary ($(nproc) cores, $(dotnet --version) SDK, Release build)"
cat <<SUMMARY
FHIR \$validate-code GET, wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s   ${RPS} req/s     target >= 5,000
  latency p50 / p90 / p99                        ${P50} / ${P90} / ${P99}   target p99 < 10 ms
  non-2xx responses                              ${NON2XX:-0}${ERRORS:+   $ERRORS}
FHIR \$validate-code GET, wrk -t1 -c${LIGHT_CONNECTIONS} -d10s    ${LIGHT_RPS} req/s, p50 / p90 / p99 ${LIGHT_P}
SUMMARY
