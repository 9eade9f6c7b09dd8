#!/usr/bin/env bash
# As-known-at benchmark (DESIGN.md "As known at (audit)", "Performance"): the real CMS HCPCS 2019 file, then QUARTERS
# synthetic quarterly releases after it (bench/quarterly-releases.js, as bench/history.sh drops them), published one
# after another through `codeupdates serve` (Release build) on Azurite; then single lookups with knownAt at instants
# after the first, a quarter, half and all of the publishes, and present lookups in the same run for comparison.
#   GET /api/codes/hcpcs/{code}?date=...&knownAt=...   (reads storage)    target p99 < 50 ms
#   GET /api/codes/hcpcs/{code}?date=...               (memory)           for comparison
# Options by environment: CMS_HCPCS (default ../shared/data/cms-hcpcs), QUARTERS (40), DURATION (wrk seconds, 20),
# CONNECTIONS (8), THREADS (2), NO_BUILD=1, KEEP_LOGS=1.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib/setup.sh
source "$REPO/bench/lib/setup.sh"
QUARTERS=${QUARTERS:-40}
((QUARTERS >= 4)) || die "QUARTERS must be at least 4: the instants are after the first, a quarter, half and all of the publishes"
wrk_settings 20 8 2

build_release

say "Generating $QUARTERS quarterly releases after $(basename "$FILE_2019")"
node bench/quarterly-releases.js "$FILE_2019" "$WORK/releases" "$QUARTERS"

start_stack 7095
SERVE_PID=${STARTED_PIDS[-1]}

say "Publishing the releases one after another"
n=0
while read -r file effective; do
  n=$((n + 1))
  drop_hcpcs_and_wait "$file" "$effective"
  printf '%2d  %s  published %6s s after the drop\n' "$n" "$effective" "$PUBLISH_SECONDS"
done <"$WORK/releases/releases.txt"

# The instants asked about: 1 ms after the publish of the first, a quarter, half and the last release.
mapfile -t INSTANTS < <(releases_json | json "
  const p = data.releases.filter(r => r.system === 'hcpcs' && r.status === 'published').map(r => Date.parse(r.publishedAt)).sort((a, b) => a - b);
  const at = i => new Date(p[i] + 1).toISOString();
  return [at(0), at(Math.floor(p.length / 4)), at(Math.floor(p.length / 2)), at(p.length - 1)].join('\n')")
echo "instants: ${INSTANTS[*]}"

# Codes of the 2019 file; each request draws a code, a service date and (for knownAt) one of the instants.
LC_ALL=C awk 'substr($0, 11, 1) == "3" || substr($0, 11, 1) == "7" { c = substr($0, 1, 5); gsub(/ /, "", c); print c }' "$FILE_2019" >"$WORK/codes.txt"
items=()
while read -r code; do
  for at in "${INSTANTS[@]}"; do items+=("$code?knownAt=$at"); done
done < <(awk 'NR % 10 == 1' "$WORK/codes.txt")
wrk_random_items_script "$WORK/knownat.lua" "/api/codes/hcpcs/%s&date=%04d-%02d-%02d" "${items[@]}"
wrk_random_items_script "$WORK/present.lua" "/api/codes/hcpcs/%s?date=%04d-%02d-%02d" $(awk 'NR % 10 == 1' "$WORK/codes.txt")

RSS_BEFORE=$(rss_mb "$SERVE_PID")
sample="/api/codes/hcpcs/$(head -n 1 "$WORK/codes.txt")?date=2019-06-01&knownAt=${INSTANTS[0]}"
curl -fsS "${API%/api}$sample" | json 'return `sample answer: knownAt ${data.knownAt}, knownAsOf ${data.knownAsOf}, release ${data.release}`'

# The first knownAt lookup reads the system's rows, present and closed, into memory (in the background); wait for that.
wait_until 60 grep -q "Held the hcpcs rows" "$WORK/serve.log" || die "serve did not read the hcpcs rows into memory within 60 s"
HELD=$(grep -o "Held the hcpcs rows.*" "$WORK/serve.log" | tail -n 1)
echo "$HELD; serve rss ${RSS_BEFORE} MB before, $(rss_mb "$SERVE_PID") MB after"

say "knownAt lookups: wrk ${DURATION} s, $THREADS threads, $CONNECTIONS connections, ${#items[@]} code/instant pairs"
wrk_measure "$WORK/knownat.lua"
KNOWN_RPS=$RPS KNOWN_P="$P50 / $P90 / $P99" KNOWN_NON2XX=${NON2XX:-0}
say "knownAt lookups, lighter load"
wrk_light "$WORK/knownat.lua"
KNOWN_LIGHT_RPS=$LIGHT_RPS KNOWN_LIGHT_P=$LIGHT_P

say "Present lookups (memory): wrk ${DURATION} s, $THREADS threads, $CONNECTIONS connections"
wrk_measure "$WORK/present.lua"
say "Present lookups, lighter load"
wrk_light "$WORK/present.lua"

RSS_AFTER=$(rss_mb "$SERVE_PID")
say "Summary ($(nproc) cores, $(dotnet --version) SDK, Release build, $n hcpcs releases published)"
cat <<SUMMARY
rows held for knownAt                            ${HELD#Held the hcpcs rows of every state up to }; serve rss ${RSS_BEFORE} MB before the first knownAt lookup, ${RSS_AFTER} MB at the end (peak $(peak_mb "$SERVE_PID") MB)
knownAt single lookups, wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s   ${KNOWN_RPS} req/s, p50 / p90 / p99 ${KNOWN_P}   target p99 < 50 ms   (non-2xx ${KNOWN_NON2XX})
knownAt single lookups, wrk -t1 -c${LIGHT_CONNECTIONS} -d10s       ${KNOWN_LIGHT_RPS} req/s, p50 / p90 / p99 ${KNOWN_LIGHT_P}
present single lookups, wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s   ${RPS} req/s, p50 / p90 / p99 ${P50} / ${P90} / ${P99}   (non-2xx ${NON2XX:-0})
present single lookups, wrk -t1 -c${LIGHT_CONNECTIONS} -d10s       ${LIGHT_RPS} req/s, p50 / p90 / p99 ${LIGHT_P}
SUMMARY
