/* The profilers this build has, looked up by the name --profile gives. */
#include <stddef.h>
#include <string.h>

#include <syscost/profiler.h>

static const struct sc_profiler *const profilers[] = {
    NULL,
};

const struct sc_profiler *sc_profiler_find(const char *name)
{
    for (size_t i = 0; profilers[i]; i++)
        if (!strcmp(profilers[i]->name, name))
            return profilers[i];
    return NULL;
}
