#include "report_chart.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <syscost/file_util.h>

static bool ends_with(const char *s, const char *tail)
{
    size_t a = strlen(s), b = strlen(tail);
    return a >= b && !strcmp(s + a - b, tail);
}

/* The type its name promises, and whether the bytes keep that promise. */
static const char *check_signature(const char *rel, const unsigned char *d, size_t n,
                                   char *why, size_t whylen)
{
    static const unsigned char png[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    if (ends_with(rel, ".png")) {
        if (n >= sizeof(png) && !memcmp(d, png, sizeof(png)))
            return "image/png";
        snprintf(why, whylen, "not a PNG file (no PNG signature)");
        return NULL;
    }
    if (ends_with(rel, ".svg")) {
        size_t i = n >= 3 && !memcmp(d, "\xef\xbb\xbf", 3) ? 3 : 0;
        while (i < n && (d[i] == ' ' || d[i] == '\t' || d[i] == '\r' || d[i] == '\n'))
            i++;
        if ((n - i >= 5 && !memcmp(d + i, "<?xml", 5)) || (n - i >= 4 && !memcmp(d + i, "<svg", 4)))
            return "image/svg+xml";
        snprintf(why, whylen, "not an SVG file (it starts with neither <?xml nor <svg)");
        return NULL;
    }
    snprintf(why, whylen, "neither .png nor .svg");
    return NULL;
}

/* Opens dir/rel one component at a time, never following a symbolic link. */
static int open_below(const char *dir, const char *rel, bool *absent, char *why, size_t whylen)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(why, whylen, "cannot open the run folder: %s", strerror(errno));
        return -1;
    }
    char part[4096];
    const char *p = rel;
    for (;;) {
        size_t n = strcspn(p, "/");
        bool last = !p[n];
        if (n == 0 || n >= sizeof(part) || (n <= 2 && !strncmp(p, "..", n))) {
            snprintf(why, whylen, "not a plain path below the run folder");
            close(fd);
            return -1;
        }
        memcpy(part, p, n);
        part[n] = '\0';
        int flags = O_RDONLY | O_NOFOLLOW | O_CLOEXEC | (last ? O_NONBLOCK : O_DIRECTORY);
        int next = openat(fd, part, flags);
        int e = errno;
        /* O_DIRECTORY|O_NOFOLLOW on a link to a directory says ENOTDIR: look. */
        struct stat sb;
        if (next < 0 && e == ENOTDIR && fstatat(fd, part, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
            S_ISLNK(sb.st_mode))
            e = ELOOP;
        close(fd);
        if (next < 0) {
            *absent = e == ENOENT;
            if (e == ELOOP)
                snprintf(why, whylen, "%s is a symbolic link (only files inside the run folder "
                                      "are inlined, and links are not followed)", part);
            else if (e == ENOTDIR && !last)
                snprintf(why, whylen, "%s is not a directory", part);
            else
                snprintf(why, whylen, "cannot open %s: %s", part, strerror(e));
            return -1;
        }
        if (last)
            return next;
        fd = next;
        p += n + 1;
    }
}

enum report_chart_status report_chart_load(const char *run_dir, const char *rel,
                                           unsigned char **data, size_t *size,
                                           const char **mime, char *why, size_t whylen)
{
    *data = NULL;
    *size = 0;
    bool absent = false;
    int fd = open_below(run_dir, rel, &absent, why, whylen);
    if (fd < 0)
        return absent ? REPORT_CHART_ABSENT : REPORT_CHART_REFUSED;
    enum report_chart_status st = REPORT_CHART_REFUSED;
    char *buf = NULL;
    size_t got = 0;
    struct stat sb;
    enum sc_read_status rs = sc_read_fd_max(fd, REPORT_CHART_MAX_BYTES, &buf, &got);
    if (rs == SC_READ_NO_MEMORY) {
        st = REPORT_CHART_NO_MEMORY;
    } else if (rs == SC_READ_NOT_REGULAR) {
        snprintf(why, whylen, "not a regular file");
    } else if (rs == SC_READ_TOO_LARGE && fstat(fd, &sb) == 0) {
        snprintf(why, whylen, "%lld bytes, over the %u MiB limit for a chart",
                 (long long)sb.st_size, REPORT_CHART_MAX_BYTES >> 20);
    } else if (rs != SC_READ_OK) {
        sc_read_status_text(rs, REPORT_CHART_MAX_BYTES, why, whylen);
    } else if ((*mime = check_signature(rel, (const unsigned char *)buf, got, why, whylen))) {
        *data = (unsigned char *)buf;
        *size = got;
        buf = NULL;
        st = REPORT_CHART_OK;
    }
    free(buf);
    close(fd);
    return st;
}
