/* The in-process libbpf tracer behind --profile libbpf, libbpf-count and
 * libbpf-floor: one lifecycle, three kernel sides.
 *
 *   libbpf        bpf/syslat_fast.bpf.c: per-syscall latency (log2
 *                 histogram, count, total) of the measured thread;
 *   libbpf-count  bpf/syscount.bpf.c: calls per syscall id, no clock;
 *   libbpf-floor  bpf/floor.bpf.c: the empty sys_enter/sys_exit pair, what
 *                 any such tracer costs before doing anything.
 *
 * Lifecycle, top to bottom: open the embedded object, set rodata (which
 * process and thread name to trace), load, map the object's .data (the
 * control block) and .bss (the results), attach tp_btf sys_exit then
 * sys_enter, arm; the measured repeats run; disarm, detach, read the
 * results from the mapped .bss, write them in bpftrace's json and text
 * shapes, destroy. Artifacts: <Case>.libbpf-syslat.*, <Case>.libbpf-syscount.*,
 * <Case>.libbpf-floor.*: beside bpftrace's files, never over them.
 *
 * With --bpf-stats the kernel's BPF run-time statistics are on while the
 * programs are attached (bpf_enable_stats(); closing its fd turns them off
 * again unless someone else keeps them on), and each program's run time
 * and run count join the artifacts: the tracer's own cost, measured by the
 * kernel. */
#include <syscost/atomic_file.h>
#include <syscost/hist.h>
#include <syscost/profiler.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "profile_util.h"
#include "syslat.h"

_Static_assert(SYSLAT_SLOTS == SC_LOG2_SLOTS, "the kernel's and sc_hist's log2 layouts differ");

extern const unsigned char syscost_syslat_bpf_object[];
extern const size_t syscost_syslat_bpf_object_size;
extern const unsigned char syscost_syscount_bpf_object[];
extern const size_t syscost_syscount_bpf_object_size;
extern const unsigned char syscost_floor_bpf_object[];
extern const size_t syscost_floor_bpf_object_size;
extern const char *const syscost_syscall_names[];
extern const size_t syscost_syscall_names_count;

#define VMLINUX_BTF "/sys/kernel/btf/vmlinux"
#define MAX_PROGS 2

enum mode { MODE_LATENCY, MODE_COUNT, MODE_FLOOR };

struct mode_info {
    const char *object_name; /* libbpf's name for it (map names start with it) */
    const char *artifact;    /* <Case>.<artifact>.{json,txt} */
    const char *title;       /* in messages and above the console text */
    const unsigned char *object;
    const size_t *object_size;
    size_t results_size;     /* the .bss layout; 0: none */
};

static const struct mode_info modes[] = {
    [MODE_LATENCY] = {"syslat", "libbpf-syslat", "libbpf syslat", syscost_syslat_bpf_object,
                      &syscost_syslat_bpf_object_size, sizeof(struct syslat_results)},
    [MODE_COUNT] = {"syscount", "libbpf-syscount", "libbpf syscount",
                    syscost_syscount_bpf_object, &syscost_syscount_bpf_object_size,
                    sizeof(struct syscount_results)},
    [MODE_FLOOR] = {"floor", "libbpf-floor", "libbpf floor", syscost_floor_bpf_object,
                    &syscost_floor_bpf_object_size, 0},
};

struct syslat_state {
    const struct mode_info *mode;
    struct bpf_object *obj;
    struct bpf_link *links[MAX_PROGS];
    int n_links;
    int stats_fd;                    /* bpf_enable_stats(), or -1 */
    struct syslat_control *control;  /* mapped .data, or NULL */
    void *results;                   /* mapped .bss, or NULL */
    size_t control_len, results_len;
};

static int verbose;

/* Quiet unless --verbose: libbpf's debug chatter is not for the console. */
static int libbpf_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
    if (level != LIBBPF_WARN && !verbose)
        return 0;
    return vfprintf(stderr, fmt, ap);
}

static int syslat_check(const struct sc_profile_config *cfg, char *err, size_t errlen)
{
    (void)cfg;
    if (sc_trace_check_privileges(err, errlen) != 0)
        return -1;
    if (access(VMLINUX_BTF, R_OK) != 0) {
        snprintf(err, errlen, "the kernel exposes no BTF at %s (needs CONFIG_DEBUG_INFO_BTF), "
                              "which tp_btf tracing needs: use --profile bpftrace", VMLINUX_BTF);
        return -1;
    }
    return 0;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && !strcmp(s + n - m, suffix);
}

