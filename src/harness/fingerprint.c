#include "fingerprint.h"

#include <ctype.h>
#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

#include <syscost/file_util.h>

/* /proc/cpuinfo of a big machine, or a container's mountinfo, is a few
 * hundred kilobytes; past this something is wrong and the key says unknown. */
#define FP_READ_MAX ((size_t)8 << 20)

const char *const sc_fp_cmdline_keys[SC_FP_CMDLINE_KEYS] = {
    [SC_FP_MITIGATIONS] = "mitigations",
    [SC_FP_PTI] = "pti",
    [SC_FP_ISOLCPUS] = "isolcpus",
    [SC_FP_NOHZ_FULL] = "nohz_full",
};

/* ---- parsers --------------------------------------------------------------- */

/* The next line of *text (without its newline) into buf; false at the end. */
static bool next_line(const char **text, char *buf, size_t len)
{
    const char *s = *text;
    if (!s || !*s)
        return false;
    size_t n = strcspn(s, "\n");
    size_t k = n < len - 1 ? n : len - 1;
    memcpy(buf, s, k);
    buf[k] = '\0';
    *text = s[n] ? s + n + 1 : s + n;
    return true;
}

/* "key<spaces or tabs>: value" -> value, when line starts with key. */
static const char *field_value(const char *line, const char *key)
{
    size_t n = strlen(key);
    if (strncmp(line, key, n))
        return NULL;
    const char *p = line + n;
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p != ':')
        return NULL;
    p++;
    while (*p == ' ' || *p == '\t')
        p++;
    return p;
}

static bool has_word(const char *list, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = list; (p = strstr(p, word)); p += n)
        if ((p == list || isspace((unsigned char)p[-1])) && (!p[n] || isspace((unsigned char)p[n])))
            return true;
    return false;
}

void sc_fp_parse_cpuinfo(const char *text, char *microcode, size_t len, int *hypervisor_flag)
{
    microcode[0] = '\0';
    *hypervisor_flag = -1;
    char line[4096];
    for (const char *p = text; next_line(&p, line, sizeof(line));) {
        const char *v;
        if (!microcode[0] && (v = field_value(line, "microcode")))
            snprintf(microcode, len, "%s", v);
        else if (*hypervisor_flag < 0 && (v = field_value(line, "flags")))
            *hypervisor_flag = has_word(v, "hypervisor");
        if (microcode[0] && *hypervisor_flag >= 0)
            return;
    }
}

static int parse_int_field(const char *v)
{
    char *end;
    long n = strtol(v, &end, 10);
    return end != v && n >= 0 && n <= INT_MAX ? (int)n : -1;
}

void sc_fp_parse_status(const char *text, int *mode, int *filters)
{
    *mode = *filters = -1;
    char line[512];
    for (const char *p = text; next_line(&p, line, sizeof(line));) {
        const char *v;
        if ((v = field_value(line, "Seccomp")))
            *mode = parse_int_field(v);
        else if ((v = field_value(line, "Seccomp_filters")))
            *filters = parse_int_field(v);
    }
}

int sc_fp_parse_stat(const char *text, struct sc_cpu_times *t)
{
    memset(t, 0, sizeof(*t));
    char line[1024];
    for (const char *p = text; next_line(&p, line, sizeof(line));) {
        if (strncmp(line, "cpu ", 4))
            continue;
        /* user nice system idle iowait irq softirq steal [guest guest_nice]:
         * guest time is already in user and nice, so it is not added again. */
        unsigned long long v[8] = {0};
        int n = sscanf(line + 4, "%llu %llu %llu %llu %llu %llu %llu %llu", &v[0], &v[1], &v[2],
                       &v[3], &v[4], &v[5], &v[6], &v[7]);
        if (n < 4)
            return -1;
        for (int i = 0; i < n; i++)
            t->total += v[i];
        t->steal = n >= 8 ? v[7] : 0;
        t->known = true;
        return 0;
    }
    return -1;
}

