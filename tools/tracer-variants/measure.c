/* Interleaved rounds: each round measures every variant once, in an order
 * that rotates from round to round. Where the variants include "none" and
 * "floor", each other variant is measured in a group with its own none and
 * floor, one right after the other (N F V, or V F N in every other group),
 * so a difference never spans more than a second of this machine's drift.
 * Without them, a round is one group. One measurement: attach, arm, name the
 * thread like the kit's harness does, warm up, time N one-byte write()s to
 * /dev/null in CHUNKS chunks, restore the name, disarm, detach; one CSV
 * row with the median chunk's time per write(), which an interrupt or a
 * neighbour's burst in one chunk does not move. */
#include "measure.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define CHUNKS 15

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* The kit's ManySmallWrites call, one write() of one byte at a time. */
static __attribute__((noinline)) int write_bytes(int fd, uint64_t n)
{
    static const char byte = 'x';
    for (uint64_t i = 0; i < n; i++)
        if (write(fd, &byte, 1) != 1)
            return -1;
    return 0;
}

/* "exact" when a fast tracer (or a bpftrace script's write() map) counted
 * every write() of the measurement and accounted for every latency, "-"
 * when the variant keeps no count we can read, else what went wrong. */
static void count_verdict(const struct variant *v, uint64_t want, char *out, size_t len)
{
    const struct syslat_results *lat = variant_syslat(v);
    const struct syscount_results *cnt = variant_syscount(v);

    snprintf(out, len, "-");
    if (v->bt_script) {
        if (v->bt_write_calls < 0)
            return;  /* the script keeps no write() map */
        if (v->bt_write_calls == (long long)want)
            snprintf(out, len, "exact");
        else
            snprintf(out, len, "count %lld want %llu", v->bt_write_calls,
                     (unsigned long long)want);
    } else if (lat) {
        const struct syslat_fast_stats *st = &lat->stats[SYS_write];
        uint64_t sum = st->dropped;
        for (int k = 0; k < SYSLAT_SLOTS; k++)
            sum += st->slots[k];
        if (st->count != want || sum != want)
            snprintf(out, len, "count %llu hist %llu want %llu", (unsigned long long)st->count,
                     (unsigned long long)sum, (unsigned long long)want);
        else
            snprintf(out, len, "exact");
    } else if (cnt) {
        if (cnt->counts[SYS_write] != want)
            snprintf(out, len, "count %llu want %llu",
                     (unsigned long long)cnt->counts[SYS_write], (unsigned long long)want);
        else
            snprintf(out, len, "exact");
    }
}

static int measure_one(struct variant *v, int round, int group, int fd,
                       const struct measure_opts *o, FILE *out, char *err, size_t errlen)
{
    struct variant_prog_stats before[VARIANT_MAX_PROGS], after[VARIANT_MAX_PROGS];
    char saved[17] = "", verdict[96];
    int n_before = 0, n_after = 0, rc;
    uint64_t chunk_ns[CHUNKS], per_chunk = o->writes / CHUNKS;

    if (variant_attach(v, err, errlen) != 0)
        return -1;
    variant_arm(v, 1);
    prctl(PR_GET_NAME, saved, 0, 0, 0);
    prctl(PR_SET_NAME, o->comm, 0, 0, 0);
    rc = write_bytes(fd, o->warmup);
    if (v->obj)
        n_before = variant_prog_stats(v, before, VARIANT_MAX_PROGS);
    for (int c = 0; c < CHUNKS; c++) {
        uint64_t t0 = now_ns();
        rc |= write_bytes(fd, c < CHUNKS - 1 ? per_chunk : o->writes - per_chunk * c);
        chunk_ns[c] = now_ns() - t0;
    }
    if (v->obj)
        n_after = variant_prog_stats(v, after, VARIANT_MAX_PROGS);
    prctl(PR_SET_NAME, saved, 0, 0, 0);
    variant_arm(v, 0);
    variant_detach(v);
    if (v->bt_error[0]) {
        snprintf(err, errlen, "%s: %s", v->label, v->bt_error);
        return -1;
    }
    if (rc != 0 || n_before < 0 || n_after < 0) {
        snprintf(err, errlen, "%s: %s", v->label,
                 rc ? "write() to /dev/null failed" : "cannot read BPF program statistics");
        return -1;
    }
    count_verdict(v, o->warmup + o->writes, verdict, sizeof(verdict));

    /* Per program: run time per run; over all: run time per write(). */
    double bpf_ns = 0, runs = 0, per_run[2] = {0, 0};
    for (int i = 0; i < n_after && i < n_before; i++) {
        uint64_t dt = after[i].run_time_ns - before[i].run_time_ns;
        uint64_t dn = after[i].run_cnt - before[i].run_cnt;
        bpf_ns += (double)dt;
        runs += (double)dn;
        if (i < 2 && dn)
            per_run[i] = (double)dt / (double)dn;
    }
    /* The last chunk holds the remainder: compare the others by their median. */
    qsort(chunk_ns, CHUNKS - 1, sizeof(chunk_ns[0]), cmp_u64);
    fprintf(out, "%d,%d,%s,%llu,%.1f,%.1f,%.3f,%.1f,%.1f,%s\n", round, group, v->label,
            (unsigned long long)o->writes, (double)chunk_ns[(CHUNKS - 1) / 2] / (double)per_chunk,
            bpf_ns / (double)o->writes, runs / (double)o->writes, per_run[0], per_run[1],
            verdict);
    fflush(out);
    return 0;
}

static int find(const struct variant *vs, int n, const char *label)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(vs[i].label, label))
            return i;
    return -1;
}

int measure_run(struct variant *vs, int n, const struct measure_opts *o, FILE *out, char *err,
                size_t errlen)
{
    int none = find(vs, n, "none"), floor_ = find(vs, n, "floor"), rc = 0;
    int paired = none >= 0 && floor_ >= 0 && n > 2;
    int fd = open("/dev/null", O_WRONLY | O_CLOEXEC);

    if (fd < 0) {
        snprintf(err, errlen, "cannot open /dev/null: %s", strerror(errno));
        return -1;
    }
    if (o->header)
        fprintf(out, "%s\n", MEASURE_CSV_HEADER);
    for (int r = 0; r < o->rounds && !rc; r++) {
        int round = o->first_round + r;
        for (int i = 0; i < n && !rc; i++) {
            int k = (round + i) % n, group = round * 1000 + i;
            if (!paired) {
                rc = measure_one(&vs[k], round, round, fd, o, out, err, errlen);
                continue;
            }
            if (k == none || k == floor_)
                continue;
            int order[3] = {none, floor_, k};
            if ((round + i) % 2) {
                order[0] = k;
                order[2] = none;
            }
            for (int j = 0; j < 3 && !rc; j++)
                rc = measure_one(&vs[order[j]], round, group, fd, o, out, err, errlen);
        }
    }
    close(fd);
    return rc ? -1 : 0;
}
