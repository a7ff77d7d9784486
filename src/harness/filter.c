#include <syscost/filter.h>

#include <stddef.h>
#include <string.h>

/* Iterative matcher with single backtrack point: linear in practice and
 * free of the exponential blow-up a recursive matcher has on "*a*a*a*b". */
static bool match_n(const char *pat, size_t plen, const char *name)
{
    size_t p = 0, n = 0, star_p = (size_t)-1, star_n = 0;
    size_t nlen = strlen(name);
    while (n < nlen) {
        /* '*' first: tested as a literal, it would match a '*' in the name
         * and drop its backtrack point (found by fuzzing). */
        if (p < plen && pat[p] == '*') {
            star_p = p++;
            star_n = n;
        } else if (p < plen && (pat[p] == '?' || pat[p] == name[n])) {
            p++;
            n++;
        } else if (star_p != (size_t)-1) {
            p = star_p + 1;
            n = ++star_n;
        } else {
            return false;
        }
    }
    while (p < plen && pat[p] == '*')
        p++;
    return p == plen;
}

bool sc_glob_match(const char *pattern, const char *name)
{
    return match_n(pattern, strlen(pattern), name);
}

/* Matches name against the ':'-separated patterns in [list, end). */
static bool match_any(const char *list, const char *end, const char *name)
{
    const char *p = list;
    while (p <= end) {
        const char *colon = memchr(p, ':', (size_t)(end - p));
        const char *stop = colon ? colon : end;
        if (match_n(p, (size_t)(stop - p), name))
            return true;
        if (!colon)
            break;
        p = colon + 1;
    }
    return false;
}

bool sc_filter_match(const char *filter, const char *name)
{
    if (!filter)
        return true;
    const char *dash = strchr(filter, '-');
    const char *pos_end = dash ? dash : filter + strlen(filter);
    bool positive = pos_end == filter ? true : match_any(filter, pos_end, name);
    if (!positive)
        return false;
    if (!dash)
        return true;
    const char *neg = dash + 1;
    return !match_any(neg, neg + strlen(neg), name);
}
