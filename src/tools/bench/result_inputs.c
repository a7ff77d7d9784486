#include "result_inputs.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <syscost/results_input.h>

#include "folder_links.h"

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int add_path(struct result_inputs *in, size_t *cap, char *path)
{
    if (!path)
        return -1;
    if (in->n == *cap) {
        size_t more = *cap ? *cap * 2 : 8;
        char **p = realloc(in->paths, more * sizeof(*p));
        if (!p) {
            free(path);
            return -1;
        }
        in->paths = p;
        *cap = more;
    }
    in->paths[in->n++] = path;
    return 0;
}

/* DIR's *.csv files, sorted, appended to in->paths. */
static int add_dir(struct result_inputs *in, size_t *cap, const char *dir, char *err,
                   size_t errlen)
{
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(err, errlen, "%s: cannot read the directory: %s", dir, strerror(errno));
        return -1;
    }
    size_t first = in->n;
    int rc = 0;
    for (struct dirent *e; rc == 0 && (e = readdir(d));) {
        size_t l = strlen(e->d_name);
        if (l < 5 || strcmp(e->d_name + l - 4, ".csv"))
            continue;
        if (in->n - first == RESULT_INPUTS_MAX_PER_DIR) {
            snprintf(err, errlen, "%s: more than %d .csv files in the directory", dir,
                     RESULT_INPUTS_MAX_PER_DIR);
            rc = -1;
            break;
        }
        char *path;
        if (asprintf(&path, "%s/%s", dir, e->d_name) < 0)
            path = NULL;
        /* A folder of runs may come from elsewhere (a run folder's overhead/). */
        if (path && folder_link_left_out(path)) {
            free(path);
            continue;
        }
        if (add_path(in, cap, path)) {
            snprintf(err, errlen, "out of memory");
            rc = -1;
        }
    }
    closedir(d);
    if (rc == 0 && in->n == first) {
        snprintf(err, errlen, "%s: no .csv file in the directory", dir);
        rc = -1;
    }
    if (rc == 0)
        qsort(in->paths + first, in->n - first, sizeof(*in->paths), by_name);
    return rc;
}

int result_inputs_read(char *const *args, size_t n_args, struct result_inputs *out, char *err,
                       size_t errlen)
{
    memset(out, 0, sizeof(*out));
    size_t cap = 0;
    for (size_t i = 0; i < n_args; i++) {
        struct stat sb;
        int rc;
        if (stat(args[i], &sb) == 0 && S_ISDIR(sb.st_mode)) {
            rc = add_dir(out, &cap, args[i], err, errlen);
        } else if ((rc = add_path(out, &cap, strdup(args[i])))) {
            snprintf(err, errlen, "out of memory");
        }
        if (rc) {
            result_inputs_free(out);
            return -1;
        }
    }
    out->sets = calloc(out->n ? out->n : 1, sizeof(*out->sets));
    if (!out->sets) {
        snprintf(err, errlen, "out of memory");
        result_inputs_free(out);
        return -1;
    }
    for (size_t i = 0; i < out->n; i++)
        if (sc_results_read(out->paths[i], &out->sets[i], err, errlen)) {
            result_inputs_free(out);
            return -1;
        }
    return 0;
}

void result_inputs_free(struct result_inputs *in)
{
    for (size_t i = 0; i < in->n; i++) {
        free(in->paths[i]);
        if (in->sets)
            sc_result_set_free(&in->sets[i]);
    }
    free(in->paths);
    free(in->sets);
    memset(in, 0, sizeof(*in));
}
