/* Batching techniques: one call hands the same 1024 one-byte records to
 * /dev/null, either one write() each (the baseline) or batched by stdio,
 * writev(), io_uring or a hand-made buffer. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#ifdef SYSCOST_HAVE_LIBURING
#include <liburing.h>
#endif

#include "cases.h"
#include "devnull.h"

enum {
    RECORDS = 1024,
    /* stdio's buffer: anything >= RECORDS bytes makes one write() per call. */
    STDIO_BUFFER = 4096,
    /* The hand-made buffer flushes when this full; = RECORDS, so one write. */
    USER_THRESHOLD = 1024,
};

struct records {
    int fd;
    char rec[RECORDS]; /* record i is the byte rec[i] */
    FILE *stdio;
    char *stdio_buf;
    struct iovec iov[RECORDS];
    int iov_max;
    char user_buf[USER_THRESHOLD];
#ifdef SYSCOST_HAVE_LIBURING
    struct io_uring ring;
    int ring_ready;
#endif
};

static enum sc_outcome write_all(int fd, const char *p, size_t len, struct sc_status *st)
{
    while (len > 0) {
        ssize_t got = write(fd, p, len);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return sc_fail(st, "write() of %zu bytes to /dev/null: %s", len,
                           got < 0 ? strerror(errno) : "wrote nothing");
        p += got;
        len -= (size_t)got;
    }
    return SC_OK;
}

static void records_teardown(const struct sc_case *c, void *state)
{
    (void)c;
    struct records *r = state;
    if (!r)
        return;
#ifdef SYSCOST_HAVE_LIBURING
    if (r->ring_ready)
        io_uring_queue_exit(&r->ring);
#endif
    if (r->stdio)
        fclose(r->stdio); /* closes fd as well */
    else if (r->fd >= 0)
        close(r->fd);
    free(r->stdio_buf);
    free(r);
}

/* Fills a zeroed r. On failure the caller's teardown frees what exists:
 * the harness does not call teardown after a failed setup. */
static enum sc_outcome records_init(struct records *r, struct sc_status *st)
{
    enum sc_outcome o = devnull_open(&r->fd, st);
    if (o != SC_OK)
        return o;
    payload_fill(r->rec, RECORDS);
    for (int i = 0; i < RECORDS; i++)
        r->iov[i] = (struct iovec){.iov_base = &r->rec[i], .iov_len = 1};
    /* IOV_MAX is the compile-time promise, sysconf the running system's. */
    long sys_max = sysconf(_SC_IOV_MAX);
    r->iov_max = IOV_MAX;
    if (sys_max > 0 && sys_max < r->iov_max)
        r->iov_max = (int)sys_max;
    return SC_OK;
}

/* Runs init (NULL: the common part only) on a fresh state; cleans up on failure. */
static enum sc_outcome records_make(const struct sc_case *c, void **state, struct sc_status *st,
                                    enum sc_outcome (*init)(struct records *, struct sc_status *))
{
    struct records *r = calloc(1, sizeof(*r));
    if (!r)
        return sc_fail(st, "out of memory");
    r->fd = -1;
    enum sc_outcome o = records_init(r, st);
    if (o == SC_OK && init)
        o = init(r, st);
    if (o != SC_OK) {
        records_teardown(c, r);
        return o;
    }
    *state = r;
    return SC_OK;
}

static enum sc_outcome records_setup(const struct sc_case *c, void **state,
                                     struct sc_status *st)
{
    return records_make(c, state, st, NULL);
}

static enum sc_outcome one_byte_writes(const struct sc_case *c, void *state, uint64_t cycles,
                                       struct sc_status *st)
{
    (void)c;
    struct records *r = state;
    for (uint64_t n = 0; n < cycles; n++)
        for (int i = 0; i < RECORDS; i++)
            if (write(r->fd, &r->rec[i], 1) != 1)
                return sc_fail(st, "write() of record %d to /dev/null: %s", i, strerror(errno));
    return SC_OK;
}

static enum sc_outcome stdio_init(struct records *r, struct sc_status *st)
{
    r->stdio_buf = malloc(STDIO_BUFFER);
    if (!r->stdio_buf)
        return sc_fail(st, "out of memory");
    r->stdio = fdopen(r->fd, "w");
    if (!r->stdio)
        return sc_fail(st, "fdopen(/dev/null): %s", strerror(errno));
    if (setvbuf(r->stdio, r->stdio_buf, _IOFBF, STDIO_BUFFER) != 0)
        return sc_fail(st, "setvbuf(_IOFBF, %d bytes) refused", STDIO_BUFFER);
    return SC_OK;
}

static enum sc_outcome stdio_setup(const struct sc_case *c, void **state, struct sc_status *st)
{
    return records_make(c, state, st, stdio_init);
}

static enum sc_outcome stdio_fully_buffered(const struct sc_case *c, void *state,
                                            uint64_t cycles, struct sc_status *st)
{
    (void)c;
    struct records *r = state;
    for (uint64_t n = 0; n < cycles; n++) {
        for (int i = 0; i < RECORDS; i++)
            if (fwrite(&r->rec[i], 1, 1, r->stdio) != 1)
                return sc_fail(st, "fwrite() of record %d: %s", i, strerror(errno));
        if (fflush(r->stdio) != 0)
            return sc_fail(st, "fflush() to /dev/null: %s", strerror(errno));
    }
    return SC_OK;
}

