#include "run_dir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <syscost/hist.h>

#include "folder_links.h"
#include "hist_view.h"
#include "run_layout.h"
#include "safe_name.h"

static const char *const canonical[] = {"BpftraceProfiler.ManySmallWrites",
                                        "BpftraceProfiler.SingleBatchedWrite"};

int run_dir_is_canonical(const char *test)
{
    for (size_t i = 0; i < 2; i++)
        if (!strcmp(test, canonical[i]))
            return (int)i + 1;
    return 0;
}

static void if_file(const char *dir, enum run_file f, char *out, size_t len)
{
    struct stat sb;
    if (run_layout_join(dir, f, out, len) || folder_link_left_out(out) ||
        lstat(out, &sb) != 0 || !S_ISREG(sb.st_mode))
        out[0] = '\0';
}

/* Canonical cases first, in walkthrough order, then by name. */
static int by_case(const void *a, const void *b)
{
    const char *x = *(char *const *)a, *y = *(char *const *)b;
    char tx[256], ty[256], sx[64], sy[64];
    hist_view_split_name(x, tx, sizeof(tx), sx, sizeof(sx));
    hist_view_split_name(y, ty, sizeof(ty), sy, sizeof(sy));
    int cx = run_dir_is_canonical(tx), cy = run_dir_is_canonical(ty);
    if (cx != cy)
        return (cx ? cx : 99) - (cy ? cy : 99);
    return strcmp(x, y);
}

static int add_file(struct run_dir *r, const char *subdir, const char *script, const char *path)
{
    struct run_hist_group *g = NULL;
    for (size_t i = 0; i < r->n_groups; i++)
        if (!strcmp(r->groups[i].script, script) && !strcmp(r->groups[i].subdir, subdir))
            g = &r->groups[i];
    if (!g) {
        struct run_hist_group *more = realloc(r->groups, (r->n_groups + 1) * sizeof(*more));
        if (!more)
            return -1;
        r->groups = more;
        g = &r->groups[r->n_groups++];
        memset(g, 0, sizeof(*g));
        snprintf(g->script, sizeof(g->script), "%s", script);
        snprintf(g->subdir, sizeof(g->subdir), "%s", subdir);
        char name[sizeof(g->name)];
        snprintf(name, sizeof(name), "hist-%s%s%s", script, *subdir ? "-" : "", subdir);
        safe_name_make(name, g->name, sizeof(g->name));
    }
    char **more = realloc(g->files, (g->n + 1) * sizeof(*more));
    if (!more)
        return -1;
    g->files = more;
    if (!(g->files[g->n] = strdup(path)))
        return -1;
    g->n++;
    return 0;
}

static int scan_json(struct run_dir *r, const char *subdir)
{
    char dir[PATH_MAX];
    if (snprintf(dir, sizeof(dir), "%s%s%s", r->dir, *subdir ? "/" : "", subdir) >=
        (int)sizeof(dir))
        return 0; /* no such directory can exist */
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int rc = 0;
    for (struct dirent *e; (e = readdir(d)) && !rc;) {
        size_t l = strlen(e->d_name);
        if (l < 6 || strcmp(e->d_name + l - 5, ".json"))
            continue;
        char test[256], script[64], path[PATH_MAX];
        hist_view_split_name(e->d_name, test, sizeof(test), script, sizeof(script));
        if (!script[0])
            continue; /* demo.json and other result files, not a tracer's */
        if (snprintf(path, sizeof(path), "%s/%s", dir, e->d_name) < (int)sizeof(path) &&
            !folder_link_left_out(path))
            rc = add_file(r, subdir, script, path);
    }
    closedir(d);
    return rc;
}

/* False only for a file read whole that holds maps and no histogram among
 * them: one that cannot be read is left to the chart, which says why. */
static bool holds_histogram(const char *path)
{
    struct sc_hist_set set;
    char err[256];
    if (sc_hist_read_file(path, &set, err, sizeof(err)))
        return true;
    bool hist = set.nmaps == 0;
    for (size_t m = 0; m < set.nmaps; m++)
        hist |= set.maps[m].kind == SC_MAP_HIST;
    sc_hist_free(&set);
    return hist;
}

static int has_csv(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int found = 0;
    for (struct dirent *e; !found && (e = readdir(d));) {
        size_t l = strlen(e->d_name);
        struct stat sb; /* links are left out when read (result_inputs.c) */
        found = l > 4 && !strcmp(e->d_name + l - 4, ".csv") &&
                fstatat(dirfd(d), e->d_name, &sb, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISLNK(sb.st_mode);
    }
    closedir(d);
    return found;
}

int run_dir_scan(const char *dir, struct run_dir *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof(*out));
    struct stat sb;
    if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
        snprintf(err, errlen, "%s: %s", dir, errno == ENOENT ? "no such directory" : "not a directory");
        return -1;
    }
    snprintf(out->dir, sizeof(out->dir), "%s", dir);
    if_file(dir, RUN_FILE_DEMO_CSV, out->demo_csv, sizeof(out->demo_csv));
    if_file(dir, RUN_FILE_SLOW_CSV, out->slow_csv, sizeof(out->slow_csv));
    if_file(dir, RUN_FILE_FAST_CSV, out->fast_csv, sizeof(out->fast_csv));
    if_file(dir, RUN_FILE_ENV_TXT, out->env_txt, sizeof(out->env_txt));
    if (run_layout_join(dir, RUN_FILE_OVERHEAD_DIR, out->overhead_dir, sizeof(out->overhead_dir)) ||
        folder_link_left_out(out->overhead_dir) || !has_csv(out->overhead_dir))
        out->overhead_dir[0] = '\0';
    char overhead[64]; /* "overhead", the folder's name */
    snprintf(overhead, sizeof(overhead), "%s", run_layout_files[RUN_FILE_OVERHEAD_DIR].path);
    overhead[strcspn(overhead, "/")] = '\0';
    if (scan_json(out, "") || scan_json(out, overhead)) {
        run_dir_free(out);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    for (size_t i = 0; i < out->n_groups; i++) {
        struct run_hist_group *g = &out->groups[i];
        qsort(g->files, g->n, sizeof(char *), by_case);
        if (!(g->has_hist = calloc(g->n ? g->n : 1, sizeof(bool)))) {
            run_dir_free(out);
            snprintf(err, errlen, "out of memory");
            return -1;
        }
        for (size_t k = 0; k < g->n; k++)
            g->n_hist += g->has_hist[k] = holds_histogram(g->files[k]);
    }
    return 0;
}

void run_dir_free(struct run_dir *r)
{
    for (size_t i = 0; i < r->n_groups; i++) {
        for (size_t k = 0; k < r->groups[i].n; k++)
            free(r->groups[i].files[k]);
        free(r->groups[i].files);
        free(r->groups[i].has_hist);
    }
    free(r->groups);
    r->groups = NULL;
    r->n_groups = 0;
}
