/* The same 1024 bytes into the places real programs write to, one byte per
 * write() against one write(): /dev/null, a pipe, a file on tmpfs, an
 * AF_UNIX socket and a raw-mode pseudo-terminal standing in for a serial
 * port. Where a reader is needed a thread drains the far end, and each
 * run() waits until all its bytes arrived, so a repeat's time includes the
 * data getting through. */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

#include "cases.h"
#include "devnull.h"
#include "drain.h"
#include "scratch.h"

enum { PAYLOAD_BYTES = 1024, DRAIN_IDLE_MS = 10000 };

enum sink_kind { SINK_DEVNULL, SINK_PIPE, SINK_TMPFS_FILE, SINK_UNIX_SOCKET, SINK_PTY };

static const char *const sink_names[] = {
    [SINK_DEVNULL] = "/dev/null",
    [SINK_PIPE] = "pipe",
    [SINK_TMPFS_FILE] = "tmpfs file",
    [SINK_UNIX_SOCKET] = "AF_UNIX socket",
    [SINK_PTY] = "pseudo-terminal",
};

struct sink {
    enum sink_kind kind;
    int fd; /* what the measured thread writes to */
    struct drain drain;
    uint64_t written; /* bytes handed to the sink so far */
    char payload[PAYLOAD_BYTES];
};

static void sink_teardown(const struct sc_case *c, void *state)
{
    (void)c;
    struct sink *s = state;
    if (!s)
        return;
    /* Closing the write end is what ends the reader (EOF, or EIO on a pty). */
    if (s->fd >= 0)
        close(s->fd);
    drain_stop(&s->drain);
    free(s);
}

static enum sc_outcome open_pipe(struct sink *s, struct sc_status *st)
{
    int p[2];
    if (pipe2(p, O_CLOEXEC) != 0)
        return sc_fail(st, "pipe2: %s", strerror(errno));
    s->fd = p[1];
    return drain_start(&s->drain, p[0], DRAIN_STREAM, 0, st);
}

static enum sc_outcome open_unix_socket(struct sink *s, struct sc_status *st)
{
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
        return sc_fail(st, "socketpair(AF_UNIX, SOCK_STREAM): %s", strerror(errno));
    s->fd = sv[0];
    return drain_start(&s->drain, sv[1], DRAIN_STREAM, 0, st);
}

/* The program writes to the slave, as it would to /dev/ttyS0; raw mode
 * keeps the line discipline from translating or echoing bytes, so what
 * arrives at the master is exactly what was written. */
static enum sc_outcome open_pty(struct sink *s, struct sc_status *st)
{
    int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master < 0)
        return sc_fail(st, "posix_openpt: %s", strerror(errno));
    char name[128];
    if (grantpt(master) != 0 || unlockpt(master) != 0 || ptsname_r(master, name, sizeof(name))) {
        int e = errno;
        close(master);
        return sc_fail(st, "cannot set up the pseudo-terminal: %s", strerror(e));
    }
    s->fd = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (s->fd < 0) {
        int e = errno;
        close(master);
        return sc_fail(st, "open(%s): %s", name, strerror(e));
    }
    struct termios t;
    if (tcgetattr(s->fd, &t) != 0) {
        int e = errno;
        close(master);
        return sc_fail(st, "tcgetattr(%s): %s", name, strerror(e));
    }
    cfmakeraw(&t);
    if (tcsetattr(s->fd, TCSANOW, &t) != 0) {
        int e = errno;
        close(master);
        return sc_fail(st, "tcsetattr(%s, raw): %s", name, strerror(e));
    }
    return drain_start(&s->drain, master, DRAIN_STREAM, 0, st);
}

static enum sc_outcome open_sink(struct sink *s, struct sc_status *st)
{
    switch (s->kind) {
    case SINK_DEVNULL:
        return devnull_open(&s->fd, st);
    case SINK_PIPE:
        return open_pipe(s, st);
    case SINK_TMPFS_FILE:
        return scratch_open(O_CLOEXEC, &s->fd, st);
    case SINK_UNIX_SOCKET:
        return open_unix_socket(s, st);
    case SINK_PTY:
        return open_pty(s, st);
    }
    return sc_fail(st, "unknown sink %d", (int)s->kind);
}

static enum sc_outcome sink_setup(const struct sc_case *c, void **state, struct sc_status *st)
{
    struct sink *s = calloc(1, sizeof(*s));
    if (!s)
        return sc_fail(st, "out of memory");
    s->kind = (enum sink_kind)c->arg;
    s->fd = -1;
    payload_fill(s->payload, PAYLOAD_BYTES);
    enum sc_outcome o = open_sink(s, st);
    if (o != SC_OK) {
        sink_teardown(c, s);
        return o;
    }
    *state = s;
    return SC_OK;
}

/* The file is rewritten in place with pwrite(), so it stays 1 KiB however
 * many calls run, and each byte still costs exactly one syscall. */
static ssize_t put(struct sink *s, const char *p, size_t len, size_t offset)
{
    if (s->kind == SINK_TMPFS_FILE)
        return pwrite(s->fd, p, len, (off_t)offset);
    return write(s->fd, p, len);
}

static enum sc_outcome put_all(struct sink *s, size_t offset, size_t len, struct sc_status *st)
{
    size_t done = 0;
    while (done < len) {
        ssize_t got = put(s, s->payload + offset + done, len - done, offset + done);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return sc_fail(st, "write of %zu bytes to the %s: %s", len - done,
                           sink_names[s->kind], got < 0 ? strerror(errno) : "wrote nothing");
        done += (size_t)got;
    }
    return SC_OK;
}

static enum sc_outcome finish_run(struct sink *s, uint64_t cycles, struct sc_status *st)
{
    s->written += cycles * PAYLOAD_BYTES;
    if (!s->drain.started)
        return SC_OK;
    return drain_wait(&s->drain, s->written, DRAIN_IDLE_MS, sink_names[s->kind], st);
}

static enum sc_outcome sink_one_byte(const struct sc_case *c, void *state, uint64_t cycles,
                                     struct sc_status *st)
{
    (void)c;
    struct sink *s = state;
    for (uint64_t n = 0; n < cycles; n++)
        for (size_t i = 0; i < PAYLOAD_BYTES; i++) {
            enum sc_outcome o = put_all(s, i, 1, st);
            if (o != SC_OK)
                return o;
        }
    return finish_run(s, cycles, st);
}

static enum sc_outcome sink_batched(const struct sc_case *c, void *state, uint64_t cycles,
                                    struct sc_status *st)
{
    (void)c;
    struct sink *s = state;
    for (uint64_t n = 0; n < cycles; n++) {
        enum sc_outcome o = put_all(s, 0, PAYLOAD_BYTES, st);
        if (o != SC_OK)
            return o;
    }
    return finish_run(s, cycles, st);
}

#define SINK_PAIR(label, kind)                                                           \
    {.name = "Sink." label "/OneByte", .arg = kind, .setup = sink_setup,                 \
     .run = sink_one_byte, .teardown = sink_teardown},                                  \
    {.name = "Sink." label "/Batched", .arg = kind, .setup = sink_setup,                 \
     .run = sink_batched, .teardown = sink_teardown}

const struct sc_case sink_cases[] = {
    SINK_PAIR("DevNull", SINK_DEVNULL),
    SINK_PAIR("Pipe", SINK_PIPE),
    SINK_PAIR("TmpfsFile", SINK_TMPFS_FILE),
    SINK_PAIR("UnixSocket", SINK_UNIX_SOCKET),
    SINK_PAIR("Pty", SINK_PTY),
    {0},
};