/* One kernel parameter, "key=value" or "key", of the command line; *pos
 * moves past it. Double quotes group spaces and are removed, as the kernel
 * does. False at the end. */
static bool next_param(const char **pos, char *buf, size_t len)
{
    const char *s = *pos;
    while (*s && isspace((unsigned char)*s))
        s++;
    if (!*s)
        return false;
    size_t k = 0;
    bool quoted = false;
    for (; *s && (quoted || !isspace((unsigned char)*s)); s++) {
        if (*s == '"') {
            quoted = !quoted;
            continue;
        }
        if (k + 1 < len)
            buf[k++] = *s;
    }
    buf[k] = '\0';
    *pos = s;
    return true;
}

void sc_fp_cmdline_value(const char *cmdline, const char *key, char *out, size_t len)
{
    snprintf(out, len, "%s", SC_FP_NOT_SET);
    size_t n = strlen(key);
    char param[1024];
    for (const char *p = cmdline; next_param(&p, param, sizeof(param));) {
        if (!strcmp(param, "--"))
            break; /* the rest is init's */
        if (!strncmp(param, key, n) && param[n] == '=')
            snprintf(out, len, "%s", param + n + 1);
        else if (!strcmp(param, key))
            snprintf(out, len, "(set)");
        else if (!strcmp(key, "pti") && !strcmp(param, "nopti"))
            snprintf(out, len, "off (nopti)");
    }
}

int sc_fp_parse_cpu_max(const char *text, long long *quota, long long *period)
{
    char q[32];
    long long p;
    if (sscanf(text, "%31s %lld", q, &p) != 2 || p <= 0)
        return -1;
    if (!strcmp(q, "max")) {
        *quota = -1;
    } else {
        char *end;
        long long v = strtoll(q, &end, 10);
        if (*end || v <= 0)
            return -1;
        *quota = v;
    }
    *period = p;
    return 0;
}

void sc_fp_cpu_limit_text(long long quota, long long period, char *out, size_t len, double *cpus)
{
    if (quota < 0 || period <= 0) {
        *cpus = 0;
        snprintf(out, len, "max");
        return;
    }
    *cpus = (double)quota / (double)period;
    snprintf(out, len, "%lld/%lld us = %.2f CPUs", quota, period, *cpus);
}

static bool lists_controller(const char *list, const char *controller)
{
    size_t n = strlen(controller);
    for (const char *p = list; *p;) {
        size_t k = strcspn(p, ",");
        if (k == n && !strncmp(p, controller, n))
            return true;
        p += k;
        if (*p == ',')
            p++;
    }
    return false;
}

int sc_fp_cgroup_path(const char *proc_self_cgroup, const char *controller, char *out, size_t len)
{
    char line[4096];
    for (const char *p = proc_self_cgroup; next_line(&p, line, sizeof(line));) {
        /* hierarchy-ID:controller-list:cgroup-path */
        char *c1 = strchr(line, ':');
        char *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
        if (!c2)
            continue;
        *c1 = *c2 = '\0';
        bool match = controller ? lists_controller(c1 + 1, controller)
                                : !strcmp(line, "0") && !c1[1];
        if (match) {
            snprintf(out, len, "%s", c2 + 1);
            return 0;
        }
    }
    return -1;
}

/* mountinfo escapes ' ', '\t', '\n' and '\\' as \ooo. */
static void unescape_octal(char *s)
{
    char *w = s;
    for (char *r = s; *r;) {
        if (r[0] == '\\' && r[1] >= '0' && r[1] <= '3' && r[2] >= '0' && r[2] <= '7' &&
            r[3] >= '0' && r[3] <= '7') {
            *w++ = (char)((r[1] - '0') * 64 + (r[2] - '0') * 8 + (r[3] - '0'));
            r += 4;
        } else {
            *w++ = *r++;
        }
    }
    *w = '\0';
}

