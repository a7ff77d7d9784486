#include <syscost/same_file.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* "<realpath of the directory>/<last component>"; -1 when the directory
 * cannot be resolved (it does not exist) or the result does not fit. */
static int normalise(const char *path, char *out, size_t len)
{
    char dir[PATH_MAX], real[PATH_MAX];
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    if (!slash)
        snprintf(dir, sizeof(dir), ".");
    else if (slash == path)
        snprintf(dir, sizeof(dir), "/");
    else if (snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path) >= (int)sizeof(dir))
        return -1;
    if (!realpath(dir, real))
        return -1;
    int n = snprintf(out, len, "%s/%s", strcmp(real, "/") ? real : "", base);
    return n < 0 || (size_t)n >= len ? -1 : 0;
}

int sc_same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    if (stat(a, &sa) == 0 && stat(b, &sb) == 0)
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
    char na[PATH_MAX], nb[PATH_MAX];
    if (normalise(a, na, sizeof(na)) != 0 || normalise(b, nb, sizeof(nb)) != 0)
        return strcmp(a, b) == 0;
    return strcmp(na, nb) == 0;
}
