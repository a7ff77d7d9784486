/* Picks the reader for a result file by looking at its content. */
#include <syscost/results_input.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <syscost/file_util.h>

/* JSON starts with '{' or '[' (after a byte order mark and white space); a
 * CSV starts with a column name, which cannot start with either. */
static bool looks_like_json(const char *data, size_t len)
{
    size_t i = 0;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
        i++;
    return i < len && (data[i] == '{' || data[i] == '[');
}

int sc_results_read(const char *path, struct sc_result_set *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof(*out));
    char *data = NULL;
    size_t len = 0;
    if (sc_read_input(path, &data, &len, err, errlen) != 0)
        return -1;
    int rc = looks_like_json(data, len)
                 ? sc_results_read_gbench_json_buf(data, len, path, out, err, errlen)
                 : sc_results_read_csv_buf(data, len, path, out, err, errlen);
    free(data);
    return rc;
}
