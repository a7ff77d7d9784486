#include "devnull.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum sc_outcome devnull_open(int *fd, struct sc_status *st)
{
    int f = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (f < 0)
        return sc_fail(st, "cannot open /dev/null for writing: %s", strerror(errno));
    struct stat sb;
    if (fstat(f, &sb) != 0 || !S_ISCHR(sb.st_mode)) {
        close(f);
        return sc_fail(st, "/dev/null is not a character device here (something is mounted "
                           "over it): the case would time a file, not a system call");
    }
    *fd = f;
    return SC_OK;
}

void payload_fill(char *buf, size_t n)
{
    for (size_t i = 0; i < n; i++)
        buf[i] = (char)('a' + i % 26);
}

enum sc_outcome devnull_sink_open(size_t bytes, void **state, struct sc_status *st)
{
    struct devnull_sink *s = malloc(sizeof(*s) + bytes);
    if (!s)
        return sc_fail(st, "out of memory");
    enum sc_outcome o = devnull_open(&s->fd, st);
    if (o != SC_OK) {
        free(s);
        return o;
    }
    s->bytes = bytes;
    payload_fill(s->payload, bytes);
    *state = s;
    return SC_OK;
}

void devnull_sink_teardown(const struct sc_case *c, void *state)
{
    (void)c;
    struct devnull_sink *s = state;
    if (!s)
        return;
    close(s->fd);
    free(s);
}
