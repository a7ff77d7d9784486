/* A reader thread that empties the far end of a sink (pipe, socket, pty)
 * and counts what arrived, so the measured thread writes into a live
 * consumer and can wait until its data really got through. The reader's own
 * read()s happen on its thread, outside the measured thread's count. */
#ifndef DEMO09_DRAIN_H
#define DEMO09_DRAIN_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <syscost/harness.h>

enum drain_mode {
    DRAIN_STREAM,   /* read() until end of file (pty: EIO once the slave closes) */
    DRAIN_DATAGRAM, /* recvmmsg(); every datagram must be `datagram_size` bytes */
};

struct drain {
    int fd; /* the read end; the drain closes it */
    enum drain_mode mode;
    size_t datagram_size;
    pthread_t thread;
    bool started;
    pthread_mutex_t mu;
    pthread_cond_t cv; /* signalled after each read */
    uint64_t bytes, datagrams;
    int error; /* errno of a failed read, or -1 for a malformed datagram */
    bool ended, stop;
};

/* Takes ownership of fd (closed by drain_stop, or here on failure) and
 * starts the thread with every signal blocked, so SIGINT reaches the
 * measuring thread, and with an fd table of its own that holds fd only
 * (see drain.c: a shared table makes every write() dearer). Returns SC_OK
 * or SC_FAIL with st filled. */
enum sc_outcome drain_start(struct drain *d, int fd, enum drain_mode mode,
                            size_t datagram_size, struct sc_status *st);

/* Waits until at least `bytes` bytes (DRAIN_STREAM) or `datagrams`
 * datagrams (DRAIN_DATAGRAM) arrived in total. Fails when the reader hit an
 * error or the end, or when nothing arrived for `idle_ms`. `what` names the
 * sink in the message. */
enum sc_outcome drain_wait(struct drain *d, uint64_t want, int idle_ms, const char *what,
                           struct sc_status *st);

/* Ends the reader and joins it; call after closing the write end. Safe on a
 * drain that never started. */
void drain_stop(struct drain *d);

#endif
