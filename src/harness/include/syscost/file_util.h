/* Small file-system steps several parts of the kit take: reading a whole
 * file into memory and creating a directory with its parents. */
#ifndef SYSCOST_FILE_UTIL_H
#define SYSCOST_FILE_UTIL_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The step of sc_read_file that failed; each caller words its own message. */
enum sc_read_status {
    SC_READ_OK = 0,
    SC_READ_CANNOT_OPEN, /* errno says why */
    SC_READ_NO_MEMORY,
    SC_READ_CANNOT_READ, /* errno says why */
};

/* Reads all of `path` into a malloc'd buffer (*data, *len bytes, not
 * NUL-terminated; non-NULL even for an empty file; the caller frees it).
 * On failure *data is untouched, errno is as the failing call left it,
 * and the step that failed is returned. */
enum sc_read_status sc_read_file(const char *path, char **data, size_t *len);

/* mkdir -p: creates `path` and any missing parents. On failure fills err
 * with "PATH: path too long", "cannot create directory DIR: REASON" or
 * "PATH exists and is not a directory" and returns -1. */
int sc_mkdir_p(const char *path, char *err, size_t errlen);

#ifdef __cplusplus
}
#endif

#endif
