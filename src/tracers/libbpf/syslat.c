/* syslat user side: the in-process libbpf tracer behind --profile libbpf.
 *
 * Lifecycle, top to bottom: open the embedded object, set rodata (which
 * process and thread name to trace), load, attach tp_btf sys_enter/sys_exit,
 * let the measured repeats run, detach, read the in-kernel aggregates and
 * write them in bpftrace's json and text shapes, destroy.
 * The artifacts are <Case>.libbpf-syslat.{json,txt}: beside bpftrace's
 * <Case>.syslat.* files, never over them. */
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
#include <sys/stat.h>
#include <unistd.h>

#include "profile_util.h"
#include "syslat.h"

_Static_assert(SYSLAT_SLOTS == SC_LOG2_SLOTS, "the kernel's and sc_hist's log2 layouts differ");

extern const unsigned char syscost_syslat_bpf_object[];
extern const size_t syscost_syslat_bpf_object_size;
extern const char *const syscost_syscall_names[];
extern const size_t syscost_syscall_names_count;

#define SYSLAT_ARTIFACT "libbpf-syslat"
#define VMLINUX_BTF "/sys/kernel/btf/vmlinux"

struct syslat_state {
    struct bpf_object *obj;
    struct bpf_link *enter, *exit;
};

static int verbose;

/* Quiet unless --verbose: libbpf's debug chatter is not for the console. */
static int libbpf_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
    if (level == LIBBPF_DEBUG && !verbose)
        return 0;
    if (level == LIBBPF_INFO && !verbose)
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