int sc_fp_cgroup_mount(const char *mountinfo, const char *controller, char *mount_point,
                       size_t mlen, char *mount_root, size_t rlen)
{
    char line[4096];
    for (const char *p = mountinfo; next_line(&p, line, sizeof(line));) {
        /* id parent major:minor root mount-point options [optional...] - fstype source super-options */
        char *sep = strstr(line, " - ");
        if (!sep)
            continue;
        *sep = '\0';
        char fstype[32], source[256], super[1024] = "";
        if (sscanf(sep + 3, "%31s %255s %1023s", fstype, source, super) < 2)
            continue;
        char root[PATH_MAX], point[PATH_MAX];
        if (sscanf(line, "%*s %*s %*s %4095s %4095s", root, point) != 2)
            continue;
        bool match = controller ? !strcmp(fstype, "cgroup") && lists_controller(super, controller)
                                : !strcmp(fstype, "cgroup2");
        if (!match)
            continue;
        unescape_octal(root);
        unescape_octal(point);
        snprintf(mount_point, mlen, "%s", point);
        snprintf(mount_root, rlen, "%s", root);
        return 0;
    }
    return -1;
}

void sc_fp_hypervisor_name(const char signature[12], char *out, size_t len)
{
    static const struct {
        const char sig[13], *name;
    } known[] = {
        {"KVMKVMKVM\0\0\0", "KVM"},
        {"Microsoft Hv", "Microsoft Hyper-V"},
        {"VMwareVMware", "VMware"},
        {"XenVMMXenVMM", "Xen"},
        {"TCGTCGTCGTCG", "QEMU (TCG)"},
        {"VBoxVBoxVBox", "VirtualBox"},
        {" lrpepyh  vr", "Parallels"},
        {"bhyve bhyve ", "bhyve"},
        {"ACRNACRNACRN", "ACRN"},
        {"QNXQVMBSQG\0\0", "QNX"},
        {"Jailhouse\0\0\0", "Jailhouse"},
        {"EVMMEVMMEVMM", "Intel KVM-like EVMM"},
    };
    for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
        if (!memcmp(signature, known[i].sig, 12)) {
            snprintf(out, len, "%s", known[i].name);
            return;
        }
    char shown[13];
    for (int i = 0; i < 12; i++)
        shown[i] = isprint((unsigned char)signature[i]) && signature[i] != '\'' ? signature[i] : '?';
    shown[12] = '\0';
    snprintf(out, len, "unknown (CPUID signature '%s')", shown);
}

void sc_fp_steal(const struct sc_cpu_times *start, const struct sc_cpu_times *end,
                 long ticks_per_second, double *ms, double *percent)
{
    *ms = *percent = -1;
    if (!start->known || !end->known || ticks_per_second <= 0 || end->steal < start->steal ||
        end->total < start->total)
        return;
    uint64_t stolen = end->steal - start->steal, all = end->total - start->total;
    *ms = (double)stolen * 1000.0 / (double)ticks_per_second;
    *percent = all ? 100.0 * (double)stolen / (double)all : 0;
}

void sc_fp_steal_text(const struct sc_cpu_times *start, const struct sc_cpu_times *end,
                      long ticks_per_second, char *out, size_t len)
{
    double ms, percent;
    sc_fp_steal(start, end, ticks_per_second, &ms, &percent);
    if (ms < 0)
        snprintf(out, len, SC_FP_UNKNOWN);
    else
        snprintf(out, len, "%.0f ms (%.*f%% of CPU time)", ms, percent < 10 ? 1 : 0, percent);
}

const char *sc_fp_seccomp_text(int mode)
{
    switch (mode) {
    case 0: return "0 (disabled)";
    case 1: return "1 (strict)";
    case 2: return "2 (filter)";
    default: return SC_FP_UNKNOWN;
    }
}

/* ---- collecting ------------------------------------------------------------ */

