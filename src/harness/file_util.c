#include <syscost/file_util.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum sc_read_status sc_read_file(const char *path, char **data, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return SC_READ_CANNOT_OPEN;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    if (!buf) {
        fclose(f);
        return SC_READ_NO_MEMORY;
    }
    for (;;) {
        if (n == cap) {
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                fclose(f);
                return SC_READ_NO_MEMORY;
            }
            buf = nb;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    int bad = ferror(f);
    int e = errno; /* fclose may change it; the read error is what counts */
    fclose(f);
    if (bad) {
        free(buf);
        errno = e;
        return SC_READ_CANNOT_READ;
    }
    *data = buf;
    *len = n;
    return SC_READ_OK;
}

int sc_mkdir_p(const char *path, char *err, size_t errlen)
{
    char buf[PATH_MAX];
    if (snprintf(buf, sizeof(buf), "%s", path) >= (int)sizeof(buf)) {
        snprintf(err, errlen, "%s: path too long", path);
        return -1;
    }
    for (char *p = buf + 1;; p++) {
        if (*p != '/' && *p != '\0')
            continue;
        char saved = *p;
        *p = '\0';
        if (mkdir(buf, 0777) != 0 && errno != EEXIST) {
            /* Bounded so the reason still fits a short message buffer. */
            snprintf(err, errlen, "cannot create directory %.400s: %s", buf,
                     strerror(errno));
            return -1;
        }
        struct stat st;
        if (!saved && (stat(buf, &st) != 0 || !S_ISDIR(st.st_mode))) {
            snprintf(err, errlen, "%.400s exists and is not a directory", buf);
            return -1;
        }
        *p = saved;
        if (!saved)
            return 0;
    }
}