static size_t page_round(size_t size)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    return (size + page - 1) & ~(page - 1);
}

static void detach(struct syslat_state *st)
{
    if (st->control)
        __atomic_store_n(&st->control->armed, 0, __ATOMIC_RELEASE);
    while (st->n_links > 0)
        bpf_link__destroy(st->links[--st->n_links]);
}

static void syslat_destroy(struct syslat_state *st)
{
    if (!st)
        return;
    detach(st);
    if (st->control)
        munmap(st->control, st->control_len);
    if (st->results)
        munmap(st->results, st->results_len);
    bpf_object__close(st->obj);
    if (st->stats_fd >= 0)
        close(st->stats_fd);
    free(st);
}

static void syslat_abort(void *state)
{
    /* Nothing is written before end(), so there is no file to remove. */
    syslat_destroy(state);
}

static int fill_config(struct syslat_config *c, const char *comm, char *err, size_t errlen)
{
    struct stat ns;
    memset(c, 0, sizeof(*c));
    if (!comm || strlen(comm) >= sizeof(c->comm)) {
        snprintf(err, errlen, "internal error: no measuring-thread name of at most %zu "
                              "characters", sizeof(c->comm) - 1);
        return -1;
    }
    if (stat("/proc/self/ns/pid", &ns) != 0) {
        snprintf(err, errlen, "cannot stat /proc/self/ns/pid: %s", strerror(errno));
        return -1;
    }
    c->pidns_dev = (__u64)ns.st_dev;
    c->pidns_ino = (__u64)ns.st_ino;
    c->tgid = (__u32)getpid();
    _Static_assert(SC_MEASURE_COMM_LEN + 1 <= sizeof(c->comm), "comm is 16 bytes");
    memcpy(c->comm, comm, strlen(comm));
    return 0;
}

/* Maps an internal map (.data, .bss) read-write; NULL with errno set. */
static void *map_global(struct bpf_map *map, size_t want, size_t *len)
{
    if (bpf_map__value_size(map) != want) {
        errno = EPROTO; /* the object and syslat.h disagree */
        return NULL;
    }
    if (!(bpf_map__map_flags(map) & BPF_F_MMAPABLE)) {
        errno = EOPNOTSUPP;
        return NULL;
    }
    *len = page_round(want);
    void *p = mmap(NULL, *len, PROT_READ | PROT_WRITE, MAP_SHARED, bpf_map__fd(map), 0);
    return p == MAP_FAILED ? NULL : p;
}

/* Attaches the sys_exit programs (want_exit) or the sys_enter ones. */
static int attach_where(struct syslat_state *st, int want_exit)
{
    struct bpf_program *prog;
    bpf_object__for_each_program(prog, st->obj) {
        int is_exit = strstr(bpf_program__section_name(prog), "sys_exit") != NULL;
        if (is_exit != want_exit)
            continue;
        if (st->n_links == MAX_PROGS) {
            errno = E2BIG;
            return -1;
        }
        struct bpf_link *link = bpf_program__attach(prog);
        if (!link)
            return -1;
        st->links[st->n_links++] = link;
    }
    return 0;
}

/* Exits first: an entry recorded before its exit probe is live would
 * never be closed. Then armed. On failure nothing stays attached. */
static int attach_all(struct syslat_state *st)
{
    if (attach_where(st, 1) != 0 || attach_where(st, 0) != 0) {
        int e = errno;
        detach(st);
        errno = e;
        return -1;
    }
    if (st->control)
        __atomic_store_n(&st->control->armed, 1, __ATOMIC_RELEASE);
    return 0;
}

/* --profile-pairs: the programs leave the kernel for an untraced repeat
 * (the syscall path is then the untraced one: no tracepoint is enabled)
 * and come back for a traced one; the loaded object and its results stay. */
static int syslat_detach(void *state, char *err, size_t errlen)
{
    (void)err;
    (void)errlen;
    detach(state);
    return 0;
}

static int syslat_attach(void *state, char *err, size_t errlen)
{
    struct syslat_state *st = state;
    if (attach_all(st) == 0)
        return 0;
    snprintf(err, errlen, "%s: cannot attach again to the sys_enter and sys_exit tracepoints: "
                          "%s", st->mode->title, strerror(errno));
    return -1;
}

