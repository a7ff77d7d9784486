#include <syscost/file_util.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Refuses anything but a regular file before opening it: opening a FIFO
 * waits for a writer, and a device (/dev/zero) never ends. */
static enum sc_read_status open_regular(const char *path, int *fd_out)
{
    struct stat sb;
    if (stat(path, &sb) != 0)
        return SC_READ_CANNOT_OPEN;
    if (!S_ISREG(sb.st_mode))
        return SC_READ_NOT_REGULAR;
    /* O_NONBLOCK: should the path become a FIFO after the stat, open does
     * not wait; sc_read_fd_max then refuses what was opened. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0)
        return SC_READ_CANNOT_OPEN;
    *fd_out = fd;
    return SC_READ_OK;
}

enum sc_read_status sc_read_fd_max(int fd, size_t max, char **data, size_t *len)
{
    struct stat sb;
    if (fstat(fd, &sb) != 0)
        return SC_READ_CANNOT_READ;
    if (!S_ISREG(sb.st_mode))
        return SC_READ_NOT_REGULAR;
    size_t hint = sb.st_size > 0 ? (size_t)sb.st_size : 0;
    if (hint > max)
        return SC_READ_TOO_LARGE;
    /* One byte more than the file claims, so the read that finds the end
     * needs no growth; a file that grows meanwhile (or a /proc file, which
     * claims 0 bytes) grows the buffer, never past max + 1 bytes. */
    size_t cap = hint + 1 > 4096 ? hint + 1 : 4096, n = 0;
    if (cap > max + 1)
        cap = max + 1;
    char *buf = malloc(cap);
    if (!buf)
        return SC_READ_NO_MEMORY;
    enum sc_read_status st = SC_READ_OK;
    for (;;) {
        if (n == cap) {
            if (cap > max) {
                st = SC_READ_TOO_LARGE;
                break;
            }
            size_t ncap = cap > (max + 1) / 2 ? max + 1 : cap * 2;
            char *nb = realloc(buf, ncap);
            if (!nb) {
                st = SC_READ_NO_MEMORY;
                break;
            }
            buf = nb;
            cap = ncap;
        }
        ssize_t got = read(fd, buf + n, cap - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            st = SC_READ_CANNOT_READ;
            break;
        }
        if (got == 0)
            break;
        n += (size_t)got;
    }
    if (st != SC_READ_OK) {
        int e = errno; /* free may change it; the read error is what counts */
        free(buf);
        errno = e;
        return st;
    }
    *data = buf;
    *len = n;
    return SC_READ_OK;
}

enum sc_read_status sc_read_file_max(const char *path, size_t max, char **data, size_t *len)
{
    int fd;
    enum sc_read_status st = open_regular(path, &fd);
    if (st != SC_READ_OK)
        return st;
    st = sc_read_fd_max(fd, max, data, len);
    int e = errno; /* close may change it; the read error is what counts */
    close(fd);
    errno = e;
    return st;
}

enum sc_read_status sc_read_file(const char *path, char **data, size_t *len)
{
    return sc_read_file_max(path, SC_READ_MAX_BYTES, data, len);
}

void sc_read_status_text(enum sc_read_status st, size_t max, char *buf, size_t len)
{
    switch (st) {
    case SC_READ_OK:
        snprintf(buf, len, "read");
        return;
    case SC_READ_CANNOT_OPEN:
        snprintf(buf, len, "cannot open: %s", strerror(errno));
        return;
    case SC_READ_NOT_REGULAR:
        snprintf(buf, len, "not a regular file (a directory, device, pipe or socket): "
                           "give the path of a file");
        return;
    case SC_READ_TOO_LARGE:
        if (max >= (1u << 20))
            snprintf(buf, len, "larger than %zu MiB, the limit for an input file", max >> 20);
        else
            snprintf(buf, len, "larger than %zu bytes, the limit for this input", max);
        return;
    case SC_READ_NO_MEMORY:
        snprintf(buf, len, "out of memory");
        return;
    case SC_READ_CANNOT_READ:
        snprintf(buf, len, "cannot read: %s", strerror(errno));
        return;
    }
    snprintf(buf, len, "cannot read");
}

int sc_read_input_max(const char *path, size_t max, char **data, size_t *len, char *err,
                      size_t errlen)
{
    enum sc_read_status st = sc_read_file_max(path, max, data, len);
    if (st == SC_READ_OK)
        return 0;
    char why[200];
    sc_read_status_text(st, max, why, sizeof(why));
    snprintf(err, errlen, "%s: %s", path, why);
    return -1;
}

int sc_read_input(const char *path, char **data, size_t *len, char *err, size_t errlen)
{
    return sc_read_input_max(path, SC_READ_MAX_BYTES, data, len, err, errlen);
}

const char *sc_base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

int sc_mkdir_p(const char *path, char *err, size_t errlen)
{
    char buf[PATH_MAX];
    if (snprintf(buf, sizeof(buf), "%s", path) >= (int)sizeof(buf)) {
        snprintf(err, errlen, "%s: path too long", path);
        return -1;
    }
    for (char *p = buf + 1;; p++) {
        if (*p != '/' && *p != '\0')
            continue;
        char saved = *p;
        *p = '\0';
        if (mkdir(buf, 0777) != 0 && errno != EEXIST) {
            /* Bounded so the reason still fits a short message buffer. */
            snprintf(err, errlen, "cannot create directory %.400s: %s", buf,
                     strerror(errno));
            return -1;
        }
        struct stat st;
        if (!saved && (stat(buf, &st) != 0 || !S_ISDIR(st.st_mode))) {
            snprintf(err, errlen, "%.400s exists and is not a directory", buf);
            return -1;
        }
        *p = saved;
        if (!saved)
            return 0;
    }
}
