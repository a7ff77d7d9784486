/* Correctness of the fast tracers (bpf/syslat_fast.bpf.c, bpf/syscount.bpf.c),
 * not their speed: exact counts, the thread filter, the armed flag, and
 * latencies of a thread that migrates between CPUs inside a syscall.
 *
 * Every thread here synchronises by spinning on atomics, never with a
 * syscall, so the measured thread makes exactly the syscalls listed. */
#include "check.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define WRITES 20000
#define GETPPIDS 300
#define OTHER_WRITES 5000
#define MIGRATIONS 20
#define BLOCKED_NS 2000000ull /* a read() stays blocked at least this long */

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void sleep_ns(uint64_t ns)
{
    struct timespec ts = {.tv_sec = (time_t)(ns / 1000000000u), .tv_nsec = (long)(ns % 1000000000u)};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

static void spin_until(const int *flag, int value)
{
    while (__atomic_load_n(flag, __ATOMIC_ACQUIRE) != value) {
    }
}

static void set(int *flag, int value)
{
    __atomic_store_n(flag, value, __ATOMIC_RELEASE);
}

static int failures;

static void verdict(FILE *out, const struct variant *v, int ok, const char *fmt, ...)
{
    va_list ap;
    fprintf(out, "%s %s: ", ok ? "OK  " : "FAIL", v->label);
    va_start(ap, fmt);
    vfprintf(out, fmt, ap);
    va_end(ap);
    fputc('\n', out);
    failures += !ok;
}

/* Calls of one id, and for syslat whether every one is accounted for. */
static uint64_t counted(const struct variant *v, int id, uint64_t *accounted)
{
    const struct syslat_results *lat = variant_syslat(v);
    const struct syscount_results *cnt = variant_syscount(v);

    if (lat) {
        const struct syslat_fast_stats *st = &lat->stats[id];
        *accounted = st->dropped;
        for (int k = 0; k < SYSLAT_SLOTS; k++)
            *accounted += st->slots[k];
        return st->count;
    }
    *accounted = cnt->counts[id];
    return cnt->counts[id];
}

/* ---- exact counts: the name gate, one thread, the armed flag ---- */

struct counts_shared {
    const char *comm;
    int dev_null;
    int twin_go, twin_done, other_go, other_done;
};

/* Bears the measured thread's name too, but only once that thread is
 * traced: it must not be counted (one thread is traced, the first). */
static void *twin_thread(void *arg)
{
    struct counts_shared *s = arg;
    spin_until(&s->twin_go, 1);
    prctl(PR_SET_NAME, s->comm, 0, 0, 0);
    for (int i = 0; i < OTHER_WRITES; i++)
        if (write(s->dev_null, "x", 1) != 1)
            break;
    set(&s->twin_done, 1);
    return NULL;
}

/* Another thread of the process, named otherwise, writing meanwhile. */
static void *other_thread(void *arg)
{
    struct counts_shared *s = arg;
    spin_until(&s->other_go, 1);
    for (int i = 0; i < OTHER_WRITES; i++)
        if (write(s->dev_null, "x", 1) != 1)
            break;
    set(&s->other_done, 1);
    return NULL;
}

static void check_counts(struct variant *v, const char *comm, FILE *out)
{
    struct counts_shared s = {.comm = comm};
    pthread_t twin, other;
    char saved[17] = "", err[256];
    int writes_ok = 1;

    s.dev_null = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (s.dev_null < 0 || pthread_create(&twin, NULL, twin_thread, &s) ||
        pthread_create(&other, NULL, other_thread, &s)) {
        verdict(out, v, 0, "cannot set up the count check: %s", strerror(errno));
        return;
    }
    if (variant_attach(v, err, sizeof(err)) != 0) {
        verdict(out, v, 0, "%s", err);
        set(&s.twin_go, 1);
        set(&s.other_go, 1);
        pthread_join(twin, NULL);
        pthread_join(other, NULL);
        close(s.dev_null);
        return;
    }
    prctl(PR_GET_NAME, saved, 0, 0, 0);
    for (int i = 0; i < 100; i++)  /* attached, not armed: not counted */
        writes_ok &= write(s.dev_null, "x", 1) == 1;
    variant_arm(v, 1);
    for (int i = 0; i < 100; i++)  /* armed, not named: not counted */
        writes_ok &= write(s.dev_null, "x", 1) == 1;
    prctl(PR_SET_NAME, comm, 0, 0, 0);  /* entered unnamed: not counted */
    set(&s.other_go, 1);
    for (int i = 0; i < WRITES / 2; i++)
        writes_ok &= write(s.dev_null, "x", 1) == 1;
    set(&s.twin_go, 1);
    spin_until(&s.twin_done, 1);
    spin_until(&s.other_done, 1);
    variant_arm(v, 0);
    for (int i = 0; i < 100; i++)  /* disarmed: not counted */
        writes_ok &= write(s.dev_null, "x", 1) == 1;
    variant_arm(v, 1);
    for (int i = 0; i < WRITES / 2; i++)
        writes_ok &= write(s.dev_null, "x", 1) == 1;
    for (int i = 0; i < GETPPIDS; i++)
        syscall(SYS_getppid);
    prctl(PR_SET_NAME, saved, 0, 0, 0);  /* entered named: counted */
    for (int i = 0; i < 100; i++)  /* renamed: not counted */
        writes_ok &= write(s.dev_null, "x", 1) == 1;
    variant_arm(v, 0);
    variant_detach(v);
    pthread_join(twin, NULL);
    pthread_join(other, NULL);
    close(s.dev_null);

    uint64_t acc_w, acc_g, acc_p;
    uint64_t w = counted(v, SYS_write, &acc_w), g = counted(v, SYS_getppid, &acc_g),
             p = counted(v, SYS_prctl, &acc_p), total = 0;
    const struct syslat_results *lat = variant_syslat(v);
    for (int id = 0; id < SYSLAT_MAX_SYSCALLS; id++) {
        uint64_t acc;
        uint64_t c = counted(v, id, &acc);
        total += c;
        if (c != acc)
            verdict(out, v, 0, "syscall %d: %llu entered, %llu accounted for", id,
                    (unsigned long long)c, (unsigned long long)acc);
    }
    verdict(out, v, writes_ok && w == WRITES && acc_w == WRITES,
            "write(): %llu counted, %llu accounted for, want %d (the measured thread's, "
            "armed and named; not its twin's, another thread's, or its own while disarmed "
            "or renamed)",
            (unsigned long long)w, (unsigned long long)acc_w, WRITES);
    verdict(out, v, g == GETPPIDS && p == 1 && total == WRITES + GETPPIDS + 1,
            "getppid() %llu (want %d), prctl() %llu (want 1: the rename that ends "
            "measuring), %llu calls in all (want %d)",
            (unsigned long long)g, GETPPIDS, (unsigned long long)p, (unsigned long long)total,
            WRITES + GETPPIDS + 1);
    if (lat)
        verdict(out, v, lat->inflight_ts_ns == 0 && lat->out_of_range == 0,
                "nothing left in flight (%llu), no id out of range (%llu)",
                (unsigned long long)lat->inflight_ts_ns, (unsigned long long)lat->out_of_range);
}

/* ---- a thread moved to another CPU while blocked in read() ---- */

struct migrate_shared {
    const char *comm;
    int pipe_rd;
    int tid;
    int ready;    /* iteration number + 1 the reader is about to read() in */
    int done;
    int cpu_before[MIGRATIONS], cpu_after[MIGRATIONS];
    uint64_t wall_ns[MIGRATIONS];
    int failed;
};

static void *reader_thread(void *arg)
{
    struct migrate_shared *s = arg;
    char saved[17] = "", c;

    __atomic_store_n(&s->tid, (int)syscall(SYS_gettid), __ATOMIC_RELEASE);
    prctl(PR_GET_NAME, saved, 0, 0, 0);
    prctl(PR_SET_NAME, s->comm, 0, 0, 0);
    for (int i = 0; i < MIGRATIONS; i++) {
        s->cpu_before[i] = sched_getcpu();
        set(&s->ready, i + 1);
        uint64_t t0 = now_ns();
        ssize_t got = read(s->pipe_rd, &c, 1);
        uint64_t t1 = now_ns();
        s->cpu_after[i] = sched_getcpu();
        s->wall_ns[i] = t1 - t0;
        if (got != 1)
            s->failed = 1;
    }
    prctl(PR_SET_NAME, saved, 0, 0, 0);
    set(&s->done, 1);
    return NULL;
}

/* 'S': the thread sleeps, here inside read(). */
static int thread_sleeps(int tid)
{
    char path[64], buf[256];
    snprintf(path, sizeof(path), "/proc/self/task/%d/stat", tid);
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    size_t n = fread(buf, 1, sizeof(buf) - 1, f);
    fclose(f);
    buf[n] = '\0';
    const char *p = strrchr(buf, ')');
    return p && p[1] == ' ' && p[2] == 'S';
}

static int pin(int tid, int cpu)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    return sched_setaffinity(tid, sizeof(set), &set);
}

