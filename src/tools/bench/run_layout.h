/* The contract of a Demo 09 run folder, the one place its layout is spelled:
 * every file the demo leaves, the step that writes it, what writes it, and
 * when it is there. Everything else follows it:
 *   - bench reads a folder by these names (run_dir.c, bench plot all, bench report);
 *   - run_demo.sh and overhead.sh take their names from `bench layout --format shell`;
 *   - ci/check-artifacts.py and docs/gen_docs.py read this file (run_layout.py);
 *   - docs/ARTIFACTS.md says the same for people, and
 *     tests/e2e/test_artifacts_contract.sh keeps the four equal and checks a real
 *     run folder against them.
 * The entries are parsed by run_layout.py: keep each X(...) on one line, its
 * fields plain string literals, with no escapes and no macros inside. */
#ifndef BENCH_RUN_LAYOUT_H
#define BENCH_RUN_LAYOUT_H

#include <stddef.h>

/* The demo's steps, in the order run_demo.sh runs them: X(KEY, "title") */
#define RUN_LAYOUT_STEPS(X)                                                                                          \
    X(BASELINE, "Step 1: baseline, every case (calibrated repeats; summary below)")                                  \
    X(PROFILE, "Steps 2-3: the write() latency histogram, traced (exactly 500 x 1024 writes for ManySmallWrites)")   \
    X(BATCHING, "Batching: each case against its batched form (paired by name)")                                     \
    X(COMPARE, "Step 4: 1024 one-byte writes (slow.csv) against one 1024-byte write (fast.csv)")                     \
    X(OVERHEAD, "Observer effect: what tracing adds to each write()")                                                \
    X(SECCOMP, "The container's seccomp tax: the Syscall suite under the default seccomp profile and unconfined, in alternating rounds") \
    X(REPORT, "Plots and report")

/* X(KEY, "path", STEP, "when", "written by", "what")
 * path: relative to the run folder; a folder ends in '/'. Placeholders:
 *   <Suite.Case> a case name, <script> a tracer script (syslat, syscount, writesize,
 *   libbpf-syslat), <tool> an overhead label (none, libbpf, bpftrace, perf-trace,
 *   strace), <chart> a chart name, <n> a number.
 * when: the conditions under which the demo writes it, joined by '+': always;
 *   privileged (root or CAP_BPF+CAP_PERFMON: the tracing steps ran); unprivileged
 *   (they were skipped); perf, strace (that tool works here); gnuplot (installed);
 *   compose (the compose demo ran the seccomp rounds: make demo-09 RUNNER=compose);
 *   native (any other run: no rounds, seccomp-skipped.txt says why). */
