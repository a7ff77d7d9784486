# syscost: the front door. `make` lists the targets.
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

PRESET ?= native-linux-debug
BUILD_DIR := build/$(PRESET)
BIN := $(BUILD_DIR)/bin
DEMO := $(BIN)/ptests/BenchDemo_09_BpftraceProfiler
BENCH := $(BIN)/tools/bench
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

##@ Demo

.PHONY: demo-09
demo-09: ## the whole Demo 09 walkthrough; RUNNER=compose|native (default: compose when Docker answers)
	@runner=$(RUNNER); \
	if [[ $$runner == auto ]]; then \
	  if ci/docker-answers.sh 2>/dev/null; then runner=compose; else runner=native; fi; \
	fi; \
	echo "demo-09: running $$runner (override with RUNNER=compose|native)"; \
	$(MAKE) demo-09-$$runner

.PHONY: demo-09-native
demo-09-native: build ## the demo on this machine, artifacts in artifacts/demo-09
	@src/demos/09_bpftrace_profiler/run_demo.sh $(BIN) $(ARTIFACTS)
