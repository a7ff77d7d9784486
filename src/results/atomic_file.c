#include <syscost/atomic_file.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/magic.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

/* Open temporary files, so an interrupt can remove them all. */
#define SC_MAX_PENDING 16
static struct sc_atomic_file *pending[SC_MAX_PENDING];

/* The same paths again for sc_atomic_abort_all_from_signal(): fixed buffers
 * a handler reads without touching the heap or a FILE. A slot's path counts
 * only while its flag is set; the flag is set after the path is complete and
 * cleared before the slot is reused (the fences keep the compiler from
 * reordering the two). */
static char pending_tmp[SC_MAX_PENDING][PATH_MAX];
static volatile sig_atomic_t pending_live[SC_MAX_PENDING];

static void track(struct sc_atomic_file *af)
{
    for (int i = 0; i < SC_MAX_PENDING; i++)
        if (!pending[i]) {
            pending[i] = af;
            size_t n = strlen(af->tmp_path);
            if (n < sizeof(pending_tmp[i])) {
                memcpy(pending_tmp[i], af->tmp_path, n + 1);
                atomic_signal_fence(memory_order_seq_cst);
                pending_live[i] = 1;
            }
            return;
        }
}

static void untrack(struct sc_atomic_file *af)
{
    for (int i = 0; i < SC_MAX_PENDING; i++)
        if (pending[i] == af) {
            pending_live[i] = 0;
            atomic_signal_fence(memory_order_seq_cst);
            pending[i] = NULL;
        }
}

/* The directory part of path ("." when there is none, "/" for "/x"). */
static void dir_of(const char *path, char *buf, size_t len)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(buf, len, ".");
    else if (slash == path)
        snprintf(buf, len, "/");
    else
        snprintf(buf, len, "%.*s", (int)(slash - path), path);
}

/* Why no temporary file could be made beside `path` (mkstemp failed with e):
 * /proc and /sys files look regular but cannot be replaced, and a missing
 * directory is not the same as one that refuses new files. */
static void explain_tmp_failure(const char *path, int e, char *err, size_t errlen)
{
    char dir[PATH_MAX];
    struct stat st;
    struct statfs fs;
    dir_of(path, dir, sizeof(dir));
    if (e == ENOENT && stat(dir, &st) != 0 && errno == ENOENT)
        snprintf(err, errlen, "cannot write %s: directory %s does not exist", path, dir);
    else if (statfs(dir, &fs) == 0 &&
             (fs.f_type == PROC_SUPER_MAGIC || fs.f_type == SYSFS_MAGIC))
        snprintf(err, errlen, "cannot write %s: it is a kernel file in %s, not a regular "
                              "file that can be replaced: name a file on a disk",
                 path, fs.f_type == PROC_SUPER_MAGIC ? "/proc" : "/sys");
    else if (e == ENOENT)
        snprintf(err, errlen, "cannot write %s: cannot create a temporary file in %s: %s",
                 path, dir, strerror(e));
    else
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(e));
}

static char *dup_printf_path(const char *path, const char *suffix)
{
    size_t n = strlen(path) + strlen(suffix) + 1;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "%s%s", path, suffix);
    return s;
}