#define RUN_LAYOUT_FILES(X)                                                                                          \
    X(ENV_TXT, "env.txt", BASELINE, "always", "the benchmark program (--env-txt), then run_demo.sh", "the machine, the build, the tool versions and the program's warnings, as key: value lines") \
    X(RUN_TXT, "run.txt", BASELINE, "always", "the benchmark program (its console)", "one line per case: time per call, rate, CV, syscalls per call") \
    X(DEMO_CSV, "demo.csv", BASELINE, "always", "the benchmark program (--csv)", "every case, one row each, with every repeat's sample") \
    X(DEMO_JSON, "demo.json", BASELINE, "always", "the benchmark program (--json)", "the same run in google benchmark's JSON layout") \
    X(SUMMARY_TXT, "summary.txt", BASELINE, "always", "bench summary", "the summary table of demo.csv") \
    X(PROFILE_SKIPPED, "profile-skipped.txt", PROFILE, "unprivileged", "run_demo.sh", "why steps 2-3 did not run") \
    X(PROFILE_BPFTRACE_TXT, "profile-bpftrace.txt", PROFILE, "privileged", "the benchmark program (--profile bpftrace)", "the traced runs' console") \
    X(PROFILE_LIBBPF_TXT, "profile-libbpf.txt", PROFILE, "privileged", "the benchmark program (--profile libbpf)", "the traced runs' console") \
    X(TRACE_JSON, "<Suite.Case>.<script>.json", PROFILE, "privileged", "the benchmark program (--profile)", "one tracer's maps for one case (bpftrace -f json lines)") \
    X(TRACE_TXT, "<Suite.Case>.<script>.txt", PROFILE, "privileged", "the benchmark program (--profile)", "the same maps as the tracer prints them") \
    X(HIST_TXT, "hist-ManySmallWrites.txt", PROFILE, "privileged", "bench hist", "ManySmallWrites' write() latency histogram as a table, with median and p99") \
    X(BATCHING_TXT, "batching.txt", BATCHING, "always", "bench batching", "each case of demo.csv against its batched form") \
    X(BATCHING_MD, "batching.md", BATCHING, "always", "bench batching --format markdown", "the same table in markdown") \
    X(SLOW_CSV, "slow.csv", COMPARE, "always", "the benchmark program (--csv)", "ManySmallWrites (the baseline), its row of the pair's pooled run") \
    X(FAST_CSV, "fast.csv", COMPARE, "always", "the benchmark program (--csv)", "SingleBatchedWrite (the candidate), its row of the pair's pooled run") \
    X(COMPARE_TXT, "compare.txt", COMPARE, "always", "bench compare", "slow.csv against fast.csv, tested on the samples; then paired, round by round") \
    X(OVERHEAD_DIR, "overhead/", OVERHEAD, "privileged", "overhead.sh (make overhead)", "the observer effect: one case untraced and under each tracer") \
    X(OVERHEAD_CSV, "overhead/<tool>.<n>.csv", OVERHEAD, "privileged", "the benchmark program (--profile-tool-label)", "ManySmallWrites under one tool in round <n>, profileTool naming it; a libbpf tool's also ManySmallWrites/detached, its untraced repeats") \
    X(OVERHEAD_LOG, "overhead/<tool>.log", OVERHEAD, "privileged", "overhead.sh", "that tool's runs' console and errors") \
    X(OVERHEAD_TRACES, "overhead/traces/", OVERHEAD, "privileged", "the benchmark program (--artifact-root)", "the tracers' own output of those runs") \
    X(OVERHEAD_TRACE_JSON, "overhead/traces/<Suite.Case>.<script>.json", OVERHEAD, "privileged", "the benchmark program (--profile)", "one tracer's maps for one overhead run") \
    X(OVERHEAD_TRACE_TXT, "overhead/traces/<Suite.Case>.<script>.txt", OVERHEAD, "privileged", "the benchmark program (--profile)", "the same maps as the tracer prints them") \
    X(PERF_SUMMARY, "overhead/perf-trace.summary.txt", OVERHEAD, "privileged+perf", "perf trace -s", "perf trace's own per-syscall summary") \
    X(STRACE_SUMMARY, "overhead/strace.summary.txt", OVERHEAD, "privileged+strace", "strace -c", "strace's own per-syscall summary") \
    X(OVERHEAD_BPF_STATS, "overhead/bpf-stats.tsv", OVERHEAD, "privileged", "overhead.sh (--bpf-stats runs)", "each libbpf tracer's BPF run time per syscall, as the kernel counts it") \
    X(OVERHEAD_SKIPPED, "overhead/skipped.tsv", OVERHEAD, "always", "overhead.sh", "each tool that could not run here, and why") \
    X(OVERHEAD_TXT, "overhead/overhead.txt", OVERHEAD, "privileged", "bench overhead", "ns per write() untraced and under each tool, and what each adds") \
    X(OVERHEAD_MD, "overhead/overhead.md", OVERHEAD, "privileged", "bench overhead --format markdown", "the same table in markdown") \
    X(SECCOMP_SKIPPED, "seccomp-skipped.txt", SECCOMP, "native", "run_demo.sh", "why the seccomp tax was not measured here") \
    X(SECCOMP_DIR, "seccomp/", SECCOMP, "compose", "seccomp_rounds.sh (make demo-09 RUNNER=compose)", "the Syscall suite in rounds, under the engine's default seccomp profile and unconfined") \
    X(SECCOMP_DEFAULT_CSV, "seccomp/default.<n>.csv", SECCOMP, "compose", "the benchmark program (--csv) in the service", "round n under the engine's default seccomp profile") \
    X(SECCOMP_UNCONFINED_CSV, "seccomp/unconfined.<n>.csv", SECCOMP, "compose", "the benchmark program (--csv) with seccomp=unconfined", "round n without a seccomp filter, every other setting the same") \
    X(SECCOMP_DEFAULT_ENV, "seccomp/default.env.txt", SECCOMP, "compose", "the benchmark program (--env-txt) in round 1", "the default side's fingerprint: its seccomp lines show the filter") \
    X(SECCOMP_UNCONFINED_ENV, "seccomp/unconfined.env.txt", SECCOMP, "compose", "the benchmark program (--env-txt) in round 1", "the unconfined side's fingerprint: its seccomp lines show no filter") \
    X(SECCOMP_TXT, "seccomp/seccomp.txt", SECCOMP, "compose", "bench seccomp", "what the filter adds per syscall, case by case, with its 95 percent interval") \
    X(SECCOMP_MD, "seccomp/seccomp.md", SECCOMP, "compose", "bench seccomp --format markdown", "the same table in markdown") \
    X(PLOTS_DIR, "plots/", REPORT, "gnuplot", "bench plot all", "the charts every file of the run allows") \
    X(PLOT_PNG, "plots/<chart>.png", REPORT, "gnuplot", "bench plot all", "a chart: compare, samples, hist-<script>, overhead, sweep, syscall") \
    X(PLOT_SVG, "plots/<chart>.svg", REPORT, "gnuplot", "bench plot all", "the same chart as SVG") \
    X(PLOT_DAT, "plots/<chart>.dat", REPORT, "gnuplot", "bench plot all", "the numbers a chart draws") \
    X(PLOT_HIST_DAT, "plots/<chart>.<n>.<Suite.Case>.dat", REPORT, "privileged+gnuplot", "bench plot all", "one case's buckets in a histogram chart") \
    X(PLOT_TITLES, "plots/<chart>.titles.dat", REPORT, "gnuplot", "bench plot all", "a chart's titles and labels, as data") \
    X(REPORT_MD, "REPORT.md", REPORT, "always", "bench report", "the whole run on one page, with a conclusion computed from the numbers") \
    X(REPORT_HTML, "REPORT.html", REPORT, "always", "bench report", "the same page, self-contained, charts inlined")