/* root + path, read whole as a NUL-terminated string; NULL when it cannot be. */
static char *read_text(const char *root, const char *path)
{
    char full[PATH_MAX];
    if (snprintf(full, sizeof(full), "%s%s", root, path) >= (int)sizeof(full))
        return NULL;
    char *data;
    size_t len;
    if (sc_read_file_max(full, FP_READ_MAX, &data, &len) != SC_READ_OK)
        return NULL;
    char *text = realloc(data, len + 1);
    if (!text) {
        free(data);
        return NULL;
    }
    text[len] = '\0';
    return text;
}

/* The first line of root + path, trimmed; false when there is none. */
static bool read_first_line(const char *root, const char *path, char *buf, size_t len)
{
    char *text = read_text(root, path);
    if (!text)
        return false;
    const char *p = text;
    bool ok = next_line(&p, buf, len);
    free(text);
    size_t n = ok ? strlen(buf) : 0;
    while (n && isspace((unsigned char)buf[n - 1]))
        buf[--n] = '\0';
    return ok;
}

static void collect_cpu(struct sc_fingerprint *fp, const char *root)
{
    snprintf(fp->microcode, sizeof(fp->microcode), SC_FP_UNKNOWN);
    snprintf(fp->hypervisor, sizeof(fp->hypervisor), SC_FP_UNKNOWN);
    char *cpuinfo = read_text(root, "/proc/cpuinfo");
    int flag = -1;
    if (cpuinfo) {
        char mc[sizeof(fp->microcode)];
        sc_fp_parse_cpuinfo(cpuinfo, mc, sizeof(mc), &flag);
        if (mc[0])
            snprintf(fp->microcode, sizeof(fp->microcode), "%s", mc);
        free(cpuinfo);
    }
    /* Xen guests (and some others) name their hypervisor in sysfs; on x86
     * the hypervisor bit of CPUID leaf 1 (cpuinfo's "hypervisor" flag) says
     * whether there is one, and leaf 0x40000000 says which. */
    char type[64];
    if (read_first_line(root, "/sys/hypervisor/type", type, sizeof(type)) && type[0]) {
        if (!strcmp(type, "xen"))
            snprintf(fp->hypervisor, sizeof(fp->hypervisor), "Xen");
        else
            snprintf(fp->hypervisor, sizeof(fp->hypervisor), "%s", type);
        return;
    }
    if (flag == 0) {
        snprintf(fp->hypervisor, sizeof(fp->hypervisor), "none");
        return;
    }
#if defined(__x86_64__) || defined(__i386__)
    if (flag == 1 && !root[0]) {
        unsigned a, b, c, d;
        __cpuid(0x40000000, a, b, c, d);
        char sig[12];
        memcpy(sig, &b, 4);
        memcpy(sig + 4, &c, 4);
        memcpy(sig + 8, &d, 4);
        sc_fp_hypervisor_name(sig, fp->hypervisor, sizeof(fp->hypervisor));
    }
#endif
}

static int by_vuln_name(const void *a, const void *b)
{
    return strcmp(((const struct sc_fp_vuln *)a)->name, ((const struct sc_fp_vuln *)b)->name);
}

static void collect_vulnerabilities(struct sc_fingerprint *fp, const char *root)
{
    static const char dir_path[] = "/sys/devices/system/cpu/vulnerabilities";
    char dir[PATH_MAX];
    if (snprintf(dir, sizeof(dir), "%s%s", root, dir_path) >= (int)sizeof(dir))
        return;
    DIR *d = opendir(dir);
    if (!d)
        return;
    fp->vulns_known = true;
    for (struct dirent *e; (e = readdir(d)) && fp->n_vulns < SC_FP_MAX_VULNS;) {
        if (e->d_name[0] == '.' || strlen(e->d_name) >= sizeof(fp->vulns[0].name))
            continue;
        struct sc_fp_vuln *v = &fp->vulns[fp->n_vulns];
        char rel[PATH_MAX];
        snprintf(rel, sizeof(rel), "%s/%s", dir_path, e->d_name);
        memcpy(v->name, e->d_name, strlen(e->d_name) + 1); /* fits: checked above */
        if (!read_first_line(root, rel, v->line, sizeof(v->line)))
            snprintf(v->line, sizeof(v->line), SC_FP_UNKNOWN);
        fp->n_vulns++;
    }
    closedir(d);
    qsort(fp->vulns, fp->n_vulns, sizeof(fp->vulns[0]), by_vuln_name);
}

