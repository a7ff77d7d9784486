#include "plot_stage.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <syscost/file_util.h>

/* The stage a signal handler must clean up; one plot run at a time. */
static struct plot_stage *volatile open_stage;

int plot_stage_open(struct plot_stage *st, const char *out_dir, char *err, size_t errlen)
{
    memset(st, 0, sizeof(*st));
    const char *parent;
    if (out_dir) {
        struct stat sb;
        st->made_out_dir = stat(out_dir, &sb) != 0;
        if (sc_mkdir_p(out_dir, err, errlen))
            return -1;
        snprintf(st->out_dir, sizeof(st->out_dir), "%s", out_dir);
        parent = out_dir;
    } else {
        parent = getenv("TMPDIR");
        if (!parent || !*parent)
            parent = "/tmp";
    }
    if (snprintf(st->dir, sizeof(st->dir), "%s/.bench-plot.XXXXXX", parent) >= (int)sizeof(st->dir)) {
        snprintf(err, errlen, "%s: path too long", parent);
        st->dir[0] = '\0';
        if (st->made_out_dir)
            rmdir(st->out_dir);
        return -1;
    }
    /* Known to the signal handler before it exists: a signal right after
     * mkdtemp still removes it (before, rmdir of the template fails). */
    open_stage = st;
    if (!mkdtemp(st->dir)) {
        open_stage = NULL;
        snprintf(err, errlen, "cannot create a directory in %s: %s", parent, strerror(errno));
        st->dir[0] = '\0';
        if (st->made_out_dir)
            rmdir(st->out_dir);
        return -1;
    }
    return 0;
}

int plot_stage_path(struct plot_stage *st, const char *name, char *buf, size_t len,
                    char *err, size_t errlen)
{
    if (st->n_files == PLOT_STAGE_MAX_FILES) {
        snprintf(err, errlen, "more than %d output files in one run", PLOT_STAGE_MAX_FILES);
        return -1;
    }
    if (strchr(name, '/') || snprintf(buf, len, "%s/%s", st->dir, name) >= (int)len) {
        snprintf(err, errlen, "bad output file name '%s'", name);
        return -1;
    }
    for (size_t i = 0; i < st->n_files; i++)
        if (!strcmp(st->files[i], name)) {
            snprintf(err, errlen, "two outputs named '%s'", name);
            return -1;
        }
    char *copy = strdup(name);
    if (!copy) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    /* The name first, then the count: a signal handler may read both. */
    st->files[st->n_files] = copy;
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    st->n_files++;
    return 0;
}

FILE *plot_stage_create(struct plot_stage *st, const char *name, char *err, size_t errlen)
{
    char path[PATH_MAX];
    if (plot_stage_path(st, name, path, sizeof(path), err, errlen))
        return NULL;
    FILE *f = fopen(path, "w");
    if (!f)
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
    return f;
}

/* Everything in the stage goes, registered or not: only the kit writes
 * there, but a stage must never outlive its run. */
size_t plot_stage_mark(const struct plot_stage *st)
{
    return st->n_files;
}

void plot_stage_rollback(struct plot_stage *st, size_t mark)
{
    size_t n = st->n_files;
    if (mark >= n)
        return;
    /* The count first: a signal handler reads only what it covers. */
    st->n_files = mark;
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    char path[PATH_MAX];
    for (size_t i = mark; i < n; i++) {
        if (snprintf(path, sizeof(path), "%s/%s", st->dir, st->files[i]) < (int)sizeof(path))
            unlink(path);
        free(st->files[i]);
        st->files[i] = NULL;
    }
}

static void remove_stage(struct plot_stage *st)
{
    char path[PATH_MAX];
    for (size_t i = 0; i < st->n_files; i++) {
        if (snprintf(path, sizeof(path), "%s/%s", st->dir, st->files[i]) < (int)sizeof(path))
            unlink(path);
    }
    if (rmdir(st->dir) == 0 || errno == ENOENT)
        return;
    DIR *d = opendir(st->dir);
    if (!d)
        return;
    for (struct dirent *e; (e = readdir(d));) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        if (snprintf(path, sizeof(path), "%s/%s", st->dir, e->d_name) < (int)sizeof(path))
            unlink(path);
    }
    closedir(d);
    rmdir(st->dir);
}

static void forget(struct plot_stage *st)
{
    open_stage = NULL;
    for (size_t i = 0; i < st->n_files; i++) {
        free(st->files[i]);
        st->files[i] = NULL;
    }
    st->n_files = 0;
    st->dir[0] = '\0';
}

int plot_stage_commit(struct plot_stage *st, char *err, size_t errlen)
{
    if (!st->out_dir[0]) {
        plot_stage_abort(st);
        return 0;
    }
    char from[PATH_MAX], to[PATH_MAX];
    for (size_t i = 0; i < st->n_files; i++) {
        if (snprintf(from, sizeof(from), "%s/%s", st->dir, st->files[i]) >= (int)sizeof(from) ||
            snprintf(to, sizeof(to), "%s/%s", st->out_dir, st->files[i]) >= (int)sizeof(to)) {
            snprintf(err, errlen, "%s: path too long", st->out_dir);
            plot_stage_abort(st);
            return -1;
        }
        if (access(from, F_OK) != 0)
            continue; /* registered but never written: e.g. a chart not drawn */
        if (rename(from, to) != 0) {
            snprintf(err, errlen, "cannot move %s to %s: %s", from, to, strerror(errno));
            plot_stage_abort(st);
            return -1;
        }
    }
    remove_stage(st);
    forget(st);
    return 0;
}

void plot_stage_abort(struct plot_stage *st)
{
    if (!st->dir[0])
        return;
    remove_stage(st);
    if (st->made_out_dir)
        rmdir(st->out_dir); /* fails, as it should, when something else is there */
    forget(st);
}

void plot_stage_abort_from_signal(void)
{
    struct plot_stage *st = open_stage;
    if (!st || !st->dir[0])
        return;
    /* No snprintf here: build each path by hand. */
    for (size_t i = 0; i < st->n_files; i++) {
        char path[PATH_MAX];
        if (!st->files[i])
            continue;
        size_t a = strlen(st->dir), b = strlen(st->files[i]);
        if (a + b + 2 > sizeof(path))
            continue;
        memcpy(path, st->dir, a);
        path[a] = '/';
        memcpy(path + a + 1, st->files[i], b + 1);
        unlink(path);
    }
    rmdir(st->dir);
    if (st->made_out_dir)
        rmdir(st->out_dir);
}
