#!/usr/bin/env bash
# History benchmark (DESIGN.md "Performance"): the real CMS HCPCS 2019 file, then QUARTERS synthetic
# quarterly releases that follow it (each adds 20 codes, terminates 12, re-words 15), dropped one
# after another through `codeupdates serve` (Release build) on Azurite.
#   ingest with 40 releases loaded vs with 5, drop -> published      target <= 1.5x
#   peak memory of serve over all the drops                           target <= 400 MB
#   restarted serve: start -> first lookup answered                   target <= 3 s
#   dated lookups around every change of the 40 quarters              must all agree with the as-of rule
# Options by environment: CMS_HCPCS (default ../shared/data/cms-hcpcs), QUARTERS (40), KEEP_LOGS=1.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib/setup.sh
source "$REPO/bench/lib/setup.sh"
QUARTERS=${QUARTERS:-40}
((QUARTERS >= 10)) || die "QUARTERS must be at least 10: the figures compare the first five ingests with the last five"

build_release

say "Generating $QUARTERS quarterly releases after $(basename "$FILE_2019")"
node bench/quarterly-releases.js "$FILE_2019" "$WORK/releases" "$QUARTERS"

start_stack 7090
SERVE_PID=${STARTED_PIDS[-1]}

say "Dropping the releases one after another"
: >"$WORK/ingests.txt"
n=0
while read -r file effective; do
  n=$((n + 1))
  drop_hcpcs_and_wait "$file" "$effective"
  seconds=$PUBLISH_SECONDS
  # A serving instance holds the versions in its lookup cache, so every later ingest also brings that up to date.
  ((n > 1)) || curl -sS -o /dev/null "$API/codes/hcpcs/A0021?date=2019-06-01"
  rows=$(hcpcs_status "$effective" | cut -d' ' -f2)
  printf '%2d  %s  %6s s  %5s version rows  rss %4s MB  peak %4s MB\n' "$n" "$effective" "$seconds" "$rows" "$(rss_mb "$SERVE_PID")" "$(peak_mb "$SERVE_PID")" | tee -a "$WORK/ingests.txt"
done <"$WORK/releases/releases.txt"
PEAK=$(peak_mb "$SERVE_PID")
# Ingest n is made with n - 1 releases loaded: "with 5" is ingests 2-6 (1 to 5 loaded), "with 40" the last five.
read -r FIRST WITH5 WITH40 RATIO < <(awk -v last="$n" '{ t[$1] = $3 } END {
  for (i = 2; i <= 6; i++) a += t[i]; for (i = last - 4; i <= last; i++) b += t[i]
  printf "%s %.2f %.2f %.2f\n", t[1], a / 5, b / 5, b / a }' "$WORK/ingests.txt")

say "Dated lookups around every change: POST /api/codes/lookup"
node -e '
  const checks = require(process.argv[1]);
  const batches = [];
  for (let i = 0; i < checks.length; i += 1000) batches.push(checks.slice(i, i + 1000));
  require("fs").writeFileSync(process.argv[2], JSON.stringify(batches.map(b => ({ items: b.map(c => ({ system: "hcpcs", code: c.code, date: c.date })) }))));