static void collect_cmdline(struct sc_fingerprint *fp, const char *root)
{
    char *cmdline = read_text(root, "/proc/cmdline");
    for (int k = 0; k < SC_FP_CMDLINE_KEYS; k++)
        if (cmdline)
            sc_fp_cmdline_value(cmdline, sc_fp_cmdline_keys[k], fp->cmdline[k],
                                sizeof(fp->cmdline[k]));
        else
            snprintf(fp->cmdline[k], sizeof(fp->cmdline[k]), SC_FP_UNKNOWN);
    free(cmdline);
}

static void collect_seccomp(struct sc_fingerprint *fp, const char *root)
{
    fp->seccomp_mode = fp->seccomp_filters = -1;
    char *status = read_text(root, "/proc/self/status");
    if (status)
        sc_fp_parse_status(status, &fp->seccomp_mode, &fp->seccomp_filters);
    free(status);
}

/* The tightest cpu limit from the process's cgroup up to its hierarchy's
 * root: a parent's quota holds its children too. file is cpu.max (v2) or
 * cpu.cfs_quota_us (v1, with cpu.cfs_period_us beside it). Returns -1 when
 * the hierarchy is not there. */
static int tightest_limit(struct sc_fingerprint *fp, const char *root, const char *mountinfo,
                          const char *cgroups, const char *controller)
{
    char point[PATH_MAX], mroot[PATH_MAX], path[PATH_MAX];
    if (sc_fp_cgroup_mount(mountinfo, controller, point, sizeof(point), mroot, sizeof(mroot)) ||
        sc_fp_cgroup_path(cgroups, controller, path, sizeof(path)))
        return -1;
    if (!controller) {
        /* A v2 hierarchy without the cpu controller (a hybrid setup) limits nothing. */
        char rel[PATH_MAX + 32], controllers[512];
        snprintf(rel, sizeof(rel), "%s/cgroup.controllers", point);
        if (!read_first_line(root, rel, controllers, sizeof(controllers)) ||
            !has_word(controllers, "cpu"))
            return -1;
    }
    /* The path below the mount: a cgroup namespace shows "/" for both. */
    size_t rl = strlen(mroot);
    const char *below = path;
    if (strcmp(mroot, "/") && !strncmp(path, mroot, rl) && (path[rl] == '/' || !path[rl]))
        below = path + rl;
    char dir[PATH_MAX];
    if (snprintf(dir, sizeof(dir), "%s%s", point, strcmp(below, "/") ? below : "") >=
        (int)sizeof(dir))
        return -1;
    long long best_q = -1, best_p = 0;
    for (;;) {
        char rel[PATH_MAX + 32], text[128];
        long long q, p;
        bool got;
        if (!controller) {
            snprintf(rel, sizeof(rel), "%s/cpu.max", dir);
            got = read_first_line(root, rel, text, sizeof(text)) &&
                  !sc_fp_parse_cpu_max(text, &q, &p);
        } else {
            char ptext[64];
            snprintf(rel, sizeof(rel), "%s/cpu.cfs_quota_us", dir);
            got = read_first_line(root, rel, text, sizeof(text));
            snprintf(rel, sizeof(rel), "%s/cpu.cfs_period_us", dir);
            got = got && read_first_line(root, rel, ptext, sizeof(ptext)) &&
                  sscanf(text, "%lld", &q) == 1 && sscanf(ptext, "%lld", &p) == 1 && p > 0;
        }
        if (got && q > 0 && (best_q < 0 || (double)q / (double)p < (double)best_q / (double)best_p)) {
            best_q = q;
            best_p = p;
        }
        if (!strcmp(dir, point))
            break;
        char *slash = strrchr(dir, '/');
        if (!slash || (size_t)(slash - dir) < strlen(point))
            break;
        *slash = '\0';
    }
    sc_fp_cpu_limit_text(best_q, best_p, fp->cgroup_cpu_limit, sizeof(fp->cgroup_cpu_limit),
                         &fp->cgroup_cpus);
    return 0;
}