/* The --verbose line: what is traced, and the programs' ids, so a test
 * (or a person with bpftool) can tell they are gone after the run. */
static void say_attached(struct syslat_state *st, const struct syslat_config *conf,
                         const struct sc_profile_config *cfg)
{
    struct bpf_program *prog;
    fprintf(stderr, "%s: attached (tgid %u, comm %s%s), program ids", st->mode->title,
            conf->tgid, cfg->measure_comm, cfg->bpf_stats ? ", BPF run-time statistics on" : "");
    bpf_object__for_each_program(prog, st->obj) {
        struct bpf_prog_info info;
        __u32 len = sizeof(info);
        memset(&info, 0, sizeof(info));
        if (bpf_obj_get_info_by_fd(bpf_program__fd(prog), &info, &len) == 0)
            fprintf(stderr, " %u", info.id);
    }
    fputc('\n', stderr);
}

static int begin_mode(enum mode m, void **state, const struct sc_profile_config *cfg,
                      char *err, size_t errlen)
{
    const struct mode_info *mi = &modes[m];
    LIBBPF_OPTS(bpf_object_open_opts, open_opts, .object_name = mi->object_name);
    struct syslat_config conf;
    struct syslat_state *st = NULL;
    struct bpf_map *map;
    const char *step = "";
    int rc = -1, e = 0;

    *state = NULL;
    verbose = cfg->verbose;
    libbpf_set_print(libbpf_print);
    if (fill_config(&conf, cfg->measure_comm, err, errlen) != 0)
        goto cleanup;

    st = calloc(1, sizeof(*st));
    if (!st) {
        snprintf(err, errlen, "out of memory");
        goto cleanup;
    }
    st->mode = mi;
    st->stats_fd = -1;
    if (cfg->bpf_stats) {
        step = "turn on BPF run-time statistics (bpf_enable_stats)";
        st->stats_fd = bpf_enable_stats(BPF_STATS_RUN_TIME);
        if (st->stats_fd < 0) {
            e = errno;
            goto fail;
        }
    }
    step = "open the embedded BPF object";
    st->obj = bpf_object__open_mem(mi->object, *mi->object_size, &open_opts);
    /* libbpf 1.x returns NULL and sets errno on every failure. */
    if (!st->obj) {
        e = errno;
        goto fail;
    }

    step = "set the tracer's configuration";
    bpf_object__for_each_map(map, st->obj) {
        if (bpf_map__is_internal(map) && ends_with(bpf_map__name(map), ".rodata") &&
            bpf_map__set_initial_value(map, &conf, sizeof(conf)) != 0) {
            e = errno;
            goto fail;
        }
    }

    step = "load the BPF programs (the verifier log is shown with --verbose)";
    if (bpf_object__load(st->obj) != 0) {
        e = errno;
        goto fail;
    }

    step = "map the tracer's control block and results";
    bpf_object__for_each_map(map, st->obj) {
        const char *name = bpf_map__name(map);
        if (!bpf_map__is_internal(map))
            continue;
        if (ends_with(name, ".data")) {
            st->control = map_global(map, sizeof(*st->control), &st->control_len);
            if (!st->control) {
                e = errno;
                goto fail;
            }
        } else if (ends_with(name, ".bss")) {
            st->results = map_global(map, mi->results_size, &st->results_len);
            if (!st->results) {
                e = errno;
                goto fail;
            }
        }
    }
    if (mi->results_size && (!st->control || !st->results)) {
        e = ENOENT;
        goto fail;
    }

    step = "attach to the sys_enter and sys_exit tracepoints";
    if (attach_all(st) != 0) {
        e = errno;
        goto fail;
    }
    if (cfg->verbose)
        say_attached(st, &conf, cfg);
    *state = st;
    st = NULL;
    rc = 0;
    goto cleanup;

fail:
    snprintf(err, errlen, "%s: cannot %s: %s", mi->title, step, strerror(e ? e : EINVAL));
cleanup:
    syslat_destroy(st);
    return rc;
}

static const char *syscall_name(__u32 id, char *buf, size_t len)
{
    if (id < syscost_syscall_names_count && syscost_syscall_names[id])
        return syscost_syscall_names[id];
    snprintf(buf, len, "syscall_%u", id);
    return buf;
}

static int add_count(struct sc_hist_set *set, size_t map, const char *key, uint64_t value)
{
    struct sc_map_entry *e = sc_hist_add_entry(&set->maps[map], key);
    if (!e)
        return -1;
    e->value = value;
    return 0;
}

