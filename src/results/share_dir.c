#include <syscost/share_dir.h>

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int sc_exe_dir(char *buf, size_t len)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if (n <= 0)
        return -1;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return -1;
    *slash = '\0';
    return snprintf(buf, len, "%s", exe) < (int)len ? 0 : -1;
}

int sc_find_share_dir(const char *sub, int (*usable)(const char *dir), char *buf,
                      size_t len)
{
    char exe_dir[PATH_MAX];
    if (sc_exe_dir(exe_dir, sizeof(exe_dir)))
        return -1;
    static const char *const up[] = {"/..", "/../.."};
    for (size_t i = 0; i < sizeof(up) / sizeof(up[0]); i++) {
        if (snprintf(buf, len, "%s%s/share/syscost/%s", exe_dir, up[i], sub) >= (int)len)
            continue;
        if (usable(buf))
            return 0;
    }
    return -1;
}
