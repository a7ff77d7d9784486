/* Loading, attaching and reading one tracer variant (see variant.h). */
#include "variant.h"

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

void variant_make_comm(char out[16])
{
    unsigned char r[6];

    if (getrandom(r, sizeof(r), 0) != (ssize_t)sizeof(r)) {
        uint64_t x = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 24);
        for (size_t i = 0; i < sizeof(r); i++)
            r[i] = (unsigned char)(x >> (8 * i));
    }
    snprintf(out, 16, "sc-%02x%02x%02x%02x%02x%02x", r[0], r[1], r[2], r[3], r[4], r[5]);
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && !strcmp(s + n - m, suffix);
}

static int fill_config(struct syslat_config *c, const struct variant_target *t, char *err,
                       size_t errlen)
{
    struct stat ns;

    memset(c, 0, sizeof(*c));
    if (stat("/proc/self/ns/pid", &ns) != 0) {
        snprintf(err, errlen, "cannot stat /proc/self/ns/pid: %s", strerror(errno));
        return -1;
    }
    c->pidns_dev = (__u64)ns.st_dev;
    c->pidns_ino = (__u64)ns.st_ino;
    c->tgid = (__u32)getpid();
    memcpy(c->comm, t->comm, strnlen(t->comm, sizeof(c->comm) - 1));
    return 0;
}

static size_t mapped_len(size_t size)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    return (size + page - 1) & ~(page - 1);
}

static void *map_rw(struct bpf_map *map, size_t *size)
{
    size_t len = mapped_len(bpf_map__value_size(map));
    void *p;

    if (!(bpf_map__map_flags(map) & BPF_F_MMAPABLE)) {
        errno = EOPNOTSUPP;
        return NULL;
    }
    p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, bpf_map__fd(map), 0);
    if (p == MAP_FAILED)
        return NULL;
    *size = bpf_map__value_size(map);
    return p;
}

int variant_load(struct variant *v, const char *label, const char *path,
                 const struct variant_target *t, char *err, size_t errlen)
{
    struct syslat_config conf;
    struct bpf_program *prog;
    struct bpf_map *map;
    size_t size;

    memset(v, 0, sizeof(*v));
    v->label = label;
    v->bt.out_fd = -1;
    if (!strcmp(path, "none"))
        return 0;
    v->path = path;
    if (access(path, R_OK) != 0) {
        snprintf(err, errlen, "%s: cannot open %s: %s", label, path, strerror(errno));
        return -1;
    }
    if (ends_with(path, ".bt")) {
        v->bt_script = path;
        v->bpftrace = t->bpftrace;
        snprintf(v->comm, sizeof(v->comm), "%s", t->comm);
        return 0;
    }
    if (fill_config(&conf, t, err, errlen) != 0)
        return -1;
    v->obj = bpf_object__open_file(path, NULL);
    if (!v->obj) {
        snprintf(err, errlen, "%s: cannot open %s: %s", label, path, strerror(errno));
        return -1;
    }
    bpf_object__for_each_map(map, v->obj) {
        const char *name = bpf_map__name(map);
        if (!bpf_map__is_internal(map))
            continue;
        if (ends_with(name, ".rodata")) {
            if (bpf_map__value_size(map) != sizeof(conf)) {
                snprintf(err, errlen, "%s: %s: .rodata is %u bytes, not a struct "
                                      "syslat_config (%zu): keep only cfg there",
                         label, path, bpf_map__value_size(map), sizeof(conf));
                return -1;
            }
            bpf_map__set_initial_value(map, &conf, sizeof(conf));
        } else if (ends_with(name, ".data") &&
                   bpf_map__value_size(map) != sizeof(struct syslat_control)) {
            snprintf(err, errlen, "%s: %s: .data is %u bytes, not a struct syslat_control "
                                  "(%zu): keep only control there",
                     label, path, bpf_map__value_size(map), sizeof(struct syslat_control));
            return -1;
        }
    }
    if (bpf_object__load(v->obj) != 0) {
        snprintf(err, errlen, "%s: cannot load %s: %s (libbpf said why above)", label, path,
                 strerror(errno));
        return -1;
    }
    bpf_object__for_each_program(prog, v->obj) {
        if (v->n_progs == VARIANT_MAX_PROGS) {
            snprintf(err, errlen, "%s: more than %d programs", label, VARIANT_MAX_PROGS);
            return -1;
        }
        v->prog_fds[v->n_progs] = bpf_program__fd(prog);
        v->prog_names[v->n_progs++] = bpf_program__name(prog);
    }
    bpf_object__for_each_map(map, v->obj) {
        const char *name = bpf_map__name(map);
        if (!bpf_map__is_internal(map))
            continue;
        if (ends_with(name, ".data")) {
            v->control = map_rw(map, &size);
            if (!v->control)
                goto map_fail;
        } else if (ends_with(name, ".bss")) {
            v->results = map_rw(map, &v->results_size);
            if (!v->results)
                goto map_fail;
        }
    }
    return 0;
map_fail:
    snprintf(err, errlen, "%s: cannot map %s's global data: %s", label, path, strerror(errno));
    return -1;
}

