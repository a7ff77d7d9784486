/* Picks the reader for a result file by looking at its first byte. */
#include "results_input.h"

#include <stdio.h>
#include <string.h>

static int looks_like_json(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0; /* the CSV reader reports why it cannot be opened */
    unsigned char head[256];
    size_t n = fread(head, 1, sizeof(head), f);
    fclose(f);
    size_t i = 0;
    if (n >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < n && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n'))
        i++;
    return i < n && head[i] == '{';
}

int bench_read_results(const char *path, struct sc_result_set *out, char *err, size_t errlen)
{
    if (looks_like_json(path))
        return bench_read_gbench_json(path, out, err, errlen);
    return sc_results_read_csv(path, out, err, errlen);
}
