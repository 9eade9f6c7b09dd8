# Shared start of the serve benchmarks: a work folder named for the benchmark, the local stack's functions,
# cleanup of what was started (logs kept when the benchmark fails, or with KEEP_LOGS=1), and the real CMS 2018
# and 2019 HCPCS files. Source it after setting REPO; it defines WORK, CMS, FILE_2018 and FILE_2019, and the steps below.
cd "$REPO"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/codeupdates-$(basename "$0" .sh).XXXXXX")
# shellcheck source=scripts/lib/local-stack.sh
source "$REPO/scripts/lib/local-stack.sh"
trap 'status=$?; trap - EXIT INT TERM; ((status == 0)) || { tail_log serve "$WORK/serve.log"; KEEP_LOGS=1; }; stop_started; exit $status' EXIT
trap 'exit 130' INT TERM

CMS=${CMS_HCPCS:-$REPO/../shared/data/cms-hcpcs}
FILE_2018=$CMS/2018/HCPC2018_CONTR_ANWEB_disc.txt
FILE_2019=$CMS/2019/HCPC2019_CONTR_ANWEB.txt
[[ -f $FILE_2018 && -f $FILE_2019 ]] || die "the CMS files are not in $CMS (set CMS_HCPCS)"
command -v curl >/dev/null || die "curl is needed"

# Builds the solution in Release (after npm ci when node_modules is stale) unless NO_BUILD=1.
build_release() {
  npm_ci_if_needed "$WORK/npm.log" >/dev/null || { tail_log npm "$WORK/npm.log"; die "npm ci failed"; }
  [[ ${NO_BUILD:-} == 1 ]] && return 0
  say "Building Release"
  dotnet build CodeUpdates.sln -c Release -nologo >"$WORK/build.log" 2>&1 || { tail_log build "$WORK/build.log" 60; die "the Release build failed"; }
}

# Sets DURATION (wrk seconds), CONNECTIONS and THREADS from the environment, or else to $1, $2 and $3; installs wrk.
wrk_settings() {
  DURATION=${DURATION:-$1}
  CONNECTIONS=${CONNECTIONS:-$2}
  THREADS=${THREADS:-$3}
  ensure_wrk
}

# Starts Azurite (in memory) and serve on port $1 or the next free one, and says where they are.
start_stack() {
  say "Starting Azurite and serve"
  start_azurite
  start_serve "$1"
  echo "API $API; Azurite $AZURITE_PORTS; logs $WORK"
}

# Starts Azurite and serve on 7080, drops the CMS HCPCS 2018 and 2019 files and waits until both are published.
serve_cms_hcpcs() {
  local pair file effective start
  start_stack 7080
  say "Publishing HCPCS 2018 and 2019"
  for pair in "$FILE_2018 2018-01-01" "$FILE_2019 2019-01-01"; do
    read -r file effective <<<"$pair"
    codeupdates drop "$file" --system hcpcs --effective "$effective" >/dev/null
  done
  start=$(date +%s)
  until [[ $(releases_json | json "return data.releases.filter(r => r.status === 'published').length") == 2 ]]; do
    (($(date +%s) - start < 180)) || die "the two releases were not published within 180 s"
    sleep 0.2
  done
}

# Writes a wrk script to $1 whose requests GET printf-format $2 with one of the remaining arguments, drawn at
# random, and a random service date 2018-01-01..2019-12-28 (format arguments: item, year, month, day).
wrk_random_items_script() {
  local out=$1 format=$2
  shift 2
  {
    printf 'local items = {'; printf '"%s",' "$@"; echo '}'
    cat <<LUA
function init(args)
  math.randomseed(os.time() * 100 + math.random(1000))
end
function request()
  local path = string.format("$format", items[math.random(#items)], math.random(2018, 2019), math.random(1, 12), math.random(1, 28))
  return wrk.format("GET", path)
end
LUA
  } >"$out"
}

# A wrk pass over script $1 against serve with THREADS threads and CONNECTIONS connections: 5 s of warm-up, then
# DURATION seconds measured (shown, and kept in $WORK/wrk.txt). Sets RPS, P50, P90, P99, NON2XX and ERRORS.
wrk_measure() {
  local script=$1 base=${API%/api}
  wrk -t "$THREADS" -c "$CONNECTIONS" -d 5s -s "$script" "$base" >"$WORK/wrk-warmup.txt"
  wrk -t "$THREADS" -c "$CONNECTIONS" -d "${DURATION}s" --latency -s "$script" "$base" | tee "$WORK/wrk.txt"
  RPS=$(awk '/^Requests\/sec:/ { print $2 }' "$WORK/wrk.txt")
  P50=$(awk '$1 == "50%" { print $2 }' "$WORK/wrk.txt")
  P90=$(awk '$1 == "90%" { print $2 }' "$WORK/wrk.txt")
  P99=$(awk '$1 == "99%" { print $2 }' "$WORK/wrk.txt")
  NON2XX=$(awk '/Non-2xx/ { print $NF }' "$WORK/wrk.txt")
  ERRORS=$(awk '/Socket errors/ { print }' "$WORK/wrk.txt")
}

# The lighter pass after a saturating one (which puts wrk and serve on the same cores and queues requests behind
# each other): wrk 10 s, 1 thread, LIGHT_CONNECTIONS (default 4) connections over script $1, shown and kept in
# $WORK/wrk-light.txt. Sets LIGHT_RPS and LIGHT_P (p50 / p90 / p99).
wrk_light() {
  local script=$1
  LIGHT_CONNECTIONS=${LIGHT_CONNECTIONS:-4}
  wrk -t 1 -c "$LIGHT_CONNECTIONS" -d 10s --latency -s "$script" "${API%/api}" | tee "$WORK/wrk-light.txt"
  LIGHT_RPS=$(awk '/^Requests\/sec:/ { print $2 }' "$WORK/wrk-light.txt")
  LIGHT_P=$(awk '$1 == "50%" || $1 == "90%" || $1 == "99%" { printf "%s%s", sep, $2; sep = " / " }' "$WORK/wrk-light.txt")
}

# Resident and peak resident memory of a process, in MB.
rss_mb() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
peak_mb() { awk '/^VmHWM:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# The status and version rows written of the hcpcs release effective $1, or "none" when it has no record.
hcpcs_status() {
  releases_json | json "const r = data.releases.find(r => r.system === 'hcpcs' && r.effective === '$1'); return r ? r.status + ' ' + r.versionRowsWritten : 'none'"
}

# Drops file $1 as the hcpcs release effective $2 and waits until it is published (dies after 120 s);
# sets PUBLISH_SECONDS, from the drop to the record saying published.
drop_hcpcs_and_wait() {
  codeupdates drop "$1" --system hcpcs --effective "$2" >/dev/null
  local dropped
  dropped=$(now)
  until [[ $(hcpcs_status "$2") == published* ]]; do
    (($(date +%s) - ${dropped%.*} < 120)) || die "hcpcs $2 was not published within 120 s: $(hcpcs_status "$2")"
    sleep 0.05
  done
  PUBLISH_SECONDS=$(elapsed "$dropped" "$(now)")
}
