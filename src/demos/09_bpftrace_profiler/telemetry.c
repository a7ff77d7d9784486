/* Telemetry: 1024 datagrams of 16 bytes to a loopback UDP socket, one
 * sendto() each against one sendmmsg() for all. A reader thread receives
 * and counts them; each call waits until all its datagrams arrived, and a
 * lost datagram fails the case. /proc/thread-self/io does not count
 * sendto/sendmmsg, so the case counts the syscalls it issues itself. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "cases.h"
#include "drain.h"

enum {
    DATAGRAMS = 1024,
    DATAGRAM_BYTES = 16,
    /* Room for every datagram of a call even if the reader sleeps; a small
     * UDP skb takes about a kilobyte of receive buffer. */
    WANT_RCVBUF = 4 * 1024 * 1024,
    LOSS_WAIT_MS = 2000,
};

struct telemetry {
    int tx;
    struct sockaddr_in to;
    struct drain drain;
    uint64_t sent;
    char payload[DATAGRAMS][DATAGRAM_BYTES];
    struct iovec iov[DATAGRAMS];
    struct mmsghdr msgs[DATAGRAMS];
};

static void telemetry_teardown(const struct sc_case *c, void *state)
{
    (void)c;
    struct telemetry *t = state;
    if (!t)
        return;
    if (t->tx >= 0)
        close(t->tx);
    drain_stop(&t->drain);
    free(t);
}

/* Asks for WANT_RCVBUF, past net.core.rmem_max where privileges allow. */
static int grow_rcvbuf(int fd)
{
    int want = WANT_RCVBUF, got = 0;
    socklen_t len = sizeof(got);
    if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &want, sizeof(want)) != 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &want, sizeof(want));
    getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &got, &len);
    return got;
}

static enum sc_outcome open_sockets(struct telemetry *t, struct sc_status *st)
{
    int rx = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (rx < 0)
        return sc_fail(st, "socket(AF_INET, SOCK_DGRAM): %s", strerror(errno));
    int rcvbuf = grow_rcvbuf(rx);
    static int warned;
    if (rcvbuf < WANT_RCVBUF && !warned++)
        fprintf(stderr, "note: UDP receive buffer is %d bytes (net.core.rmem_max); if a "
                        "Telemetry case loses datagrams, raise it to %d\n", rcvbuf, WANT_RCVBUF);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t alen = sizeof(addr);
    if (bind(rx, (struct sockaddr *)&addr, sizeof(addr)) != 0 ||
        getsockname(rx, (struct sockaddr *)&addr, &alen) != 0) {
        int e = errno;
        close(rx);
        return sc_fail(st, "cannot bind a UDP socket to 127.0.0.1: %s", strerror(e));
    }
    t->to = addr;
    enum sc_outcome o = drain_start(&t->drain, rx, DRAIN_DATAGRAM, DATAGRAM_BYTES, st);
    if (o != SC_OK)
        return o;
    t->tx = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (t->tx < 0)
        return sc_fail(st, "socket(AF_INET, SOCK_DGRAM) for sending: %s", strerror(errno));
    return SC_OK;
}

static enum sc_outcome telemetry_setup(const struct sc_case *c, void **state,
                                       struct sc_status *st)
{
    struct telemetry *t = calloc(1, sizeof(*t));
    if (!t)
        return sc_fail(st, "out of memory");
    t->tx = -1;
    for (int i = 0; i < DATAGRAMS; i++) {
        snprintf(t->payload[i], DATAGRAM_BYTES, "temp=%04d.%05d", i % 100, i);
        t->iov[i] = (struct iovec){.iov_base = t->payload[i], .iov_len = DATAGRAM_BYTES};
        t->msgs[i].msg_hdr = (struct msghdr){
            .msg_name = &t->to, .msg_namelen = sizeof(t->to),
            .msg_iov = &t->iov[i], .msg_iovlen = 1};
    }
    enum sc_outcome o = open_sockets(t, st);
    if (o != SC_OK) {
        telemetry_teardown(c, t);
        return o;
    }
    *state = t;
    return SC_OK;
}

static enum sc_outcome await_reader(struct telemetry *t, struct sc_status *st)
{
    t->sent += DATAGRAMS;
    return drain_wait(&t->drain, t->sent, LOSS_WAIT_MS, "UDP loopback", st);
}

static enum sc_outcome sendto_each(const struct sc_case *c, void *state, uint64_t cycles,
                                   struct sc_status *st)
{
    (void)c;
    struct telemetry *t = state;
    for (uint64_t n = 0; n < cycles; n++) {
        for (int i = 0; i < DATAGRAMS; i++) {
            ssize_t got = sendto(t->tx, t->payload[i], DATAGRAM_BYTES, 0,
                                 (const struct sockaddr *)&t->to, sizeof(t->to));
            sc_count_syscalls(1);
            if (got != DATAGRAM_BYTES)
                return sc_fail(st, "sendto() of datagram %d: %s", i,
                               got < 0 ? strerror(errno) : "short send");
        }
        enum sc_outcome o = await_reader(t, st);
        if (o != SC_OK)
            return o;
    }
    return SC_OK;
}

static enum sc_outcome sendmmsg_all(const struct sc_case *c, void *state, uint64_t cycles,
                                    struct sc_status *st)
{
    (void)c;
    struct telemetry *t = state;
    for (uint64_t n = 0; n < cycles; n++) {
        /* sendmmsg may send fewer than asked; every further call is counted. */
        for (int done = 0; done < DATAGRAMS;) {
            int got = sendmmsg(t->tx, &t->msgs[done], (unsigned)(DATAGRAMS - done), 0);
            sc_count_syscalls(1);
            if (got < 0 && errno == EINTR)
                continue;
            if (got <= 0)
                return sc_fail(st, "sendmmsg() of datagrams %d..%d: %s", done, DATAGRAMS - 1,
                               got < 0 ? strerror(errno) : "sent nothing");
            done += got;
        }
        enum sc_outcome o = await_reader(t, st);
        if (o != SC_OK)
            return o;
    }
    return SC_OK;
}

const struct sc_case telemetry_cases[] = {
    {.name = "Telemetry.Udp/OneSendtoPerDatagram", .setup = telemetry_setup, .run = sendto_each,
     .teardown = telemetry_teardown},
    {.name = "Telemetry.Udp/Sendmmsg", .setup = telemetry_setup, .run = sendmmsg_all,
     .teardown = telemetry_teardown},
    {0},
};
