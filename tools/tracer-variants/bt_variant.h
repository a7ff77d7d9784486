/* A bpftrace script run as a tracer variant (see bt_variant.c). */
#ifndef TRACER_VARIANTS_BT_VARIANT_H
#define TRACER_VARIANTS_BT_VARIANT_H

#include <stddef.h>
#include <sys/types.h>

struct bt_run {
    pid_t pid;   /* 0: not running */
    int out_fd;  /* its stdout and stderr, an unlinked file; -1: none */
};

/* Starts `bpftrace SCRIPT <our pid> COMM` and returns once its probes are attached. */
int bt_start(struct bt_run *b, const char *bpftrace, const char *script, const char *comm,
             char *err, size_t errlen);
/* Stops it with SIGINT; write_calls: the write() calls its maps show, -1 when none. */
int bt_stop(struct bt_run *b, long long *write_calls, char *err, size_t errlen);
/* Kills it, if it runs, and forgets its output. */
void bt_kill(struct bt_run *b);

#endif