static int attach_where(struct variant *v, int want_exit, char *err, size_t errlen)
{
    struct bpf_program *prog;

    bpf_object__for_each_program(prog, v->obj) {
        int is_exit = strstr(bpf_program__section_name(prog), "sys_exit") != NULL;
        if (is_exit != want_exit)
            continue;
        struct bpf_link *link = bpf_program__attach(prog);
        if (!link) {
            snprintf(err, errlen, "%s: cannot attach %s: %s", v->label,
                     bpf_program__name(prog), strerror(errno));
            return -1;
        }
        v->links[v->n_links++] = link;
    }
    return 0;
}

int variant_attach(struct variant *v, char *err, size_t errlen)
{
    if (v->bt_script) {
        v->bt_write_calls = -1;
        v->bt_error[0] = '\0';
        if (bt_start(&v->bt, v->bpftrace, v->bt_script, v->comm, err, errlen) != 0) {
            bt_kill(&v->bt);
            return -1;
        }
        return 0;
    }
    if (!v->obj)
        return 0;
    if (v->control)
        memset(v->control, 0, sizeof(*v->control));
    if (v->results)
        memset(v->results, 0, v->results_size);
    /* Exits first: an entry seen before its exit probe is live would never close. */
    if (attach_where(v, 1, err, errlen) != 0 || attach_where(v, 0, err, errlen) != 0) {
        variant_detach(v);
        return -1;
    }
    return 0;
}

void variant_arm(struct variant *v, int armed)
{
    if (v->control)
        __atomic_store_n(&v->control->armed, (__u32)armed, __ATOMIC_RELEASE);
}

void variant_detach(struct variant *v)
{
    if (v->bt.pid > 0 &&
        bt_stop(&v->bt, &v->bt_write_calls, v->bt_error, sizeof(v->bt_error)) != 0)
        bt_kill(&v->bt);
    while (v->n_links > 0)
        bpf_link__destroy(v->links[--v->n_links]);
}

void variant_close(struct variant *v)
{
    variant_detach(v);
    bt_kill(&v->bt);
    if (v->control)
        munmap(v->control, mapped_len(sizeof(*v->control)));
    if (v->results)
        munmap(v->results, mapped_len(v->results_size));
    bpf_object__close(v->obj);
    memset(v, 0, sizeof(*v));
}

int variant_prog_stats(const struct variant *v, struct variant_prog_stats *out, int max)
{
    int n = 0;

    for (int i = 0; i < v->n_progs && n < max; i++, n++) {
        struct bpf_prog_info info;
        __u32 len = sizeof(info);

        memset(&info, 0, sizeof(info));
        if (bpf_obj_get_info_by_fd(v->prog_fds[i], &info, &len) != 0)
            return -1;
        out[n].name = v->prog_names[i];
        out[n].run_time_ns = info.run_time_ns;
        out[n].run_cnt = info.run_cnt;
    }
    return n;
}

const struct syslat_results *variant_syslat(const struct variant *v)
{
    return v->results && v->results_size == sizeof(struct syslat_results) ? v->results : NULL;
}

const struct syscount_results *variant_syscount(const struct variant *v)
{
    return v->results && v->results_size == sizeof(struct syscount_results) ? v->results
                                                                              : NULL;
}
