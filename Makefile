# syscost: the front door. `make` lists the targets.
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

PRESET ?= native-linux-debug
# The demo's numbers are the ones people quote: they come from the release build unless
# PRESET is given (PRESET=native-linux-debug make demo-09 uses the walkthrough's paths).
DEMO_PRESET := $(if $(filter file,$(origin PRESET)),native-linux-release,$(PRESET))
DEMO_BIN := build/$(DEMO_PRESET)/bin
PRESET_ARG := $(if $(filter file,$(origin PRESET)),,PRESET=$(PRESET))
BENCH := $(DEMO_BIN)/tools/bench
ARTIFACTS ?= artifacts/demo-09
RUNNER ?= auto
CTEST_ARGS ?=

##@ General

.PHONY: help
help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} \
	  /^##@/ {printf "\n%s\n", substr($$0, 5); next} \
	  /^[a-zA-Z0-9_.-]+:.*## / {printf "  %-18s %s\n", $$1, $$2}' $(MAKEFILE_LIST)
	@echo
	@echo "Start with: make demo-09   (the whole demo)   or   make test"

.PHONY: deps
deps: ## install the packages the kit needs (apt-get as root; otherwise prints the command)
	@ci/install-deps.sh

##@ Build

.PHONY: debug
debug: deps ## configure and build the debug preset (build/native-linux-debug)
	@cmake --preset native-linux-debug >/dev/null
	@cmake --build --preset native-linux-debug

.PHONY: release
release: deps ## configure and build the release preset (build/native-linux-release)
	@cmake --preset native-linux-release >/dev/null
	@cmake --build --preset native-linux-release

.PHONY: build
build: deps ## build PRESET (default native-linux-debug)
	@cmake --preset $(PRESET) >/dev/null
	@cmake --build --preset $(PRESET)

.PHONY: tools
tools: build ## build the bench tool
	@cmake --build --preset $(PRESET) --target bench

.PHONY: tools-rust
tools-rust: tools ## alias of tools (the original walkthrough's name)

.PHONY: clean
clean: ## remove build trees and artifacts
	rm -rf build artifacts

##@ Test

.PHONY: test
test: build ## unit and end-to-end tests (root-only tests skip, saying why, without root)
	@ctest --preset $(PRESET) $(CTEST_ARGS)

.PHONY: test-asan
test-asan: deps ## every unit and e2e test under ASan + UBSan (clang; leaks fatal), in build/native-linux-asan
	@cmake --preset native-linux-asan >/dev/null
	@cmake --build --preset native-linux-asan
	@ctest --preset native-linux-asan $(CTEST_ARGS)

CUDA_SMOKE := build/$(PRESET)/bin/cuda/cuda_smoke
.PHONY: cuda-smoke
cuda-smoke: build ## build and run the CUDA smoke program (needs nvcc): the GPU, or "no CUDA device" (a skip)
	@[[ -x $(CUDA_SMOKE) ]] || { echo "error: $(CUDA_SMOKE) was not built: CMake found no nvcc; install a CUDA toolkit, or run it in dev-cuda (make compose-debug)" >&2; exit 2; }
	@status=0; $(CUDA_SMOKE) || status=$$?; \
	if ((status == 77)); then echo "SKIP cuda-smoke: built and linked with nvcc; no GPU run without a CUDA device"; \
	elif ((status)); then echo "error: $(CUDA_SMOKE) failed (exit $$status)" >&2; exit 1; fi

FUZZ_SECONDS ?= 60
.PHONY: fuzz
fuzz: deps ## libFuzzer targets (clang) in build/fuzz, each run for FUZZ_SECONDS (default 60)
	@tests/fuzz/run-fuzzers.sh build/fuzz $(FUZZ_SECONDS)

##@ Cross build (arm64)

CROSS_PRESET ?= cross-linux-arm64
# The native build whose syscall counts test-arm64 compares with, when it has been built.
CROSS_NATIVE_BIN ?= build/$(PRESET)/bin

.PHONY: cross-arm64
cross-arm64: ## cross-compile the kit for arm64 with Debian's aarch64 gcc (build/cross-linux-arm64; installs what is missing)
	@ci/install-cross-arm64.sh
	@cmake --preset $(CROSS_PRESET) >/dev/null
	@cmake --build --preset $(CROSS_PRESET)

.PHONY: test-arm64
test-arm64: cross-arm64 ## the arm64 build's unit tests and a --quick demo run under qemu-user: correctness only, no timings
	@ctest --preset $(CROSS_PRESET) $(CTEST_ARGS)
	@tests/cross/quick_run.sh build/$(CROSS_PRESET) $(if $(wildcard $(CROSS_NATIVE_BIN)/ptests/BenchDemo_09_BpftraceProfiler),$(CROSS_NATIVE_BIN))

##@ Demo