static enum sc_outcome writev_records(const struct sc_case *c, void *state, uint64_t cycles,
                                      struct sc_status *st)
{
    (void)c;
    struct records *r = state;
    for (uint64_t n = 0; n < cycles; n++)
        for (int first = 0; first < RECORDS; first += r->iov_max) {
            int cnt = RECORDS - first < r->iov_max ? RECORDS - first : r->iov_max;
            ssize_t got = writev(r->fd, &r->iov[first], cnt);
            /* Each iovec is one byte, so a full write returns cnt. */
            if (got != cnt)
                return got < 0 ? sc_fail(st, "writev() of %d records: %s", cnt, strerror(errno))
                               : sc_fail(st, "writev() was short: %zd of %d bytes", got, cnt);
        }
    return SC_OK;
}

static enum sc_outcome user_buffer(const struct sc_case *c, void *state, uint64_t cycles,
                                   struct sc_status *st)
{
    (void)c;
    struct records *r = state;
    for (uint64_t n = 0; n < cycles; n++) {
        size_t used = 0;
        for (int i = 0; i < RECORDS; i++) {
            r->user_buf[used++] = r->rec[i];
            if (used == USER_THRESHOLD) {
                enum sc_outcome o = write_all(r->fd, r->user_buf, used, st);
                if (o != SC_OK)
                    return o;
                used = 0;
            }
        }
        if (used) {
            enum sc_outcome o = write_all(r->fd, r->user_buf, used, st);
            if (o != SC_OK)
                return o;
        }
    }
    return SC_OK;
}

#ifdef SYSCOST_HAVE_LIBURING
static enum sc_outcome uring_init(struct records *r, struct sc_status *st)
{
    int e = io_uring_queue_init(RECORDS, &r->ring, 0);
    if (e == -EPERM || e == -ENOSYS || e == -EACCES)
        return sc_skip(st, "io_uring is not allowed here: io_uring_setup: %s (a seccomp "
                           "profile such as Docker's default, or kernel.io_uring_disabled)",
                       strerror(-e));
    if (e < 0)
        return sc_fail(st, "io_uring_queue_init(%d entries): %s", RECORDS, strerror(-e));
    r->ring_ready = 1;
    return SC_OK;
}

static enum sc_outcome uring_setup(const struct sc_case *c, void **state, struct sc_status *st)
{
    return records_make(c, state, st, uring_init);
}

/* Reaps what has completed; fails on a write that did not write its byte. */
static enum sc_outcome reap(struct records *r, unsigned *done, struct sc_status *st)
{
    struct io_uring_cqe *cqe;
    unsigned head, seen = 0;
    enum sc_outcome o = SC_OK;
    io_uring_for_each_cqe(&r->ring, head, cqe)
    {
        if (cqe->res != 1 && o == SC_OK)
            o = cqe->res < 0 ? sc_fail(st, "io_uring write to /dev/null: %s", strerror(-cqe->res))
                             : sc_fail(st, "io_uring write to /dev/null wrote %d bytes, not 1",
                                       cqe->res);
        seen++;
    }
    io_uring_cq_advance(&r->ring, seen);
    *done += seen;
    return o;
}

/* All RECORDS writes go in with one io_uring_enter, which also waits for
 * them. The kernel's syscr/syscw do not see io_uring_enter, so each enter is
 * counted here, where it is issued. */
static enum sc_outcome uring_records(const struct sc_case *c, void *state, uint64_t cycles,
                                     struct sc_status *st)
{
    (void)c;
    struct records *r = state;
    for (uint64_t n = 0; n < cycles; n++) {
        for (int i = 0; i < RECORDS; i++) {
            struct io_uring_sqe *sqe = io_uring_get_sqe(&r->ring);
            if (!sqe)
                return sc_fail(st, "io_uring submission queue full at record %d", i);
            io_uring_prep_write(sqe, r->fd, &r->rec[i], 1, 0);
        }
        /* Without SQPOLL and with wait_nr > 0, liburing enters exactly once. */
        int sub = io_uring_submit_and_wait(&r->ring, RECORDS);
        sc_count_syscalls(1);
        if (sub < 0)
            return sc_fail(st, "io_uring_submit_and_wait: %s", strerror(-sub));
        if (sub != RECORDS)
            return sc_fail(st, "io_uring took %d of %d writes", sub, RECORDS);
        unsigned done = 0;
        enum sc_outcome o = reap(r, &done, st);
        while (o == SC_OK && done < RECORDS) {
            int e = io_uring_enter(r->ring.ring_fd, 0, RECORDS - done, IORING_ENTER_GETEVENTS,
                                   NULL);
            sc_count_syscalls(1);
            if (e < 0 && e != -EINTR)
                return sc_fail(st, "io_uring_enter(GETEVENTS): %s", strerror(-e));
            o = reap(r, &done, st);
        }
        if (o != SC_OK)
            return o;
    }
    return SC_OK;
}
#else
static enum sc_outcome uring_setup(const struct sc_case *c, void **state, struct sc_status *st)
{
    (void)c, (void)state;
    return sc_skip(st, "built without liburing");
}

static enum sc_outcome uring_records(const struct sc_case *c, void *state, uint64_t cycles,
                                     struct sc_status *st)
{
    (void)c, (void)state, (void)cycles;
    return sc_fail(st, "built without liburing");
}
#endif

const struct sc_case batching_cases[] = {
    {.name = "Batching.Records/OneByteWrites", .setup = records_setup, .run = one_byte_writes,
     .teardown = records_teardown},
    {.name = "Batching.Records/StdioFullyBuffered", .setup = stdio_setup,
     .run = stdio_fully_buffered, .teardown = records_teardown},
    {.name = "Batching.Records/Writev", .setup = records_setup, .run = writev_records,
     .teardown = records_teardown},
    {.name = "Batching.Records/IoUring", .setup = uring_setup, .run = uring_records,
     .teardown = records_teardown},
    {.name = "Batching.Records/UserBuffer", .setup = records_setup, .run = user_buffer,
     .teardown = records_teardown},
    {0},
};
