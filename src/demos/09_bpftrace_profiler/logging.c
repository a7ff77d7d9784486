/* Logging: 1024 log lines to a file on tmpfs, flushed after every line
 * (what a logger that must not lose a line does), line-buffered, or fully
 * buffered with one flush per call. Every line ends in '\n', so line
 * buffering flushes as often as flushing each line: the lesson is that only
 * full buffering batches. */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cases.h"
#include "scratch.h"

enum {
    LINES = 1024,
    /* Holds a whole call's lines (about 60 KB), so full buffering writes once. */
    FULL_BUFFER = 128 * 1024,
    /* The log is rotated (truncated) past this size, so tmpfs memory stays small. */
    ROTATE_BYTES = 8 * 1024 * 1024,
};

enum log_mode { LOG_FLUSH_EACH_LINE, LOG_LINE_BUFFERED, LOG_FULLY_BUFFERED };

struct logger {
    FILE *f;
    char *buf;
    long bytes; /* in the file since the last rotation */
    unsigned seq;
};

static void logger_teardown(const struct sc_case *c, void *state)
{
    (void)c;
    struct logger *l = state;
    if (!l)
        return;
    if (l->f)
        fclose(l->f);
    free(l->buf);
    free(l);
}

static enum sc_outcome open_log(const struct sc_case *c, struct logger *l, struct sc_status *st)
{
    int fd;
    /* O_APPEND: after a rotation the next line lands at the new end. */
    enum sc_outcome o = scratch_open(O_APPEND | O_CLOEXEC, &fd, st);
    if (o != SC_OK)
        return o;
    l->f = fdopen(fd, "a");
    if (!l->f) {
        int e = errno;
        close(fd);
        return sc_fail(st, "fdopen(log file): %s", strerror(e));
    }
    int rc = 0;
    switch ((enum log_mode)c->arg) {
    case LOG_FLUSH_EACH_LINE:
        break; /* stdio's default for a file: fully buffered, but flushed by hand */
    case LOG_LINE_BUFFERED:
        rc = setvbuf(l->f, NULL, _IOLBF, BUFSIZ);
        break;
    case LOG_FULLY_BUFFERED:
        l->buf = malloc(FULL_BUFFER);
        if (!l->buf)
            return sc_fail(st, "out of memory");
        rc = setvbuf(l->f, l->buf, _IOFBF, FULL_BUFFER);
        break;
    }
    return rc ? sc_fail(st, "setvbuf on the log file refused") : SC_OK;
}

static enum sc_outcome logger_setup(const struct sc_case *c, void **state, struct sc_status *st)
{
    struct logger *l = calloc(1, sizeof(*l));
    if (!l)
        return sc_fail(st, "out of memory");
    enum sc_outcome o = open_log(c, l, st);
    if (o != SC_OK) {
        logger_teardown(c, l);
        return o;
    }
    *state = l;
    return SC_OK;
}

/* ftruncate is invisible to the kernel's syscr/syscw, so it is counted here. */
static enum sc_outcome maybe_rotate(struct logger *l, struct sc_status *st)
{
    if (l->bytes < ROTATE_BYTES)
        return SC_OK;
    int rc = ftruncate(fileno(l->f), 0);
    sc_count_syscalls(1);
    if (rc != 0)
        return sc_fail(st, "ftruncate(log file): %s", strerror(errno));
    l->bytes = 0;
    return SC_OK;
}

static enum sc_outcome log_lines(const struct sc_case *c, void *state, uint64_t cycles,
                                 struct sc_status *st)
{
    struct logger *l = state;
    bool flush_each = (enum log_mode)c->arg == LOG_FLUSH_EACH_LINE;
    for (uint64_t n = 0; n < cycles; n++) {
        for (int i = 0; i < LINES; i++) {
            int w = fprintf(l->f, "level=info seq=%u component=sensor msg=\"reading ok\"\n",
                            l->seq++);
            if (w < 0)
                return sc_fail(st, "fprintf to the log file: %s", strerror(errno));
            l->bytes += w;
            if (flush_each && fflush(l->f) != 0)
                return sc_fail(st, "fflush(log file): %s", strerror(errno));
        }
        /* Every mode ends a call with its lines in the file. */
        if (fflush(l->f) != 0)
            return sc_fail(st, "fflush(log file): %s", strerror(errno));
        enum sc_outcome o = maybe_rotate(l, st);
        if (o != SC_OK)
            return o;
    }
    return SC_OK;
}

const struct sc_case logging_cases[] = {
    {.name = "Logging.Lines/OneFlushPerLine", .arg = LOG_FLUSH_EACH_LINE, .setup = logger_setup,
     .run = log_lines, .teardown = logger_teardown},
    {.name = "Logging.Lines/LineBuffered", .arg = LOG_LINE_BUFFERED, .setup = logger_setup,
     .run = log_lines, .teardown = logger_teardown},
    {.name = "Logging.Lines/FullyBuffered", .arg = LOG_FULLY_BUFFERED, .setup = logger_setup,
     .run = log_lines, .teardown = logger_teardown},
    {0},
};
