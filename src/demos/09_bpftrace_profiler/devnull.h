/* Opens /dev/null for the cases that write to it, refusing anything that
 * is not the character device: a file mounted over it would make a case
 * time a file system instead of the bare system call. */
#ifndef DEMO09_DEVNULL_H
#define DEMO09_DEVNULL_H

#include <syscost/harness.h>

/* Returns SC_OK with *fd open for writing, or SC_FAIL naming /dev/null. */
enum sc_outcome devnull_open(int *fd, struct sc_status *st);

#endif
