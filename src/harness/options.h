/* Command-line options of a benchmark program. */
#ifndef SYSCOST_OPTIONS_H
#define SYSCOST_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>

struct sc_options {
    const char *filter;       /* NULL: every case */
    bool list;
    bool help;
    uint64_t cycles;          /* 0: calibrate to min_time_ms per repeat */
    uint64_t repeats;
    int64_t warmup;           /* -1: one repeat's worth of calls */
    double min_time_ms;       /* target length of one repeat when calibrating */
    double cv_threshold;      /* fraction */
    bool quick;
    const char *csv_path;
    const char *json_path;
    const char *env_txt_path; /* env.txt of a run folder */
    const char *profile;      /* "none", "bpftrace", "libbpf", "libbpf-count", "libbpf-floor" */
    const char *bpf_scripts;  /* comma-separated script names */
    const char *bpf_dir;      /* NULL: found from the binary's location */
    const char *artifact_root;
    const char *profile_tool_label; /* overrides profileTool in the CSV */
    bool bpf_stats;           /* libbpf tracers: BPF run-time statistics while attached */
    bool profile_pairs;       /* repeats in pairs, the tracer attached for one, detached
                               * for the other */
    bool verbose;
    bool no_interleave;       /* case after case instead of shuffled rounds */
    bool seed_set;
    uint32_t seed;            /* the rounds' order; drawn at random unless seed_set */
    uint64_t processes;       /* fresh processes whose samples are pooled */
};

/* Parses argv. On a bad flag or value, or flags that contradict each other
 * (--bpf without --profile bpftrace, two of --csv, --json, --env-txt naming one file,
 * --seed without rounds or pairs to order, --processes with --profile,
 * --profile-pairs without --profile),
 * writes one line to stderr and returns -1 (the caller exits with status 2). */
int sc_options_parse(int argc, char **argv, struct sc_options *o);

void sc_options_print_help(const char *prog, const char *title);

#endif
