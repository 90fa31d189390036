#!/usr/bin/env bash
# QrForge build and test entry point. Run ./build.sh help for the commands.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DOTNET_GENERATE_ASPNET_CERTIFICATE=false

readonly SOLUTION=QrForge.slnx
readonly CONFIGURATION=Release
readonly RESULTS_DIR=artifacts/test-results
# Debian's python3: python3-segno is installed for it (a pyenv python3 earlier on PATH has no segno).
readonly SYSTEM_PYTHON=/usr/bin/python3
# A test stuck this long has hung: its test host is stopped and the run carries on with the other projects.
readonly HANG_TIMEOUT=15m

# Debian packages the tests use, each with a probe that proves it works:
#   zbar-tools       zbarimg, the first independent decoder (QR Code)
#   zxing-cpp-tools  ZXingReader, the second independent decoder (QR Code and Micro QR)
#   python3-segno    segno, the independent encoder the modules are compared with
#   qrencode         libqrencode's command line, a further peer for the tests
#   postgresql       initdb and pg_ctl: the service tests start a throw-away cluster of their own
#   redis-server     the service tests start their own Redis (and stop it mid-test)
#   chromium-headless-shell  a real browser: the API reference renders under its Content-Security-Policy
#   prometheus       promtool: the alert rules in deploy/prometheus are checked and unit-tested
#   nginx            the edge in front of three service nodes in the multi-node test
#   kubernetes-client  kubectl kustomize: the Kubernetes overlays in deploy/k8s are rendered
#   tmux             a pseudo-terminal for the console's tests (type a line, read the screen)
#   nodejs           node and npm: the OpenAPI document is linted with @redocly/cli (npm ci from the tests' lock file)
readonly -a TEST_PACKAGES=(zbar-tools zxing-cpp-tools python3-segno qrencode postgresql redis-server chromium-headless-shell prometheus nginx kubernetes-client tmux nodejs)

usage() {
  cat <<EOF
Usage: ./build.sh [command]

Commands:
  build    restore and build $SOLUTION ($CONFIGURATION); the default
  test     install the Debian packages the tests need when missing, restore, build,
           check formatting, run every test project (never stopping at the first
           failing one) and print "N passed, N failed, N skipped" as the last line;
           exits non-zero if the build, the formatting check or any test failed,
           or if no test ran. TRX results go to $RESULTS_DIR/.
  format   fix formatting (dotnet format)
  help     show this help

Environment: the .NET SDK named by global.json on PATH; 'test' installs packages with
apt-get, so it runs as root (or with passwordless sudo) when something is missing.
EOF
}

log() {
  printf '\n==> %s\n' "$*"
}

fail() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

require_dotnet() {
  command -v dotnet >/dev/null 2>&1 ||
    fail "the .NET SDK is not on PATH (install the SDK that global.json names: https://dotnet.microsoft.com/download)"
}

# Succeeds when the package's tool works, whatever dpkg says.
probe() {
  case "$1" in
    zbar-tools) command -v zbarimg >/dev/null 2>&1 ;;
    zxing-cpp-tools) command -v ZXingReader >/dev/null 2>&1 ;;
    python3-segno) [[ -x $SYSTEM_PYTHON ]] && "$SYSTEM_PYTHON" -c 'import segno' >/dev/null 2>&1 ;;
    qrencode) command -v qrencode >/dev/null 2>&1 ;;
    postgresql) compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null 2>&1 ;;
    redis-server) [[ -x /usr/bin/redis-server ]] ;;
    chromium-headless-shell) [[ -x /usr/bin/chromium-headless-shell ]] ;;
    prometheus) command -v promtool >/dev/null 2>&1 ;;
    nginx) [[ -x /usr/sbin/nginx ]] ;;
    kubernetes-client) command -v kubectl >/dev/null 2>&1 && kubectl kustomize --help >/dev/null 2>&1 ;;
    tmux) [[ -x /usr/bin/tmux ]] ;;
    nodejs) command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 ;;
    *) return 1 ;;
  esac
}

