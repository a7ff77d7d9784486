/* Scratch files for the file-backed cases: on tmpfs (/dev/shm) so a case
 * measures the syscall and the page-cache copy, not a disk. */
#ifndef DEMO09_SCRATCH_H
#define DEMO09_SCRATCH_H

#include <syscost/harness.h>

/* Creates a file with open flags `flags` (O_APPEND, O_CLOEXEC...) and
 * unlinks it at once, so no file outlives the process, however it ends.
 * Uses /dev/shm, or $TMPDIR (else /tmp) with a one-time note on stderr when
 * /dev/shm is missing. Returns SC_OK with *fd set, or SC_FAIL. */
enum sc_outcome scratch_open(int flags, int *fd, struct sc_status *st);

#endif
