#include "safe_name.h"

static bool allowed(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '.' || c == '_' || c == '-';
}

void safe_name_make(const char *in, char *out, size_t len)
{
    size_t k = 0;
    for (const unsigned char *p = (const unsigned char *)in; *p && k + 1 < len; p++) {
        if (allowed(*p) && !(k == 0 && (*p == '.' || *p == '-')))
            out[k++] = (char)*p;
        else if (k == 0 || out[k - 1] != '_')
            out[k++] = '_';
    }
    if (k == 0 && len > 1)
        out[k++] = '_';
    out[k] = '\0';
}

bool safe_name_check(const char *s)
{
    if (!*s || *s == '.' || *s == '-')
        return false;
    for (; *s; s++)
        if (!allowed((unsigned char)*s))
            return false;
    return true;
}
