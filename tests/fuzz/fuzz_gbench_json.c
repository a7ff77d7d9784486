/* bench's reader of result files (google benchmark JSON, which --json
 * writes, or the kit's CSV, told apart by the first byte) on arbitrary
 * bytes, and bench compare's decision on what it accepts: every accepted
 * number and statistic is finite, and every case gets a verdict made from
 * numbers (never NaN read as "no change"). The reader takes a path, so
 * each input goes into a memfd, read back through /proc/self/fd. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <syscost/results_input.h>

#include "compare.h"
#include "compare_pairs.h"

static void check(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "fuzz_gbench_json: invariant broken: %s\n", what);
        abort();
    }
}

/* Each accepted case against a steady baseline of the same name. */
static void check_decisions(const struct sc_result_set *set)
{
    static double steady[] = {1.0, 1.1, 0.9, 1.0, 1.05, 0.95};
    struct sc_result_set base = {calloc(set->n, sizeof(struct sc_result)), set->n};
    check(base.rows != NULL, "calloc");
    for (size_t i = 0; i < set->n; i++) {
        base.rows[i].test = set->rows[i].test;
        base.rows[i].samples = steady;
        base.rows[i].n_samples = sizeof(steady) / sizeof(steady[0]);
        base.rows[i].wall_median = 1.0;
    }
    struct compare_pair *pairs = NULL;
    size_t n_pairs = 0;
    char err[256];
    check(compare_pairs_build(&base, set, NULL, NULL, &pairs, &n_pairs, err, sizeof(err)) == 0,
          "pairing failed");
    struct compare_result res;
    check(compare_build(pairs, n_pairs, true, false, 0.05, 0.05, &res) == 0,
          "an accepted file got no verdict");
    for (size_t i = 0; i < res.n_rows; i++) {
        const struct sc_compare_decision *d = &res.rows[i].d;
        check(res.rows[i].decided, "a case of both files was not decided");
        check(isfinite(d->base_median) && isfinite(d->cand_median), "a median is not finite");
        check(!isnan(d->ratio) && d->ratio >= 0, "the ratio is NaN or negative");
        check(d->p_value >= 0 && d->p_value <= 1, "p outside [0, 1]");
        check(!d->regression || (d->slower && d->ratio > 1.05), "a regression that is not slower");
        check(!(d->significant && d->ratio > 1.05) || d->regression,
              "significantly slower past the threshold, but no regression");
    }
    compare_result_free(&res);
    free(pairs);
    free(base.rows);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int fd = memfd_create("fuzz.json", MFD_CLOEXEC);
    check(fd >= 0, "memfd_create");
    size_t off = 0;
    while (off < size) {
        ssize_t n = write(fd, data + off, size - off);
        check(n > 0, "write to memfd");
        off += (size_t)n;
    }
    char path[64];
    snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);

    struct sc_result_set set;
    char err[1024];
    err[0] = '\0';
    if (sc_results_read(path, &set, err, sizeof(err))) {
        check(err[0] != '\0', "rejected without a message");
        check(set.n == 0, "rejected but rows kept");
    } else {
        check(set.n > 0, "accepted with no rows");
        for (size_t i = 0; i < set.n; i++) {
            const struct sc_result *r = &set.rows[i];
            check(r->test && r->test[0], "a row without a test name");
            check(isfinite(r->wall_median) && r->wall_median >= 0, "median not a finite non-negative number");
            check(isfinite(r->wall_mean) && isfinite(r->wall_stddev) && isfinite(r->wall_cv) &&
                      isfinite(r->wall_p10) && isfinite(r->wall_p90) && isfinite(r->wall_min) &&
                      isfinite(r->wall_max) && isfinite(r->calls_per_second),
                  "a statistic is not finite");
            for (size_t k = 0; k < r->n_samples; k++)
                check(isfinite(r->samples[k]) && r->samples[k] >= 0, "a sample is not a time");
        }
        check_decisions(&set);
        sc_result_set_free(&set);
    }
    close(fd);
    return 0;
}
