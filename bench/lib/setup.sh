# Shared start of the serve benchmarks: a work folder, the local stack's functions, cleanup of what was
# started (logs kept when the benchmark fails), and the real CMS 2018 and 2019 HCPCS files.
# Source it after setting REPO; it defines WORK, CMS, FILE_2018 and FILE_2019, and the steps below.
cd "$REPO"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/codeupdates-bench.XXXXXX")
# shellcheck source=scripts/lib/local-stack.sh
source "$REPO/scripts/lib/local-stack.sh"
trap 'status=$?; trap - EXIT INT TERM; ((status == 0)) || { tail_log serve "$WORK/serve.log"; KEEP_LOGS=1; echo "Logs kept in $WORK" >&2; }; stop_started; exit $status' EXIT
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

# Starts Azurite and serve on 7080, drops the CMS HCPCS 2018 and 2019 files and waits until both are published.
serve_cms_hcpcs() {
  local pair file effective start
  say "Starting Azurite and serve; publishing HCPCS 2018 and 2019"
  start_azurite
  start_serve 7080
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
