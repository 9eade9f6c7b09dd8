# Shared by scripts/run, scripts/test, bench/lookup.sh and bench/fhir.sh: install Azurite only when the lock file
# changed, start Azurite and `codeupdates serve` on loopback, on free ports, and stop exactly what
# was started. Source it; it defines functions only.
# Needs: REPO (the repository root) and WORK (a temporary folder for logs) set by the caller.

AZURITE_KEY='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='
STARTED_PIDS=()

say() { printf '\n== %s\n' "$*"; }
die() { printf '\nERROR: %s\n' "$*" >&2; exit 1; }

# Whether something listens on 127.0.0.1:PORT.
port_busy() { (: </dev/tcp/127.0.0.1/"$1") 2>/dev/null; }

# The first port from $1 upwards that nothing listens on and that is not in the rest of the arguments.
free_port() {
  local port=$1; shift
  while port_busy "$port" || [[ " $* " == *" $port "* ]]; do port=$((port + 1)); done
  echo "$port"
}

# Shows the last lines of a log, for failures.
tail_log() {
  local name=$1 file=$2
  [[ -f $file ]] || return 0
  printf -- '--- last lines of %s (%s) ---\n' "$name" "$file" >&2
  tail -n "${3:-40}" "$file" >&2
}

sha256_of() {
  if command -v sha256sum >/dev/null; then sha256sum "$1" | cut -d' ' -f1; else shasum -a 256 "$1" | cut -d' ' -f1; fi
}

# `npm ci` (Azurite, pinned in package-lock.json) only when node_modules was not installed from this
# very lock file: the lock file's hash is kept in node_modules after a successful install.
# Prints what it does; the npm output goes to $1 (default: the terminal).
npm_ci_if_needed() {
  local log=${1:-/dev/stdout} stamp="$REPO/node_modules/.package-lock.sha256" want
  want=$(sha256_of "$REPO/package-lock.json")
  if [[ -x $REPO/node_modules/.bin/azurite && -f $stamp && $(cat "$stamp") == "$want" ]]; then
    echo "Azurite: node_modules matches package-lock.json, npm ci skipped"
    return 0
  fi
  echo "Azurite: npm ci (node_modules is missing or older than package-lock.json)"
  (cd "$REPO" && npm ci --no-audit --no-fund --loglevel=error) >"$log" 2>&1 || return 1
  echo "$want" >"$stamp"
}

# Kills what this script started (by process id, children first). WORK (the logs) is removed, unless
# KEEP_LOGS is set: then it is kept and its path printed, so the folder named at start can still be read.
stop_started() {
  local pid
  for pid in "${STARTED_PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      pkill -TERM -P "$pid" 2>/dev/null || true
      kill -TERM "$pid" 2>/dev/null || true
    fi
  done
  for pid in "${STARTED_PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    pkill -KILL -P "$pid" 2>/dev/null || true
    kill -KILL "$pid" 2>/dev/null || true
  done
  STARTED_PIDS=()
  if [[ -n ${WORK:-} && -d $WORK ]]; then
    if [[ -n ${KEEP_LOGS:-} ]]; then echo "Logs kept in $WORK" >&2; else rm -rf "$WORK"; fi
  fi
}

# Runs COMMAND, but ends the wait at once (exit 255 from a subshell) when the last process started has died.
alive_and() {
  kill -0 "${STARTED_PIDS[-1]}" 2>/dev/null || return 255
  "$@"
}

# Waits until COMMAND succeeds, at most SECONDS; returns 1 on timeout.
wait_until() {
  local seconds=$1; shift
  local deadline=$((SECONDS + seconds))
  local status
  until "$@" >/dev/null 2>&1; do
    status=$?
    ((status != 255 && SECONDS < deadline)) || return 1
    sleep 0.2
  done
}

