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
DURATION=${DURATION:-25}
CONNECTIONS=${CONNECTIONS:-32}
LIGHT_CONNECTIONS=${LIGHT_CONNECTIONS:-4}
THREADS=${THREADS:-2}
HCPCS_URL='http%3A%2F%2Fwww.cms.gov%2FMedicare%2FCoding%2FHCPCSReleaseCodeSets'

ensure_wrk

say "Building Release"
[[ -x node_modules/.bin/azurite ]] || npm ci --no-audit --no-fund --loglevel=error >"$WORK/npm.log" 2>&1
dotnet build CodeUpdates.sln -c Release -nologo >"$WORK/build.log" 2>&1 || { tail_log build "$WORK/build.log" 60; die "the Release build failed"; }

say "Starting Azurite and serve"
start_azurite
start_serve 7080
echo "API $API; Azurite $AZURITE_PORTS; logs $WORK"

say "Ingesting CMS HCPCS 2018 and 2019 (.txt)"
for pair in "$FILE_2018 2018-01-01" "$FILE_2019 2019-01-01"; do
  read -r file effective <<<"$pair"
  codeupdates drop "$file" --system hcpcs --effective "$effective" >/dev/null
  start=$SECONDS
  until releases_json | json "return data.releases.some(r => r.system === 'hcpcs' && r.effective === '$effective' && r.status === 'published') ? 'ok' : undefined" | grep -q ok; do
    ((SECONDS - start < 120)) || die "hcpcs $effective was not published within 120 s"
    sleep 0.2
  done
  echo "hcpcs $effective published"
done

sample="$API/fhir/CodeSystem/\$validate-code?url=$HCPCS_URL&code=E0114&date=2019-02-01"
echo "one answer: $(curl -fsS "$sample")"

# In a Lua format string a literal % is written %%.
wrk_random_codes_script "$FILE_2019" "/api/fhir/CodeSystem/\$validate-code?url=${HCPCS_URL//%/%%}&code=%s&date=%04d-%02d-%02d" "$WORK/validate.lua"
base=${API%/api}

say "CodeSystem/\$validate-code by GET: wrk ${DURATION} s, $THREADS threads, $CONNECTIONS connections"
wrk -t "$THREADS" -c "$CONNECTIONS" -d 5s -s "$WORK/validate.lua" "$base" >"$WORK/wrk-warmup.txt"
wrk -t "$THREADS" -c "$CONNECTIONS" -d "${DURATION}s" --latency -s "$WORK/validate.lua" "$base" | tee "$WORK/wrk.txt"
RPS=$(awk '/^Requests\/sec:/ { print $2 }' "$WORK/wrk.txt")
P50=$(awk '$1 == "50%" { print $2 }' "$WORK/wrk.txt")
P90=$(awk '$1 == "90%" { print $2 }' "$WORK/wrk.txt")
P99=$(awk '$1 == "99%" { print $2 }' "$WORK/wrk.txt")
NON2XX=$(awk '/Non-2xx/ { print $NF }' "$WORK/wrk.txt")
ERRORS=$(awk '/Socket errors/ { print }' "$WORK/wrk.txt")

# Saturation puts wrk and serve on the same cores; a lighter pass shows the latency nearer the target rate.
say "CodeSystem/\$validate-code by GET, lighter load: wrk 10 s, 1 thread, $LIGHT_CONNECTIONS connections"
wrk -t 1 -c "$LIGHT_CONNECTIONS" -d 10s --latency -s "$WORK/validate.lua" "$base" | tee "$WORK/wrk-light.txt"
LIGHT_RPS=$(awk '/^Requests\/sec:/ { print $2 }' "$WORK/wrk-light.txt")
LIGHT_P=$(awk '$1 == "50%" || $1 == "90%" || $1 == "99%" { printf "%s%s", sep, $2; sep = " / " }' "$WORK/wrk-light.txt")

say "Summary ($(nproc) cores, $(dotnet --version) SDK, Release build)"
cat <<SUMMARY
FHIR \$validate-code GET, wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s   ${RPS} req/s     target >= 5,000
  latency p50 / p90 / p99                        ${P50} / ${P90} / ${P99}   target p99 < 10 ms
  non-2xx responses                              ${NON2XX:-0}${ERRORS:+   $ERRORS}
FHIR \$validate-code GET, wrk -t1 -c${LIGHT_CONNECTIONS} -d10s    ${LIGHT_RPS} req/s, p50 / p90 / p99 ${LIGHT_P}
SUMMARY
