/* The gtest filter matcher against a plain dynamic-programming reference:
 * both must agree on every filter and name. Input: FILTER NUL NAME. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <syscost/filter.h>

enum { MAX_LEN = 512 };

/* Whole-name glob match by the textbook table: m[i][j] says whether the
 * first i pattern characters match the first j name characters. */
static bool ref_glob(const char *pat, size_t plen, const char *name, size_t nlen)
{
    static bool m[MAX_LEN + 1][MAX_LEN + 1];
    m[0][0] = true;
    for (size_t j = 1; j <= nlen; j++)
        m[0][j] = false;
    for (size_t i = 1; i <= plen; i++) {
        char p = pat[i - 1];
        m[i][0] = m[i - 1][0] && p == '*';
        for (size_t j = 1; j <= nlen; j++) {
            if (p == '*')
                m[i][j] = m[i - 1][j] || m[i][j - 1];
            else
                m[i][j] = m[i - 1][j - 1] && (p == '?' || p == name[j - 1]);
        }
    }
    return m[plen][nlen];
}

/* Any ':'-separated pattern of list[0, len) matches (empty patterns too). */
static bool ref_any(const char *list, size_t len, const char *name, size_t nlen)
{
    size_t start = 0;
    for (size_t i = 0; i <= len; i++)
        if (i == len || list[i] == ':') {
            if (ref_glob(list + start, i - start, name, nlen))
                return true;
            start = i + 1;
        }
    return false;
}

static bool ref_filter(const char *f, const char *name)
{
    size_t flen = strlen(f), nlen = strlen(name);
    const char *dash = strchr(f, '-');
    size_t pos_len = dash ? (size_t)(dash - f) : flen;
    bool pos = pos_len == 0 || ref_any(f, pos_len, name, nlen);
    if (!pos || !dash)
        return pos;
    return !ref_any(dash + 1, flen - pos_len - 1, name, nlen);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nul = memchr(data, '\0', size);
    size_t flen = nul ? (size_t)(nul - data) : size;
    size_t nlen = nul ? size - flen - 1 : 0;
    if (flen > MAX_LEN || nlen > MAX_LEN)
        return 0;
    char filter[MAX_LEN + 1], name[MAX_LEN + 1];
    memcpy(filter, data, flen);
    filter[flen] = '\0';
    if (nlen)
        memcpy(name, nul + 1, nlen);
    name[nlen] = '\0';
    /* The name may hold a NUL of its own: C strings end there, as in argv. */

    bool got = sc_filter_match(filter, name), want = ref_filter(filter, name);
    if (got != want) {
        fprintf(stderr, "sc_filter_match(\"%s\", \"%s\") = %d, reference says %d\n",
                filter, name, got, want);
        abort();
    }
    bool g = sc_glob_match(filter, name);
    bool w = ref_glob(filter, strlen(filter), name, strlen(name));
    if (g != w) {
        fprintf(stderr, "sc_glob_match(\"%s\", \"%s\") = %d, reference says %d\n",
                filter, name, g, w);
        abort();
    }
    if (!sc_filter_match(NULL, name))
        abort(); /* no filter selects everything */
    return 0;
}