# Starts Azurite on loopback and exports AzureWebJobsStorage for it: in memory, or in folder $1
# (kept between runs) when given.
start_azurite() {
  local data=${1:-} blob queue table
  local persistence=(--inMemoryPersistence)
  if [[ -n $data ]]; then
    mkdir -p "$data"
    persistence=(--location "$data")
  fi
  blob=$(free_port 10000)
  queue=$(free_port 10001 "$blob")
  table=$(free_port 10002 "$blob" "$queue")
  # Started from WORK: whatever Azurite writes beside itself (in memory, or in the data folder) goes there.
  (cd "$WORK" && exec "$REPO/node_modules/.bin/azurite" "${persistence[@]}" --skipApiVersionCheck --loose --disableTelemetry \
    --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" \
    --tableHost 127.0.0.1 --tablePort "$table") >"$WORK/azurite.log" 2>&1 &
  STARTED_PIDS+=($!)
  if ! wait_until 30 alive_and bash -c "(: </dev/tcp/127.0.0.1/$blob) && (: </dev/tcp/127.0.0.1/$queue) && (: </dev/tcp/127.0.0.1/$table)"; then
    tail_log azurite "$WORK/azurite.log"
    die "Azurite did not listen on 127.0.0.1:$blob/$queue/$table within 30 s"
  fi
  AzureWebJobsStorage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$AZURITE_KEY"
  AzureWebJobsStorage+=";BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1"
  AzureWebJobsStorage+=";QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1"
  AzureWebJobsStorage+=";TableEndpoint=http://127.0.0.1:$table/devstoreaccount1"
  export AzureWebJobsStorage
  AZURITE_PORTS="blob $blob, queue $queue, table $table"
}

CODEUPDATES_DLL() { echo "$REPO/Cli/bin/Release/net10.0/codeupdates.dll"; }
codeupdates() { dotnet "$(CODEUPDATES_DLL)" "$@"; }

# Starts `codeupdates serve` on 127.0.0.1, port $1 or the next free one; sets API to its /api base.
start_serve() {
  local port
  port=$(free_port "${1:-7071}")
  dotnet "$(CODEUPDATES_DLL)" serve --urls "http://127.0.0.1:$port" >"$WORK/serve.log" 2>&1 &
  STARTED_PIDS+=($!)
  API="http://127.0.0.1:$port/api"
  if ! wait_until 60 alive_and curl -fsS "$API/releases"; then
    tail_log serve "$WORK/serve.log"
    die "codeupdates serve did not answer $API/releases within 60 s"
  fi
}

# Prints the JSON of GET /api/releases.
releases_json() { curl -fsS "$API/releases"; }

# Runs a Node snippet over JSON on stdin: the snippet sees `data` and prints what it returns (if not undefined).
json() {
  node -e '
    let s = ""; process.stdin.on("data", d => s += d).on("end", () => {
      const data = JSON.parse(s);
      const out = (new Function("data", process.argv[1]))(data);
      if (out !== undefined) console.log(typeof out === "string" ? out : JSON.stringify(out));
    });' "$1"
}

# Installs wrk with apt when it is missing (root, or sudo without a password); dies when it cannot.
ensure_wrk() {
  command -v wrk >/dev/null && return 0
  echo "wrk is not installed; trying: apt-get install -y wrk"
  if [[ $(id -u) == 0 ]]; then apt-get install -y wrk >"$WORK/apt.log" 2>&1 || { apt-get update >>"$WORK/apt.log" 2>&1 && apt-get install -y wrk >>"$WORK/apt.log" 2>&1; } || true
  elif command -v sudo >/dev/null; then sudo -n apt-get install -y wrk >"$WORK/apt.log" 2>&1 || true
  fi
  command -v wrk >/dev/null || die "wrk could not be installed (see $WORK/apt.log); install it (apt-get install -y wrk) and run again"
}

# Writes a wrk script to $3 whose requests GET printf-format $2 with a random code of the CMS .txt
# file $1 and a random service date 2017-01-01..2020-12-28 (format arguments: code, year, month, day).
wrk_random_codes_script() {
  local file=$1 format=$2 out=$3
  LC_ALL=C awk 'substr($0, 11, 1) == "3" || substr($0, 11, 1) == "7" { c = substr($0, 1, 5); gsub(/ /, "", c); print c }' "$file" >"$WORK/codes.txt"
  echo "$(wc -l <"$WORK/codes.txt") codes from $(basename "$file"), dates 2017-01-01..2020-12-28"
  {
    echo 'local codes = {'
    sed 's/.*/"&",/' "$WORK/codes.txt"
    cat <<LUA
}
local thread_id = 0
function setup(thread)
  thread_id = thread_id + 1
  thread:set("id", thread_id)
end
function init(args)
  math.randomseed(os.time() * 100 + (id or 0))
end
function request()
  local code = codes[math.random(#codes)]
  local path = string.format("$format", code, math.random(2017, 2020), math.random(1, 12), math.random(1, 28))
  return wrk.format("GET", path)
end
LUA
  } >"$out"
}
