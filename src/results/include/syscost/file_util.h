/* Small file-system steps several parts of the kit take: reading a whole
 * input file into memory, creating a directory with its parents, and a
 * path's last part. */
#ifndef SYSCOST_FILE_UTIL_H
#define SYSCOST_FILE_UTIL_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The largest input file the kit reads whole: result files, histograms and
 * JSON. A demo run's files are kilobytes; an 80,000-case CSV is about 20 MiB. */
#define SC_READ_MAX_BYTES ((size_t)256 << 20)

/* The step of sc_read_file that failed. */
enum sc_read_status {
    SC_READ_OK = 0,
    SC_READ_CANNOT_OPEN, /* errno says why */
    SC_READ_NOT_REGULAR, /* a directory, device, FIFO or socket */
    SC_READ_TOO_LARGE,   /* more than the limit, found while reading */
    SC_READ_NO_MEMORY,
    SC_READ_CANNOT_READ, /* errno says why */
};

/* Reads all of `path`, which must be a regular file (or a symlink to one),
 * into a malloc'd buffer (*data, *len bytes, not NUL-terminated; non-NULL
 * even for an empty file; the caller frees it). Devices, FIFOs and
 * directories are refused before anything is read, and the limit of
 * SC_READ_MAX_BYTES is enforced while reading, so a file that grows (or a
 * /proc file that claims size 0) cannot exhaust memory.
 * On failure *data is untouched, errno is as the failing call left it,
 * and the step that failed is returned. */
enum sc_read_status sc_read_file(const char *path, char **data, size_t *len);

/* The same with another limit, for inputs that are smaller by nature. */
enum sc_read_status sc_read_file_max(const char *path, size_t max, char **data, size_t *len);

/* The same on a file the caller opened its own way (say with O_NOFOLLOW,
 * one component at a time, and O_NONBLOCK); fd stays open. What is not a
 * regular file is refused before anything is read. */
enum sc_read_status sc_read_fd_max(int fd, size_t max, char **data, size_t *len);

/* What went wrong, for "PATH: <text>": "cannot open: No such file or
 * directory", "not a regular file (a FIFO)", "larger than 256 MiB, the
 * limit for an input file". `max` is the limit the read had. Call it right
 * after the failing read: the texts of the errno-based steps read errno. */
void sc_read_status_text(enum sc_read_status st, size_t max, char *buf, size_t len);

/* sc_read_file for the readers of input files: on failure fills err with
 * "PATH: <what sc_read_status_text says>" and returns -1; 0 on success. */
int sc_read_input(const char *path, char **data, size_t *len, char *err, size_t errlen);

/* The same with another limit (sc_read_file_max). */
int sc_read_input_max(const char *path, size_t max, char **data, size_t *len, char *err,
                      size_t errlen);

/* The last part of a path ("b.csv" of "run/b.csv"), for naming a file in
 * a report or a chart without the folder it was found in. */
const char *sc_base_name(const char *path);

/* mkdir -p: creates `path` and any missing parents. On failure fills err
 * with "PATH: path too long", "cannot create directory DIR: REASON" or
 * "PATH exists and is not a directory" and returns -1. */
int sc_mkdir_p(const char *path, char *err, size_t errlen);

#ifdef __cplusplus
}
#endif

#endif