static void check_migration(struct variant *v, const char *comm, FILE *out)
{
    struct migrate_shared s = {.comm = comm};
    int cpus[2], n_cpus = 0, fds[2], moved = 0;
    cpu_set_t allowed;
    pthread_t reader;
    char err[256];

    if (sched_getaffinity(0, sizeof(allowed), &allowed) == 0)
        for (int c = 0; c < CPU_SETSIZE && n_cpus < 2; c++)
            if (CPU_ISSET(c, &allowed))
                cpus[n_cpus++] = c;
    if (n_cpus < 2) {
        fprintf(out, "SKIP %s: migration: this process may run on one CPU only\n", v->label);
        return;
    }
    if (pipe(fds) != 0) {
        verdict(out, v, 0, "pipe: %s", strerror(errno));
        return;
    }
    s.pipe_rd = fds[0];
    if (variant_attach(v, err, sizeof(err)) != 0) {
        verdict(out, v, 0, "%s", err);
        close(fds[0]);
        close(fds[1]);
        return;
    }
    variant_arm(v, 1);
    if (pthread_create(&reader, NULL, reader_thread, &s) != 0) {
        verdict(out, v, 0, "pthread_create failed");
        variant_detach(v);
        return;
    }
    while (!__atomic_load_n(&s.tid, __ATOMIC_ACQUIRE)) {
    }
    pin(s.tid, cpus[0]);
    for (int i = 0; i < MIGRATIONS; i++) {
        spin_until(&s.ready, i + 1);
        while (!thread_sleeps(s.tid))
            sleep_ns(100000);
        /* Blocked in read() on one CPU: it will return on the other. */
        pin(s.tid, cpus[(i + 1) % 2]);
        sleep_ns(BLOCKED_NS);
        if (write(fds[1], "x", 1) != 1)
            s.failed = 1;
    }
    spin_until(&s.done, 1);
    pthread_join(reader, NULL);
    variant_arm(v, 0);
    variant_detach(v);
    close(fds[0]);
    close(fds[1]);

    const struct syslat_results *lat = variant_syslat(v);
    const struct syslat_fast_stats *st = &lat->stats[SYS_read];
    uint64_t wall_sum = 0, wall_max = 0, sampled = 0;
    int lowest = -1, highest = -1;
    for (int i = 0; i < MIGRATIONS; i++) {
        wall_sum += s.wall_ns[i];
        wall_max = s.wall_ns[i] > wall_max ? s.wall_ns[i] : wall_max;
        moved += s.cpu_before[i] != s.cpu_after[i];
    }
    for (int k = 0; k < SYSLAT_SLOTS; k++) {
        sampled += st->slots[k];
        if (st->slots[k]) {
            lowest = lowest < 0 ? k : lowest;
            highest = k;
        }
    }
    verdict(out, v, !s.failed && moved >= MIGRATIONS / 2,
            "migration: %d of %d read() calls returned on another CPU than they entered on",
            moved, MIGRATIONS);
    verdict(out, v, st->count == MIGRATIONS && sampled + st->dropped == MIGRATIONS,
            "migration: %llu read() counted, %llu timed + %llu dropped, want %d",
            (unsigned long long)st->count, (unsigned long long)sampled,
            (unsigned long long)st->dropped, MIGRATIONS);
    /* A latency taken from a stale or foreign start would exceed the call's
     * own wall time, or fall below the time it surely blocked. */
    if (sampled == 0) {
        fprintf(out, "OK   %s: migration: no latency recorded, so none wrong\n", v->label);
        return;
    }
    verdict(out, v,
            st->total_ns <= wall_sum && highest >= 2 && (1ull << (highest - 2)) <= wall_max &&
                lowest >= 2 && (1ull << (lowest - 1)) > BLOCKED_NS / 2,
            "migration: latencies within the calls' own times: sum %llu ns <= wall %llu ns, "
            "slots [2^%d, 2^%d) within [%llu ns, %llu ns]",
            (unsigned long long)st->total_ns, (unsigned long long)wall_sum, lowest - 2,
            highest - 1, BLOCKED_NS / 2, (unsigned long long)wall_max);
}

int check_run(struct variant *vs, int n, const char *comm, FILE *out)
{
    failures = 0;
    for (int i = 0; i < n; i++) {
        struct variant *v = &vs[i];
        if (!variant_syslat(v) && !variant_syscount(v)) {
            fprintf(out, "SKIP %s: not laid out like syslat_fast or syscount\n", v->label);
            continue;
        }
        check_counts(v, comm, out);
        if (variant_syslat(v))
            check_migration(v, comm, out);
    }
    return failures;
}