static void collect_cgroup(struct sc_fingerprint *fp, const char *root)
{
    snprintf(fp->cgroup_cpu_limit, sizeof(fp->cgroup_cpu_limit), SC_FP_UNKNOWN);
    fp->cgroup_cpus = 0;
    char *mountinfo = read_text(root, "/proc/self/mountinfo");
    char *cgroups = read_text(root, "/proc/self/cgroup");
    if (mountinfo && cgroups && tightest_limit(fp, root, mountinfo, cgroups, NULL))
        tightest_limit(fp, root, mountinfo, cgroups, "cpu");
    free(mountinfo);
    free(cgroups);
}

static void read_cpu_times(const char *root, struct sc_cpu_times *t)
{
    char *stat = read_text(root, "/proc/stat");
    if (!stat || sc_fp_parse_stat(stat, t))
        memset(t, 0, sizeof(*t));
    free(stat);
}

void sc_fingerprint_collect(struct sc_fingerprint *fp, const char *root)
{
    memset(fp, 0, sizeof(*fp));
    collect_cpu(fp, root);
    collect_vulnerabilities(fp, root);
    collect_cmdline(fp, root);
    collect_seccomp(fp, root);
    collect_cgroup(fp, root);
    fp->ticks_per_second = sysconf(_SC_CLK_TCK);
    read_cpu_times(root, &fp->start);
}

void sc_fingerprint_finish(struct sc_fingerprint *fp, const char *root)
{
    read_cpu_times(root, &fp->end);
}

/* ---- env.txt --------------------------------------------------------------- */

void sc_fingerprint_write_txt_cpu(const struct sc_fingerprint *fp, FILE *f)
{
    fprintf(f, "microcode: %s\n", fp->microcode);
    fprintf(f, "hypervisor: %s\n", fp->hypervisor);
}

void sc_fingerprint_write_txt_kernel(const struct sc_fingerprint *fp, FILE *f)
{
    if (!fp->vulns_known)
        fprintf(f, "vulnerabilities: unknown (no /sys/devices/system/cpu/vulnerabilities)\n");
    for (size_t i = 0; i < fp->n_vulns; i++)
        fprintf(f, "vulnerability %s: %s\n", fp->vulns[i].name, fp->vulns[i].line);
    for (int k = 0; k < SC_FP_CMDLINE_KEYS; k++)
        fprintf(f, "cmdline %s: %s\n", sc_fp_cmdline_keys[k], fp->cmdline[k]);
}

void sc_fingerprint_write_txt_process(const struct sc_fingerprint *fp, FILE *f)
{
    fprintf(f, "seccomp: %s\n", sc_fp_seccomp_text(fp->seccomp_mode));
    if (fp->seccomp_filters >= 0)
        fprintf(f, "seccomp filters: %d\n", fp->seccomp_filters);
    else
        fprintf(f, "seccomp filters: %s\n", SC_FP_UNKNOWN);
    fprintf(f, "cgroup cpu limit: %s\n", fp->cgroup_cpu_limit);
    char steal[64];
    sc_fp_steal_text(&fp->start, &fp->end, fp->ticks_per_second, steal, sizeof(steal));
    fprintf(f, "steal during run: %s\n", steal);
}
