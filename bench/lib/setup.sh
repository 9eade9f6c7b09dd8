# Shared start of the serve benchmarks: a work folder, the local stack's functions, cleanup of what was
# started (logs kept when the benchmark fails), and the real CMS 2018 and 2019 HCPCS files.
# Source it after setting REPO; it defines WORK, CMS, FILE_2018 and FILE_2019.
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