.PHONY: demo-09
demo-09: ## the whole Demo 09 walkthrough, release build; RUNNER=compose|native (default: compose when Docker answers)
	@runner=$(RUNNER); \
	if [[ $$runner == auto ]]; then \
	  if ci/docker-answers.sh 2>/dev/null; then runner=compose; else runner=native; fi; \
	fi; \
	echo "demo-09: running $$runner (override with RUNNER=compose|native)"; \
	$(MAKE) demo-09-$$runner

# The benchmark program and bench of DEMO_PRESET, and nothing else.
.PHONY: demo-build
demo-build: deps
	@cmake --preset $(DEMO_PRESET) >/dev/null
	@cmake --build --preset $(DEMO_PRESET) --target BenchDemo_09_BpftraceProfiler bench

# The seccomp rounds demo-09-compose ran on the host, for run_demo.sh to file (none natively).
SECCOMP_ROUNDS_DIR ?=
.PHONY: demo-09-native
demo-09-native: demo-build ## the demo on this machine, release build: artifacts, plots and REPORT.md in artifacts/demo-09
	@src/demos/09_bpftrace_profiler/run_demo.sh$(if $(SECCOMP_ROUNDS_DIR), --seccomp-rounds $(SECCOMP_ROUNDS_DIR)) $(DEMO_BIN) $(ARTIFACTS)

.PHONY: demo-09-full
demo-09-full: ## the native demo with make overhead's full five rounds (slower: ~2 min after the build here)
	@OVERHEAD_ROUNDS=5 OVERHEAD_SLOW_CYCLES=10 $(MAKE) demo-09-native

.PHONY: overhead
overhead: demo-build ## the observer effect: ManySmallWrites untraced, under an empty BPF pair (the floor), libbpf (count-only, latency), bpftrace, perf trace, strace, in interleaved rounds (root)
	@src/tools/overhead/overhead.sh $(DEMO_BIN) $(ARTIFACTS)

.PHONY: tracer-variants
tracer-variants: ## each design of the libbpf tracer against the kernel's floor (root): the CPU guide's table
	@tools/tracer-variants/run.sh

.PHONY: plots
plots: demo-build ## charts of the last demo run (gnuplot): ARTIFACTS/plots/*.png and *.svg
	@$(BENCH) plot all $(ARTIFACTS)

.PHONY: report
report: demo-build ## ARTIFACTS/REPORT.md and REPORT.html (charts inlined) from the last demo run's files
	@$(BENCH) report $(ARTIFACTS)

# bench fleet over RUNS (run folders: other hosts, kernels, containers), into FLEET_OUT.
RUNS ?=
FLEET_OUT ?= artifacts/fleet
.PHONY: fleet
fleet: demo-build ## RUNS="DIR DIR..." side by side, each by its own null syscall: FLEET_OUT (artifacts/fleet)/fleet.md, .html, .png
	@[[ -n "$(strip $(RUNS))" ]] || { echo "error: make fleet: RUNS names no run folder: RUNS=\"artifacts/demo-09-native artifacts/demo-09\"" >&2; exit 2; }
	@$(BENCH) fleet -o $(FLEET_OUT) $(RUNS)

.PHONY: doctor
doctor: ## can this machine run each part of the demo? one line each: OK, WARN or MISSING, and what to do
	@src/tools/doctor/doctor.sh $(DEMO_BIN)

.PHONY: docs
docs: ## refresh the docs' output blocks and docs/img/ charts from the last demo run (ARTIFACTS)
	@ARTIFACTS=$(ARTIFACTS) python3 docs/gen_docs.py

##@ Containers

# `docker compose` (v2) when the plugin exists, else `docker-compose` (1.29, Debian 12's);
# looked up on first use only, so targets that never touch compose never pay for it.
COMPOSE ?= $(eval COMPOSE := $(shell source ci/lib.sh && compose_cmd))$(COMPOSE)
SERVICE ?= dev-cuda
GPU ?= 0
BASE_IMAGE ?=
DROP_CACHE ?= 0
DC = $(if $(BASE_IMAGE),SYSCOST_CUDA_BASE_IMAGE=$(BASE_IMAGE) SYSCOST_DEV_BASE_IMAGE=$(BASE_IMAGE) SYSCOST_TRIXIE_BASE_IMAGE=$(BASE_IMAGE)) \
  $(COMPOSE) -f compose.yaml $(if $(filter 1,$(GPU)),-f compose.gpu.yaml)

.PHONY: compose-ready
compose-ready:
	@[[ -n "$(COMPOSE)" ]] || { echo "error: neither 'docker compose' nor 'docker-compose' found: run ci/install-container-tools.sh" >&2; exit 2; }
	@source ci/lib.sh && docker_answers || { echo "error: no Docker engine answers: start one (ci/start-dockerd.sh as root, or systemctl start docker)" >&2; exit 2; }

.PHONY: compose-build
compose-build: compose-ready ## build the dev image(s) (SERVICE="dev-cuda dev dev-trixie", BASE_IMAGE=local base for no registry)
	$(DC) build $(SERVICE)

