/* Opens /dev/null for the cases that write to it, refusing anything that
 * is not the character device: a file mounted over it would make a case
 * time a file system instead of the bare system call. */
#ifndef DEMO09_DEVNULL_H
#define DEMO09_DEVNULL_H

#include <stddef.h>

#include <syscost/harness.h>

/* Returns SC_OK with *fd open for writing, or SC_FAIL naming /dev/null. */
enum sc_outcome devnull_open(int *fd, struct sc_status *st);

/* The bytes the cases write: 'a' to 'z' over and over, so a dump of them
 * reads as text. */
void payload_fill(char *buf, size_t n);

/* A case's whole state when it writes one payload to /dev/null. */
struct devnull_sink {
    int fd;
    size_t bytes;
    char payload[]; /* `bytes` of payload_fill */
};

/* Sets *state to a struct devnull_sink with `bytes` of payload, or fails
 * as devnull_open does. */
enum sc_outcome devnull_sink_open(size_t bytes, void **state, struct sc_status *st);

/* The teardown of such a case: closes and frees the sink. */
void devnull_sink_teardown(const struct sc_case *c, void *state);

#endif