static void syslat_destroy(struct syslat_state *st)
{
    if (!st)
        return;
    bpf_link__destroy(st->enter);
    bpf_link__destroy(st->exit);
    bpf_object__close(st->obj);
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

static int syslat_begin(void **state, const char *case_name,
                        const struct sc_profile_config *cfg, char *err, size_t errlen)
{
    LIBBPF_OPTS(bpf_object_open_opts, open_opts, .object_name = "syslat");
    struct syslat_config conf;
    struct syslat_state *st = NULL;
    struct bpf_program *enter, *exit_prog;
    struct bpf_map *rodata = NULL, *map;
    const char *step = "";
    int rc = -1, e = 0;

    (void)case_name;
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
    step = "open the embedded BPF object";
    st->obj = bpf_object__open_mem(syscost_syslat_bpf_object,
                                   syscost_syslat_bpf_object_size, &open_opts);
    /* libbpf 1.x returns NULL and sets errno on every failure. */
    if (!st->obj) {
        e = errno;
        goto fail;
    }

    step = "set the tracer's configuration";
    bpf_object__for_each_map(map, st->obj) {
        const char *name = bpf_map__name(map);
        size_t n = strlen(name);
        if (n >= 7 && !strcmp(name + n - 7, ".rodata"))
            rodata = map;
    }
    if (!rodata) {
        e = ENOENT;
        goto fail;
    }
    if (bpf_map__set_initial_value(rodata, &conf, sizeof(conf)) != 0) {
        e = errno;
        goto fail;
    }

    step = "load the BPF programs (the verifier log is shown with --verbose)";
    if (bpf_object__load(st->obj) != 0) {
        e = errno;
        goto fail;
    }

    step = "attach to the sys_enter and sys_exit tracepoints";
    enter = bpf_object__find_program_by_name(st->obj, "syslat_enter");
    exit_prog = bpf_object__find_program_by_name(st->obj, "syslat_exit");
    if (!enter || !exit_prog) {
        e = ENOENT;
        goto fail;
    }
    /* Exit first: an entry recorded before its exit probe is live would
     * never be closed. */
    st->exit = bpf_program__attach(exit_prog);
    if (!st->exit) {
        e = errno;
        goto fail;
    }
    st->enter = bpf_program__attach(enter);
    if (!st->enter) {
        e = errno;
        goto fail;
    }
    if (cfg->verbose)
        fprintf(stderr, "libbpf syslat: attached (tgid %u, comm %s)\n", conf.tgid,
                cfg->measure_comm);
    *state = st;
    st = NULL;
    rc = 0;
    goto cleanup;

fail:
    snprintf(err, errlen, "libbpf syslat: cannot %s: %s", step,
             strerror(e ? e : EINVAL));
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

/* Builds the same maps bpftrace's syslat.bt and syscount.bt print:
 * @syscall_lat_ns[name] (hist), @syscalls[name] and @syscall_total_ns[name]. */
static int collect(struct syslat_state *st, struct sc_hist_set *set, char *err, size_t errlen)
{
    struct bpf_map *stats = bpf_object__find_map_by_name(st->obj, "stats");
    struct syslat_stats v;
    char namebuf[32];
    if (!stats) {
        snprintf(err, errlen, "libbpf syslat: the stats map is missing");
        return -1;
    }
    int fd = bpf_map__fd(stats);
    /* Add the three maps first: adding a map may move the others. */
    if (!sc_hist_add_map(set, "@syscall_lat_ns", SC_MAP_HIST) ||
        !sc_hist_add_map(set, "@syscalls", SC_MAP_COUNT) ||
        !sc_hist_add_map(set, "@syscall_total_ns", SC_MAP_COUNT))
        goto oom;
    for (__u32 id = 0; id < SYSLAT_MAX_SYSCALLS; id++) {
        if (bpf_map_lookup_elem(fd, &id, &v) != 0) {
            snprintf(err, errlen, "libbpf syslat: reading the stats map: %s", strerror(errno));
            return -1;
        }
        if (v.count == 0)
            continue;
        /* __u64 and uint64_t may be different (equally wide) types. */
        uint64_t slots[SYSLAT_SLOTS];
        for (int k = 0; k < SYSLAT_SLOTS; k++)
            slots[k] = v.slots[k];
        const char *name = syscall_name(id, namebuf, sizeof(namebuf));
        struct sc_map_entry *lat = sc_hist_add_entry(&set->maps[0], name);
        if (!lat || sc_hist_set_log2(lat, slots) != 0)
            goto oom;
        struct sc_map_entry *calls = sc_hist_add_entry(&set->maps[1], name);
        if (!calls)
            goto oom;
        calls->value = v.count;
        struct sc_map_entry *total = sc_hist_add_entry(&set->maps[2], name);
        if (!total)
            goto oom;
        total->value = v.total_ns;
    }
    return 0;
oom:
    snprintf(err, errlen, "libbpf syslat: out of memory");
    return -1;
}

static int syslat_end(void *state, const char *case_name,
                      const struct sc_profile_config *cfg, char *err, size_t errlen)
{
    struct syslat_state *st = state;
    struct sc_hist_set set = {0};
    struct sc_atomic_file json = {0};
    char json_path[PATH_MAX], txt_path[PATH_MAX];
    int rc = -1;

    /* Detach before reading: the totals must not move while read. */
    bpf_link__destroy(st->enter);
    bpf_link__destroy(st->exit);
    st->enter = st->exit = NULL;

    if (collect(st, &set, err, errlen) != 0)
        goto cleanup;
    if (sc_trace_artifact_path(json_path, sizeof(json_path), cfg->artifact_dir, case_name,
                               SYSLAT_ARTIFACT, "json") != 0 ||
        sc_trace_artifact_path(txt_path, sizeof(txt_path), cfg->artifact_dir, case_name,
                               SYSLAT_ARTIFACT, "txt") != 0) {
        snprintf(err, errlen, "artifact path for %s is too long", case_name);
        goto cleanup;
    }
    if (sc_atomic_open(&json, json_path, err, errlen) != 0)
        goto cleanup;
    sc_hist_write_json(json.f, &set);
    if (sc_atomic_commit(&json, err, errlen) != 0)
        goto cleanup;
    if (sc_trace_publish_text(&set, txt_path, case_name, "libbpf syslat", err, errlen) != 0)
        goto cleanup;
    rc = 0;
cleanup:
    if (json.f)
        sc_atomic_abort(&json);
    sc_hist_free(&set);
    syslat_destroy(st);
    return rc;
}

const struct sc_profiler sc_profiler_libbpf = {
    .name = "libbpf",
    .check = syslat_check,
    .begin = syslat_begin,
    .end = syslat_end,
    .abort = syslat_abort,
};
