#!/usr/bin/env bash
# Installs, with apt only, the packages the kit needs on Debian 12 or Ubuntu 24.04.
# The single package list of the kit: the Makefile, CI and the container images use it.
#   ci/install-deps.sh           install what is missing (as root), or print the command
#   ci/install-deps.sh --list    print the package list and exit
set -euo pipefail

# Needed: building, unit tests, profiling, plots, the io_uring case.
required=(
  build-essential cmake make pkg-config git python3
  googletest libgtest-dev
  clang libclang-rt-dev llvm libbpf-dev libelf-dev zlib1g-dev bpftrace
  gnuplot-nox
  liburing-dev
  strace procps util-linux
)
# Wanted where the distribution has them: a skeleton generator, perf trace.
optional=(bpftool linux-perf valgrind)

if [[ "${1:-}" == "--list" ]]; then
  printf '%s\n' "${required[@]}" "${optional[@]}"
  exit 0
fi

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

missing=()
for p in "${required[@]}"; do installed "$p" || missing+=("$p"); done
want=()
for p in "${optional[@]}"; do installed "$p" || want+=("$p"); done

if ((${#missing[@]} == 0 && ${#want[@]} == 0)); then
  exit 0
fi
if ((${#missing[@]} == 0)) && [[ -e "${SYSCOST_DEPS_STAMP:-/var/tmp/syscost-optional-checked}" ]]; then
  exit 0 # optional packages this distribution lacks were looked for already
fi

if [[ $(id -u) -ne 0 ]]; then
  if ((${#missing[@]})); then
    echo "error: missing packages: ${missing[*]}" >&2
    echo "install them with:  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
echo "installing: ${missing[*]} ${want[*]}" >&2
apt-get update -qq
available=()
for p in "${want[@]}"; do
  if apt-cache show "$p" >/dev/null 2>&1; then available+=("$p"); fi
done
apt-get install -y -qq --no-install-recommends "${missing[@]}" "${available[@]}" >/dev/null
touch "${SYSCOST_DEPS_STAMP:-/var/tmp/syscost-optional-checked}" 2>/dev/null || true