installed() {
  # kubectl may come from another package than Debian's (Google's "kubectl" ships the same tool): the tool counts.
  if [[ $1 == kubernetes-client ]] && probe "$1"; then
    return 0
  fi
  if command -v dpkg-query >/dev/null 2>&1; then
    [[ $(dpkg-query -W -f='${Status}' "$1" 2>/dev/null) == "install ok installed" ]] || return 1
  fi
  probe "$1"
}

# Installs the missing test packages. Called from a condition, so every step is checked by hand.
ensure_test_packages() {
  local -a missing=()
  local package
  for package in "${TEST_PACKAGES[@]}"; do
    installed "$package" || missing+=("$package")
  done

  if ((${#missing[@]} == 0)); then
    log "Test tools present: ${TEST_PACKAGES[*]}"
    return 0
  fi

  log "Installing missing Debian packages: ${missing[*]}"
  if ! command -v apt-get >/dev/null 2>&1; then
    printf 'error: apt-get not found; install %s (Debian package names) by hand.\n' "${missing[*]}" >&2
    return 1
  fi
  local -a as_root=()
  if ((EUID != 0)); then
    if ! command -v sudo >/dev/null 2>&1; then
      printf 'error: installing %s needs root: run as root or install them first.\n' "${missing[*]}" >&2
      return 1
    fi
    as_root=(sudo -n)
  fi
  if ! "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q </dev/null ||
    ! "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null; then
    printf 'error: apt-get could not install %s.\n' "${missing[*]}" >&2
    return 1
  fi

  for package in "${missing[@]}"; do
    if ! probe "$package"; then
      printf 'error: %s was installed but its tool still does not work.\n' "$package" >&2
      return 1
    fi
  done
}

restore() {
  log "dotnet restore $SOLUTION"
  dotnet restore "$SOLUTION" </dev/null
}

build() {
  log "dotnet build $SOLUTION -c $CONFIGURATION"
  dotnet build "$SOLUTION" -c "$CONFIGURATION" --no-restore </dev/null
}

check_format() {
  log "dotnet format $SOLUTION --verify-no-changes"
  dotnet format "$SOLUTION" --verify-no-changes --no-restore </dev/null
}

# Test projects in the order the solution lists them.
test_projects() {
  grep -o 'Path="tests/[^"]*\.csproj"' "$SOLUTION" | sed -e 's/^Path="//' -e 's/"$//'
}

# Reads every TRX file in the results directory; prints the output of tests that wrote any, the
# failures, and finally one line "passed failed skipped problems" for the shell.
summarize_trx() {
  local python=$SYSTEM_PYTHON
  [[ -x $python ]] || python=python3
  "$python" - "$RESULTS_DIR" <<'PY'
import glob, os, sys
import xml.etree.ElementTree as ET

NS = '{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}'
FAILED = {'Failed', 'Error', 'Timeout', 'Aborted'}
SKIPPED = {'NotExecuted', 'NotRunnable', 'Inconclusive', 'Pending', 'Disconnected'}

passed = failed = skipped = problems = 0
outputs, failures = [], []
files = sorted(glob.glob(os.path.join(sys.argv[1], '*.trx')))
for path in files:
    name = os.path.basename(path)[:-4]
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        print(f'{name}: unreadable TRX file: {e}', file=sys.stderr)
        problems += 1
        continue
    p = f = s = 0
    for result in root.iter(NS + 'UnitTestResult'):
        if result.find(NS + 'InnerResults') is not None:
            continue  # counted through its inner results
        outcome = result.get('outcome', '')
        test = result.get('testName', '?')
        if outcome == 'Passed':
            p += 1
        elif outcome in SKIPPED:
            s += 1
        else:  # Failed, Error, Timeout, Aborted, or anything unknown
            f += 1
            message = result.findtext(f'{NS}Output/{NS}ErrorInfo/{NS}Message') or outcome
            failures.append(f'{test}: {message.strip().splitlines()[0] if message.strip() else outcome}')
        stdout = (result.findtext(f'{NS}Output/{NS}StdOut') or '').strip()
        if stdout and outcome == 'Passed':
            lines = stdout.splitlines()
            outputs.append((test, lines[:12] + (['  ...'] if len(lines) > 12 else [])))
    summary = root.find(NS + 'ResultSummary')
    counters = summary.find(NS + 'Counters') if summary is not None else None
    if counters is not None:
        # Failures the run recorded without a result (an aborted test host) still count.
        recorded = sum(int(counters.get(k, '0')) for k in ('failed', 'error', 'timeout', 'aborted'))
        if recorded > f:
            failures.append(f'{name}: {recorded - f} failures recorded without a test result')
            f = recorded
    outcome = summary.get('outcome', '') if summary is not None else ''
    if outcome in ('Error', 'Aborted', 'Timeout') and f == 0:
        messages = [t.text.strip() for t in summary.iter(NS + 'Text') if t.text and t.text.strip()]
        print(f'{name}: test run {outcome.lower()}: {messages[0] if messages else "no details"}', file=sys.stderr)
        problems += 1
    print(f'  {name}: {p} passed, {f} failed, {s} skipped')
    passed, failed, skipped = passed + p, failed + f, skipped + s

if outputs:
    print('\nTest output:')
    for test, lines in outputs:
        print(f'  {test}')
        for line in lines:
            print(f'    {line}')
if failures:
    print('\nFailed:')
    for line in failures:
        print(f'  {line}')
print(f'{passed} {failed} {skipped} {problems}')
PY
}

run_tests() {
  local status=0

  require_dotnet
  # Without the tools the oracle tests fail with the install command; run everything else regardless.
  ensure_test_packages || status=1
  restore || { print_totals 0 0 0; exit 1; }
  if ! build; then
    printf '\nBuild failed: no tests were run.\n'
    print_totals 0 0 0
    exit 1
  fi
  if ! check_format; then
    printf '\nFormatting check failed: run ./build.sh format and commit the result.\n'
    status=1
  fi

  rm -rf "$RESULTS_DIR"
  mkdir -p "$RESULTS_DIR"
  local project name
  local -a projects
  mapfile -t projects < <(test_projects)
  ((${#projects[@]} > 0)) || { printf '\nNo test projects found in %s.\n' "$SOLUTION"; status=1; }
  for project in "${projects[@]}"; do
    name=$(basename "$project" .csproj)
    log "dotnet test $project"
    if ! dotnet test "$project" -c "$CONFIGURATION" --no-build \
      --logger "trx;LogFileName=$name.trx" --results-directory "$RESULTS_DIR" \
      --blame-hang-timeout "$HANG_TIMEOUT" --blame-hang-dump-type none </dev/null; then
      status=1
    fi
    if [[ ! -f $RESULTS_DIR/$name.trx ]]; then
      printf '%s produced no results (%s/%s.trx is missing).\n' "$name" "$RESULTS_DIR" "$name"
      status=1
    fi
  done

  log "Results"
  local summary last passed failed skipped problems
  summary=$(summarize_trx) || { status=1; summary='0 0 0 1'; }
  last=${summary##*$'\n'}
  [[ $summary == *$'\n'* ]] && printf '%s\n' "${summary%$'\n'*}"
  [[ $last =~ ^[0-9]+\ [0-9]+\ [0-9]+\ [0-9]+$ ]] || { status=1; last='0 0 0 1'; }
  read -r passed failed skipped problems <<<"$last"
  ((failed == 0 && problems == 0)) || status=1
  if ((passed + failed == 0)); then
    printf '\nNo tests ran.\n'
    status=1
  fi
  if ((status != 0 && failed == 0)); then
    printf '\nThe run failed (see above) although no test failed.\n'
  fi
  print_totals "$passed" "$failed" "$skipped"
  return "$status"
}

print_totals() {
  printf '%s passed, %s failed, %s skipped\n' "$1" "$2" "$3"
}

main() {
  local command=${1:-build}
  case "$command" in
    build)
      require_dotnet
      restore
      build
      ;;
    test)
      run_tests
      ;;
    format)
      require_dotnet
      restore
      log "dotnet format $SOLUTION"
      dotnet format "$SOLUTION" --no-restore </dev/null
      ;;
    help | -h | --help)
      usage
      ;;
    *)
      usage >&2
      printf '\nUnknown command: %s\n' "$command" >&2
      exit 2
      ;;
  esac
}

main "$@"
