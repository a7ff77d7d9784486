/* Looking up the profiler --profile names in the set the program handed to
 * sc_main(). */
#include <stddef.h>
#include <string.h>

#include <syscost/profiler.h>

const struct sc_profiler *sc_profiler_find(const struct sc_profilers *set, const char *name)
{
    for (size_t i = 0; set && set->built && set->built[i]; i++)
        if (!strcmp(set->built[i]->name, name))
            return set->built[i];
    return NULL;
}

const char *sc_profiler_why_missing(const struct sc_profilers *set, const char *name)
{
    for (size_t i = 0; set && set->missing && set->missing[i].name; i++)
        if (!strcmp(set->missing[i].name, name))
            return set->missing[i].why;
    return NULL;
}
