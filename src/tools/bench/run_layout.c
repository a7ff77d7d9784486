#include "run_layout.h"

#include <stdio.h>
#include <string.h>

const struct run_layout_step run_layout_steps[RUN_STEP_COUNT] = {
#define RUN_LAYOUT_STEP_ENTRY(key, title) {#key, title},
    RUN_LAYOUT_STEPS(RUN_LAYOUT_STEP_ENTRY)
#undef RUN_LAYOUT_STEP_ENTRY
};

const struct run_layout_file run_layout_files[RUN_FILE_COUNT] = {
#define RUN_LAYOUT_FILE_ENTRY(key, path, step, when, writer, what) \
    {#key, path, RUN_STEP_##step, when, writer, what},
    RUN_LAYOUT_FILES(RUN_LAYOUT_FILE_ENTRY)
#undef RUN_LAYOUT_FILE_ENTRY
};

int run_layout_join(const char *dir, enum run_file f, char *out, size_t len)
{
    const char *path = run_layout_files[f].path;
    size_t n = strlen(path);
    if (n && path[n - 1] == '/')
        n--;
    int w = snprintf(out, len, "%s/%.*s", dir, (int)n, path);
    return w >= 0 && (size_t)w < len ? 0 : -1;
}
