/* The machine a run happens on: context for reports, and the warnings
 * that explain noisy or slow numbers. */
#ifndef SYSCOST_ENV_H
#define SYSCOST_ENV_H

#include <stdbool.h>
#include <stdio.h>

struct sc_env {
    char hostname[128];
    char platform[256];   /* "Linux 6.18.0 x86_64" */
    char timestamp[32];   /* ISO 8601, UTC */
    char cpu_model[128];
    int num_cpus;
    int cpus_allowed;     /* this process may run on (nproc); num_cpus when unknown */
    double mhz;           /* 0 when unknown */
    char clocksource[32]; /* "" when unknown */
    char governor[32];    /* "" when there is no cpufreq (VMs) */
    bool in_container;
    bool container_markers; /* /.dockerenv or /run/.containerenv: what an image leaves,
                             * even in a VM built from one (in_container looks further) */
    bool in_compose;      /* started by make demo-09-compose (SYSCOST_IN_COMPOSE) */
    char user[64];
    unsigned uid;         /* effective */
    bool hw_counters;
    double load_avg[3];
    const char *build_type;
    const char *git_hash;
    const char *compiler; /* the one that built this program: "gcc 12.2.0" */
};

void sc_env_collect(struct sc_env *e);

/* Writes the plain-words warnings, one per line, to f. */
void sc_env_warn(const struct sc_env *e, FILE *f);

/* Writes env.txt of a run folder: "key: value" lines (kernel, cpu, cores,
 * clocksource, governor, runner, container markers, build, compiler, user),
 * then the warnings, as "warning: ..." lines. Returns -1 on a write error. */
int sc_env_write_txt(const struct sc_env *e, FILE *f);

/* Reads the first line of a small file into buf without the newline;
 * returns -1 when it cannot. */
int sc_read_line(const char *path, char *buf, size_t len);

#endif