.PHONY: compose-debug
compose-debug: compose-ready ## configure and build the debug preset inside SERVICE (default dev-cuda; there also the CUDA smoke program)
	$(DC) run --rm -T $(SERVICE) make debug $(if $(filter dev-cuda,$(SERVICE)),cuda-smoke)

.PHONY: compose-test
compose-test: compose-ready ## unit and end-to-end tests inside SERVICE (e.g. SERVICE=dev-trixie: Debian 13's toolchain)
	@ci/ensure-tracefs.sh
	$(DC) -f compose.test.yaml run --rm -T $(SERVICE) make test CTEST_ARGS="$(CTEST_ARGS)"

.PHONY: compose-shell
compose-shell: compose-ready ## an interactive shell in SERVICE, repo at /workspace (GPU=1 reserves the GPUs)
	$(DC) run --rm $(SERVICE) bash

.PHONY: compose-down
compose-down: compose-ready ## remove the kit's containers (DROP_CACHE=1 also deletes the containers' build trees, build/compose)
	$(DC) down --remove-orphans
	$(if $(filter 1,$(DROP_CACHE)),rm -rf build/compose)

# The compose demo first measures the container's seccomp tax: SECCOMP_ROUNDS rounds of the
# Syscall suite, each in a container under the engine's default seccomp profile and in one with
# seccomp=unconfined (seccomp_rounds.sh); the demo then puts them into its run folder.
# SECCOMP=unconfined runs the demo itself without the filter too (a run to set beside the
# default one in bench fleet); never for everyday use.
SECCOMP_ROUNDS ?= 12
SECCOMP ?= default
.PHONY: demo-09-compose
demo-09-compose: compose-ready ## the demo inside SERVICE (default dev-cuda), artifacts in artifacts/demo-09, with the seccomp tax (SECCOMP_ROUNDS rounds)
	@[[ $(SECCOMP) == default || $(SECCOMP) == unconfined ]] || { echo "error: SECCOMP=$(SECCOMP): default or unconfined" >&2; exit 2; }
	@ci/ensure-tracefs.sh
	$(DC) run --rm -T $(SERVICE) make demo-build $(PRESET_ARG)
	@mkdir -p $(dir $(ARTIFACTS)); \
	rounds=$$(mktemp -d "$(dir $(ARTIFACTS)).$(notdir $(ARTIFACTS)).seccomp.XXXXXX"); \
	trap 'rm -rf "$$rounds"' EXIT; \
	echo "demo-09: the seccomp tax: $(SECCOMP_ROUNDS) rounds of the Syscall suite, default profile and unconfined"; \
	SECCOMP_ROUNDS=$(SECCOMP_ROUNDS) src/demos/09_bpftrace_profiler/seccomp_rounds.sh "$$rounds" $(DEMO_BIN) $(SERVICE) env $(DC); \
	$(DC) $(if $(filter unconfined,$(SECCOMP)),-f compose.seccomp-unconfined.yaml) run --rm -T \
	  -e SECCOMP_ROUNDS_DIR=$$rounds $(SERVICE) make demo-09-native ARTIFACTS=$(ARTIFACTS) $(PRESET_ARG)

##@ A/B comparisons

# bench ab on the demo's cases. src/tools/ab/ab.sh takes these from the environment, so a
# FILTER or BASELINE is passed as data, never spliced into shell code. ROUNDS empty: bench
# ab's default (90 rounds of one run per side, about 45 s for the two cases here).
BASELINE ?=
FILTER ?= BpftraceProfiler.ManySmallWrites:BpftraceProfiler.SingleBatchedWrite
ROUNDS ?=
THRESHOLD ?= 5
TRIALS ?= 10
AB_OUT ?= artifacts/ab
noise ab: export AB_FILTER = $(FILTER)
noise ab: export AB_ROUNDS = $(ROUNDS)
noise ab: export AB_THRESHOLD = $(THRESHOLD)
noise: export AB_TRIALS = $(TRIALS)
ab: export AB_BASELINE = $(BASELINE)
ab: export AB_OUT_DIR = $(AB_OUT)

.PHONY: ab
ab: demo-build ## BASELINE=<git ref>: its release build (worktree under build/ab/) against this tree, bench ab on FILTER; artifacts/ab/ (ab.txt, ab.md, ab.json, ab.png)
	@[[ -n "$$AB_BASELINE" ]] || { echo "error: make ab: give BASELINE=<git ref> (a branch, tag or hash: make ab BASELINE=main)" >&2; exit 2; }
	@src/tools/ab/ab.sh ab $(DEMO_BIN) "$$AB_BASELINE" "$$AB_OUT_DIR"

.PHONY: noise
noise: demo-build ## A/A calibration: FILTER against itself TRIALS times (bench ab --aa): false alarms at THRESHOLD %, smallest detectable slowdown
	@src/tools/ab/ab.sh noise $(DEMO_BIN)

##@ CI

.PHONY: ci
ci: ## the whole CI: tests, the demo natively and in compose (local base image), artifact checks
	@ci/ci.sh