/* The latency tracer's maps, as bpftrace's syslat.bt and syscount.bt print
 * them: @syscall_lat_ns[name] (hist), @syscalls[name], @syscall_total_ns[name];
 * and @syscalls_dropped[name] when a call got no latency. Returns the
 * dropped calls' number, or -1 when out of memory. */
static long long collect_latency(const struct syslat_results *r, struct sc_hist_set *set)
{
    char namebuf[32];
    unsigned long long dropped = 0;
    /* Add the maps first: adding a map may move the others. */
    size_t lat = set->nmaps;
    if (!sc_hist_add_map(set, "@syscall_lat_ns", SC_MAP_HIST) ||
        !sc_hist_add_map(set, "@syscalls", SC_MAP_COUNT) ||
        !sc_hist_add_map(set, "@syscall_total_ns", SC_MAP_COUNT))
        return -1;
    for (__u32 id = 0; id < SYSLAT_MAX_SYSCALLS; id++)
        dropped += r->stats[id].dropped;
    /* The call in flight when tracing stopped never got its latency. */
    int inflight = r->inflight_ts_ns && r->inflight_id < SYSLAT_MAX_SYSCALLS;
    if ((dropped || inflight) && !sc_hist_add_map(set, "@syscalls_dropped", SC_MAP_COUNT))
        return -1;
    for (__u32 id = 0; id < SYSLAT_MAX_SYSCALLS; id++) {
        const struct syslat_fast_stats *s = &r->stats[id];
        if (s->count == 0)
            continue;
        uint64_t slots[SYSLAT_SLOTS], timed = 0;
        for (int k = 0; k < SYSLAT_SLOTS; k++)
            timed += slots[k] = s->slots[k];
        const char *name = syscall_name(id, namebuf, sizeof(namebuf));
        uint64_t lost = s->dropped + (inflight && r->inflight_id == id);
        if (timed) {
            struct sc_map_entry *e = sc_hist_add_entry(&set->maps[lat], name);
            if (!e || sc_hist_set_log2(e, slots) != 0)
                return -1;
        }
        if (add_count(set, lat + 1, name, s->count) ||
            (timed && add_count(set, lat + 2, name, s->total_ns)) ||
            (lost && add_count(set, lat + 3, name, lost)))
            return -1;
    }
    return (long long)(dropped + (unsigned)inflight);
}

static int collect_counts(const struct syscount_results *r, struct sc_hist_set *set)
{
    char namebuf[32];
    size_t calls = set->nmaps;
    if (!sc_hist_add_map(set, "@syscalls", SC_MAP_COUNT))
        return -1;
    for (__u32 id = 0; id < SYSLAT_MAX_SYSCALLS; id++)
        if (r->counts[id] &&
            add_count(set, calls, syscall_name(id, namebuf, sizeof(namebuf)), r->counts[id]))
            return -1;
    return 0;
}

/* @bpf_run_time_ns[program] and @bpf_run_cnt[program] from the kernel's
 * statistics, and one line saying what a traced syscall cost the programs. */
static int collect_stats(struct syslat_state *st, struct sc_hist_set *set, char *err,
                         size_t errlen)
{
    struct bpf_program *prog;
    uint64_t time_ns = 0, most_runs = 0;
    size_t t = set->nmaps;
    if (!sc_hist_add_map(set, "@bpf_run_time_ns", SC_MAP_COUNT) ||
        !sc_hist_add_map(set, "@bpf_run_cnt", SC_MAP_COUNT))
        goto oom;
    bpf_object__for_each_program(prog, st->obj) {
        struct bpf_prog_info info;
        __u32 len = sizeof(info);
        memset(&info, 0, sizeof(info));
        if (bpf_obj_get_info_by_fd(bpf_program__fd(prog), &info, &len) != 0) {
            snprintf(err, errlen, "%s: reading the BPF statistics of %s: %s", st->mode->title,
                     bpf_program__name(prog), strerror(errno));
            return -1;
        }
        if (add_count(set, t, bpf_program__name(prog), info.run_time_ns) ||
            add_count(set, t + 1, bpf_program__name(prog), info.run_cnt))
            goto oom;
        time_ns += info.run_time_ns;
        if (info.run_cnt > most_runs)
            most_runs = info.run_cnt;
    }
    /* Every syscall of every task ran each program once (the sys_enter one
     * ran once more for a call in flight at attach or detach). */
    if (most_runs)
        printf("%s: BPF run time %.1f ns per traced syscall (%llu ns over %llu syscalls, "
               "all tasks)\n",
               st->mode->title, (double)time_ns / (double)most_runs,
               (unsigned long long)time_ns, (unsigned long long)most_runs);
    return 0;
oom:
    snprintf(err, errlen, "%s: out of memory", st->mode->title);
    return -1;
}

