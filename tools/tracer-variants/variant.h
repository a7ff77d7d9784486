/* One tracer variant: a BPF object loaded the way the kit's libbpf tracer
 * loads its own, attached and detached around a measurement.
 *
 * The contract with an object (each part optional):
 *   .rodata  exactly a struct syslat_config (cfg), set before load;
 *   .data    exactly a struct syslat_control (control), mapped read-write:
 *            armed while a measurement runs, zeroed before each;
 *   .bss     the results, mapped read-write: zeroed before each
 *            measurement, read after (struct syslat_results or
 *            struct syscount_results when the size says so).
 * Every program in the object is attached, sys_exit ones first.
 * A PATH ending in .bt is a bpftrace script instead (bt_variant.h). */
#ifndef TRACER_VARIANTS_VARIANT_H
#define TRACER_VARIANTS_VARIANT_H

#include <stddef.h>
#include <stdint.h>

#include "bt_variant.h"
#include "syslat.h"

#define VARIANT_MAX_PROGS 4

struct variant_prog_stats {
    const char *name;
    uint64_t run_time_ns;
    uint64_t run_cnt;
};

struct variant {
    const char *label;
    const char *path;  /* NULL: "none", nothing attached */
    struct bpf_object *obj;
    struct bpf_link *links[VARIANT_MAX_PROGS];
    int n_links;
    int prog_fds[VARIANT_MAX_PROGS];
    const char *prog_names[VARIANT_MAX_PROGS];
    int n_progs;
    struct syslat_control *control;  /* mapped .data, or NULL */
    void *results;                   /* mapped .bss, or NULL */
    size_t results_size;
    const char *bt_script;           /* a bpftrace variant's script, else NULL */
    const char *bpftrace;            /* and the bpftrace to run it with */
    char comm[16];
    struct bt_run bt;
    long long bt_write_calls;        /* write()s in its output after detach, -1: none */
    char bt_error[320];              /* why it ended badly, "" if it did not */
};

/* The measured thread's identity, as the kit's harness gives it. */
struct variant_target {
    char comm[16];         /* "sc-" and 12 hex digits */
    const char *bpftrace;  /* the bpftrace binary for .bt variants */
};

/* A fresh name of the kit's form (sc-<12 hex digits>). */
void variant_make_comm(char out[16]);

/* Opens and loads LABEL=PATH (PATH "none": nothing). One line in err on failure. */
int variant_load(struct variant *v, const char *label, const char *path,
                 const struct variant_target *t, char *err, size_t errlen);
/* Zeroes control and results, attaches every program (starts bpftrace). */
int variant_attach(struct variant *v, char *err, size_t errlen);
void variant_arm(struct variant *v, int armed);
void variant_detach(struct variant *v);
void variant_close(struct variant *v);

/* Run-time statistics of each program (zero unless BPF stats are on). */
int variant_prog_stats(const struct variant *v, struct variant_prog_stats *out, int max);

/* The results as the fast tracers lay them out, or NULL. */
const struct syslat_results *variant_syslat(const struct variant *v);
const struct syscount_results *variant_syscount(const struct variant *v);

#endif
