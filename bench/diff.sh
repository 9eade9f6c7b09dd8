#!/usr/bin/env bash
# Times the whole `codeupdates diff 2018.xlsx 2019.xlsx --format json` process (Release build).
# Uses hyperfine when it is installed (unless NO_HYPERFINE=1); otherwise runs it 10 times and
# prints min/median/max.
# Usage: bench/diff.sh [--in-process] [PRIOR CURRENT]
#   defaults: the CMS 2018 and 2019 ANWEB workbooks in ../shared
#   --in-process: afterwards also run the BenchmarkDotNet benchmarks in bench/Benchmarks
#                 (read + diff of the .xlsx and the .txt pair, in process)
set -euo pipefail

in_process=false
if [[ "${1:-}" == "--in-process" ]]; then
  in_process=true
  shift
fi

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="$root/../shared/data/cms-hcpcs"
prior="${1:-$data/2018/HCPC2018_CONTR_ANWEB_disc.xlsx}"
current="${2:-$data/2019/HCPC2019_CONTR_ANWEB.xlsx}"
runs=10

dotnet build "$root/Cli/Cli.csproj" -c Release --nologo -v quiet >/dev/null
dll="$root/Cli/bin/Release/net10.0/codeupdates.dll"
cmd=(dotnet "$dll" diff "$prior" "$current" --format json)

"${cmd[@]}" >/dev/null # fails loudly here if the diff does not run

in_process_benchmarks() {
  if $in_process; then
    dotnet build "$root/bench/Benchmarks/Benchmarks.csproj" -c Release --nologo -v quiet >/dev/null
    (cd "$root/bench/Benchmarks" && dotnet bin/Release/net10.0/Benchmarks.dll --filter '*' --inProcess --warmupCount 2 --iterationCount 10)
  fi
}

if [[ -z "${NO_HYPERFINE:-}" ]] && command -v hyperfine >/dev/null 2>&1; then
  hyperfine -N --warmup 2 --runs "$runs" --output=null "$(printf '%q ' "${cmd[@]}")"
  in_process_benchmarks
  exit 0
fi

times=()
for _ in $(seq "$runs"); do
  start=$(date +%s%N)
  "${cmd[@]}" >/dev/null
  end=$(date +%s%N)
  times+=($(((end - start) / 1000000)))
done

sorted=($(printf '%s\n' "${times[@]}" | sort -n))
mid=$((runs / 2))
median=$(((sorted[mid - 1] + sorted[mid]) / 2))
echo "codeupdates diff $(basename "$prior") $(basename "$current") --format json, $runs runs:"
echo "  min ${sorted[0]} ms, median ${median} ms, max ${sorted[runs - 1]} ms"
in_process_benchmarks
