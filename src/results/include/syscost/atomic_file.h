/* Files that appear whole or not at all: write a temporary file beside the
 * target, then rename it over the target. An interrupted run leaves the old
 * file untouched and no partial new one. */
#ifndef SYSCOST_ATOMIC_FILE_H
#define SYSCOST_ATOMIC_FILE_H

#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

struct sc_atomic_file {
    FILE *f;
    char *path;     /* the target */
    char *tmp_path; /* NULL when writing straight to a device or FIFO */
};

/* Opens a temporary file in the target's directory. A device, FIFO or
 * socket is written in place instead (tmp_path NULL), and so is a symbolic
 * link to one (/dev/stdout); any other symbolic link is refused, as is a
 * directory. On failure fills err with a line naming the path and the
 * reason, and returns -1. */
int sc_atomic_open(struct sc_atomic_file *af, const char *path, char *err,
                   size_t errlen);

/* Flushes, closes and renames into place. On any write error (disk full,
 * I/O error) removes the temporary file, leaves the target as it was,
 * and returns -1 with err filled. */
int sc_atomic_commit(struct sc_atomic_file *af, char *err, size_t errlen);

/* Closes and removes the temporary file. Safe to call twice. */
void sc_atomic_abort(struct sc_atomic_file *af);

/* Removes every temporary file still open: for the interrupt path, once
 * the program has unwound to where it can close files. */
void sc_atomic_abort_all(void);

/* Unlinks every temporary file still open, from a signal handler: only
 * unlink() runs, on paths copied when each file was opened, so it is
 * async-signal-safe. For a handler that ends the process at once
 * (_exit or re-raise); the FILE objects are left to the exit. A program whose
 * other threads open or commit atomic files must block the signal in them. */
void sc_atomic_abort_all_from_signal(void);

#ifdef __cplusplus
}
#endif

#endif