enum run_step {
#define RUN_LAYOUT_STEP_ENUM(key, title) RUN_STEP_##key,
    RUN_LAYOUT_STEPS(RUN_LAYOUT_STEP_ENUM)
#undef RUN_LAYOUT_STEP_ENUM
    RUN_STEP_COUNT
};

enum run_file {
#define RUN_LAYOUT_FILE_ENUM(key, path, step, when, writer, what) RUN_FILE_##key,
    RUN_LAYOUT_FILES(RUN_LAYOUT_FILE_ENUM)
#undef RUN_LAYOUT_FILE_ENUM
    RUN_FILE_COUNT
};

struct run_layout_step {
    const char *key, *title;
};

struct run_layout_file {
    const char *key, *path;
    enum run_step step;
    const char *when, *writer, *what;
};

extern const struct run_layout_step run_layout_steps[RUN_STEP_COUNT];
extern const struct run_layout_file run_layout_files[RUN_FILE_COUNT];

/* dir/<the file's path>, without a folder's trailing '/'; -1 when it does not fit. */
int run_layout_join(const char *dir, enum run_file f, char *out, size_t len);

/* Whether `name`, a file name without folders, is the last part of f's path
 * with its one <n> a number ("default.3.csv" of "seccomp/default.<n>.csv"):
 * 1 and *n set (at least 1), or 0. */
int run_layout_numbered(enum run_file f, const char *name, long *n);

#endif