static int syslat_end(void *state, const char *case_name,
                      const struct sc_profile_config *cfg, char *err, size_t errlen)
{
    struct syslat_state *st = state;
    const struct mode_info *mi = st->mode;
    struct sc_hist_set set = {0};
    struct sc_atomic_file json = {0};
    char json_path[PATH_MAX], txt_path[PATH_MAX];
    long long dropped = 0;
    int rc = -1;

    /* Detach before reading: the results must not move while read. */
    detach(st);
    if (st->results_len)
        __atomic_thread_fence(__ATOMIC_ACQUIRE);
    if (mi == &modes[MODE_LATENCY])
        dropped = collect_latency(st->results, &set);
    else if (mi == &modes[MODE_COUNT])
        dropped = collect_counts(st->results, &set);
    if (dropped < 0) {
        snprintf(err, errlen, "%s: out of memory", mi->title);
        goto cleanup;
    }
    if (st->stats_fd >= 0 && collect_stats(st, &set, err, errlen) != 0)
        goto cleanup;
    if (sc_trace_artifact_path(json_path, sizeof(json_path), cfg->artifact_dir, case_name,
                               mi->artifact, "json") != 0 ||
        sc_trace_artifact_path(txt_path, sizeof(txt_path), cfg->artifact_dir, case_name,
                               mi->artifact, "txt") != 0) {
        snprintf(err, errlen, "artifact path for %s is too long", case_name);
        goto cleanup;
    }
    if (sc_atomic_open(&json, json_path, err, errlen) != 0)
        goto cleanup;
    sc_hist_write_json(json.f, &set);
    if (sc_atomic_commit(&json, err, errlen) != 0)
        goto cleanup;
    if (sc_trace_publish_text(&set, txt_path, case_name, mi->title, err, errlen) != 0)
        goto cleanup;
    /* Counted, never timed wrong: a call whose exit was not seen (the
     * thread ended, or tracing stopped mid-call) has no latency. */
    if (dropped > 0)
        fprintf(stderr, "%s: %lld measured call%s counted without a latency (exit not seen; "
                        "see @syscalls_dropped)\n", mi->title, dropped, dropped == 1 ? "" : "s");
    rc = 0;
cleanup:
    if (json.f)
        sc_atomic_abort(&json);
    sc_hist_free(&set);
    syslat_destroy(st);
    return rc;
}

static int begin_latency(void **state, const char *case_name,
                         const struct sc_profile_config *cfg, char *err, size_t errlen)
{
    (void)case_name;
    return begin_mode(MODE_LATENCY, state, cfg, err, errlen);
}

static int begin_count(void **state, const char *case_name,
                       const struct sc_profile_config *cfg, char *err, size_t errlen)
{
    (void)case_name;
    return begin_mode(MODE_COUNT, state, cfg, err, errlen);
}

static int begin_floor(void **state, const char *case_name,
                       const struct sc_profile_config *cfg, char *err, size_t errlen)
{
    (void)case_name;
    return begin_mode(MODE_FLOOR, state, cfg, err, errlen);
}

const struct sc_profiler sc_profiler_libbpf = {
    .name = "libbpf",
    .check = syslat_check,
    .begin = begin_latency,
    .end = syslat_end,
    .abort = syslat_abort,
    .detach = syslat_detach,
    .attach = syslat_attach,
};

const struct sc_profiler sc_profiler_libbpf_count = {
    .name = "libbpf-count",
    .check = syslat_check,
    .begin = begin_count,
    .end = syslat_end,
    .abort = syslat_abort,
    .detach = syslat_detach,
    .attach = syslat_attach,
};

const struct sc_profiler sc_profiler_libbpf_floor = {
    .name = "libbpf-floor",
    .check = syslat_check,
    .begin = begin_floor,
    .end = syslat_end,
    .abort = syslat_abort,
    .detach = syslat_detach,
    .attach = syslat_attach,
};