int sc_atomic_open(struct sc_atomic_file *af, const char *path, char *err,
                   size_t errlen)
{
    memset(af, 0, sizeof(*af));
    af->path = strdup(path);
    if (!af->path) {
        snprintf(err, errlen, "%s: out of memory", path);
        return -1;
    }

    /* Renaming over /dev/full or a FIFO would replace the node itself:
     * such targets are written in place. A symbolic link is looked at, not
     * through: renaming over it would silently replace the link with a file
     * and leave what it points to as it was, and writing through it could
     * change a file anywhere. So a link is refused, unless it leads to a
     * stream (/dev/stdout, a FIFO, a device), which is written in place as
     * when named directly. */
    struct stat st, target;
    bool exists = lstat(path, &st) == 0;
    if (exists && S_ISLNK(st.st_mode) &&
        (stat(path, &target) != 0 || S_ISREG(target.st_mode) || S_ISDIR(target.st_mode))) {
        snprintf(err, errlen, "cannot write %s: it is a symbolic link; name the file it "
                              "points to (outputs are replaced whole, never written through "
                              "a link)", path);
        free(af->path);
        af->path = NULL;
        return -1;
    }
    if (exists && S_ISLNK(st.st_mode))
        st = target;
    if (exists && !S_ISREG(st.st_mode)) {
        if (S_ISDIR(st.st_mode)) {
            snprintf(err, errlen, "%s: is a directory, not a file", path);
            free(af->path);
            af->path = NULL;
            return -1;
        }
        af->f = fopen(path, "w");
        if (!af->f) {
            snprintf(err, errlen, "cannot open %s: %s", path, strerror(errno));
            free(af->path);
            af->path = NULL;
            return -1;
        }
        return 0;
    }

    af->tmp_path = dup_printf_path(path, ".tmp.XXXXXX");
    if (!af->tmp_path) {
        snprintf(err, errlen, "%s: out of memory", path);
        free(af->path);
        af->path = NULL;
        return -1;
    }
    /* No signal between creating the file and recording it: a handler that
     * cleans up with sc_atomic_abort_all_from_signal() must see it. */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    int fd = mkstemp(af->tmp_path);
    int e = errno;
    if (fd >= 0)
        track(af);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (fd < 0) {
        explain_tmp_failure(path, e, err, errlen);
        free(af->tmp_path);
        free(af->path);
        af->tmp_path = af->path = NULL;
        return -1;
    }
    /* mkstemp makes 0600; results are for sharing, so follow the umask. */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    af->f = fdopen(fd, "w");
    if (!af->f) {
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
        close(fd);
        unlink(af->tmp_path);
        untrack(af);
        free(af->tmp_path);
        free(af->path);
        af->tmp_path = af->path = NULL;
        return -1;
    }
    return 0;
}

static void release(struct sc_atomic_file *af)
{
    untrack(af);
    free(af->path);
    free(af->tmp_path);
    af->path = af->tmp_path = NULL;
    af->f = NULL;
}

int sc_atomic_commit(struct sc_atomic_file *af, char *err, size_t errlen)
{
    if (!af->f) {
        snprintf(err, errlen, "internal error: commit without open file");
        return -1;
    }
    int failed = 0, e = 0;
    if (ferror(af->f) || fflush(af->f) != 0) {
        failed = 1;
        e = errno ? errno : EIO;
    }
    if (!failed && af->tmp_path && fsync(fileno(af->f)) != 0 && errno != EINVAL) {
        failed = 1;
        e = errno;
    }
    if (fclose(af->f) != 0 && !failed) {
        failed = 1;
        e = errno;
    }
    af->f = NULL;
    if (!failed && af->tmp_path && rename(af->tmp_path, af->path) != 0) {
        failed = 1;
        e = errno;
    }
    if (failed) {
        snprintf(err, errlen, "cannot write %s: %s%s", af->path, strerror(e),
                 af->tmp_path ? " (the previous file, if any, is untouched)" : "");
        if (af->tmp_path)
            unlink(af->tmp_path);
        release(af);
        return -1;
    }
    release(af);
    return 0;
}

void sc_atomic_abort(struct sc_atomic_file *af)
{
    if (af->f)
        fclose(af->f);
    af->f = NULL;
    if (af->tmp_path)
        unlink(af->tmp_path);
    release(af);
}

void sc_atomic_abort_all(void)
{
    for (int i = 0; i < SC_MAX_PENDING; i++)
        if (pending[i])
            sc_atomic_abort(pending[i]);
}

void sc_atomic_abort_all_from_signal(void)
{
    int saved = errno;
    for (int i = 0; i < SC_MAX_PENDING; i++)
        if (pending_live[i])
            unlink(pending_tmp[i]);
    errno = saved;
}
