#!/usr/bin/env bash
# Builds the benchmarks in Release and runs them; results land in BenchmarkDotNet.Artifacts/ at the repository root.
#
#   bench/run.sh                          the whole suite, default job (the numbers to publish; needs a quiet machine)
#   bench/run.sh --filter '*W1*'          any BenchmarkDotNet arguments pass through
#   bench/run.sh --quick --filter '*Symbol*'   short job (1 launch, 3 warmups, 3 iterations): a smoke run, noisy numbers
#   bench/run.sh --dry                    one invocation of each benchmark: only checks that everything runs
#   bench/run.sh --list flat              list the benchmarks
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
project="$root/bench/QrForge.Benchmarks"

job=()
args=()
filter=no
for arg in "$@"; do
  case "$arg" in
    --quick) job=(--job short) ;;
    --dry) job=(--job dry) ;;
    --filter | -f | --list | --help | -h | --version) filter=yes; args+=("$arg") ;;
    *) args+=("$arg") ;;
  esac
done

# Without a filter BenchmarkSwitcher asks which benchmarks to run; run them all instead.
if [[ $filter == no ]]; then
  args+=(--filter '*')
fi

dotnet build "$project/QrForge.Benchmarks.csproj" -c Release --nologo -v quiet

cd "$root"
dotnet "$project/bin/Release/net10.0/QrForge.Benchmarks.dll" \
  --artifacts "$root/BenchmarkDotNet.Artifacts" "${job[@]}" "${args[@]}"