' "$WORK/releases/checks.json" "$WORK/batches.json"
check_lookups() {
  local label=$1
  : >"$WORK/answers.jsonl"
  local count
  count=$(json 'return data.length' <"$WORK/batches.json")
  for ((i = 0; i < count; i++)); do
    json "return data[$i]" <"$WORK/batches.json" >"$WORK/batch.json"
    curl -fsS -X POST -H 'Content-Type: application/json' --data-binary @"$WORK/batch.json" "$API/codes/lookup" >>"$WORK/answers.jsonl"
    echo >>"$WORK/answers.jsonl"
  done
  node -e '
    const fs = require("fs");
    const checks = require(process.argv[1]);
    const results = fs.readFileSync(process.argv[2], "utf8").trim().split("\n").flatMap(l => JSON.parse(l).results);
    const squash = s => (s || "").replace(/\s+/g, " ").trim();
    const wrong = checks.filter((c, i) => {
      const r = results[i] || {};
      return c.status ? r.status !== c.status : !squash(r.longDescription).startsWith(squash(c.text));
    });
    console.log(`${process.argv[3]}: ${checks.length - wrong.length} of ${checks.length} dated lookups agree with the as-of rule`);
    for (const c of wrong.slice(0, 5)) console.log("  disagrees:", JSON.stringify(c), JSON.stringify(results[checks.indexOf(c)]));
    fs.writeFileSync(process.argv[4], String(wrong.length));
  ' "$WORK/releases/checks.json" "$WORK/answers.jsonl" "$label" "$WORK/wrong.txt"
}
check_lookups "serve that ingested them"
WRONG_BEFORE=$(cat "$WORK/wrong.txt")

say "Restarting serve: start -> first lookup answered"
kill -TERM "$SERVE_PID"
for _ in $(seq 100); do kill -0 "$SERVE_PID" 2>/dev/null || break; sleep 0.1; done
STARTED_PIDS=("${STARTED_PIDS[@]/$SERVE_PID/}")
port=$(free_port 7090)
started=$(now)
dotnet "$(CODEUPDATES_DLL)" serve --urls "http://127.0.0.1:$port" >"$WORK/serve-restarted.log" 2>&1 &
SERVE_PID=$!
STARTED_PIDS+=("$SERVE_PID")
API="http://127.0.0.1:$port/api"
FIRST_CODE=$(node -e 'console.log(require(process.argv[1]).at(-1).code)' "$WORK/releases/checks.json")
# Polls URL every 50 ms until it answers 2xx, for at most 120 s after the restart; WHAT names it in the failure.
until_restarted_answers() {
  local url=$1 what=$2
  until curl -fsS -o /dev/null "$url" 2>/dev/null; do
    kill -0 "$SERVE_PID" 2>/dev/null || { tail_log serve "$WORK/serve-restarted.log"; die "the restarted serve died"; }
    (($(date +%s) - ${started%.*} < 120)) || die "the restarted serve answered no $what within 120 s"
    sleep 0.05
  done
}
# First when the host answers at all (a route that reads storage, not the cache), then the lookup.
until_restarted_answers "$API/releases" "request"
HOST_UP=$(elapsed "$started" "$(now)")
until_restarted_answers "$API/codes/hcpcs/$FIRST_CODE?date=2028-12-31" "lookup"
RESTART=$(elapsed "$started" "$(now)")
RESTART_RSS=$(rss_mb "$SERVE_PID")
echo "host answering ${HOST_UP} s and first lookup answered ${RESTART} s after the process started; rss ${RESTART_RSS} MB with every version of the $n releases in memory"
check_lookups "restarted serve"
WRONG_AFTER=$(cat "$WORK/wrong.txt")

say "Summary ($(nproc) cores, $(dotnet --version) SDK, Release build)"
cat <<SUMMARY
releases loaded                                          $n (HCPCS 2019 + $QUARTERS quarters)
first ingest, the 2019 year on a cold process            ${FIRST} s
ingest with 1-5 releases loaded (mean of 5)              ${WITH5} s
ingest with $((n - 5))-$((n - 1)) releases loaded (mean of 5)            ${WITH40} s
  ratio                                                  ${RATIO}x          target <= 1.5x
serve peak memory over all the drops (VmHWM)             ${PEAK} MB          target <= 400 MB
restarted serve: start -> first lookup                   ${RESTART} s          target <= 3 s   (host answering after ${HOST_UP} s; rss then ${RESTART_RSS} MB)
dated lookups that disagree with the as-of rule          ${WRONG_BEFORE} (serve that ingested), ${WRONG_AFTER} (restarted)   of $(json 'return data.length' <"$WORK/releases/checks.json")
SUMMARY
((WRONG_BEFORE == 0 && WRONG_AFTER == 0)) || die "some dated lookups disagree with the as-of rule"
