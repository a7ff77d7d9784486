/* The CSV reader on arbitrary bytes: it must reject or accept without a
 * crash, a leak or undefined behaviour, and what it accepts must survive a
 * write and a second read unchanged (the writer and reader agree). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <syscost/results.h>

static void check(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "fuzz_csv_reader: invariant broken: %s\n", what);
        abort();
    }
}

static int same_number(double a, double b)
{
    if (isnan(a) || isnan(b))
        return isnan(a) && isnan(b);
    /* The writer keeps 6 significant digits. */
    return fabs(a - b) <= 1e-5 * fmax(fabs(a), fabs(b));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sc_result_set set;
    char err[1024];
    err[0] = '\0';
    if (sc_results_read_csv_buf((const char *)data, size, "fuzz.csv", &set, err,
                                sizeof(err))) {
        check(err[0] != '\0', "rejected without a message");
        check(set.n == 0 && set.rows == NULL, "rejected but rows kept");
        return 0;
    }
    check(set.n > 0, "accepted with no rows");

    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    check(mem != NULL, "open_memstream");
    check(sc_results_write_csv(mem, set.rows, set.n) == 0, "write failed");
    fclose(mem);

    struct sc_result_set again;
    if (sc_results_read_csv_buf(text, len, "rewritten.csv", &again, err, sizeof(err))) {
        fprintf(stderr, "re-read of the writer's output failed: %s\n--- written:\n%s\n",
                err, text);
        abort();
    }
    check(again.n == set.n, "row count changed in a round trip");
    for (size_t i = 0; i < set.n; i++) {
        const struct sc_result *a = &set.rows[i], *b = &again.rows[i];
        check(strcmp(a->test, b->test) == 0, "test name changed in a round trip");
        check(same_number(a->wall_median, b->wall_median), "wallMedian changed");
        check(same_number(a->syscalls_per_call, b->syscalls_per_call),
              "syscallsPerCall changed");
        check(a->n_samples == b->n_samples, "sample count changed");
        check(a->has_seed == b->has_seed && (!a->has_seed || a->seed == b->seed),
              "seed changed in a round trip");
        check(a->processes == b->processes, "processes changed in a round trip");
        for (size_t k = 0; k < a->n_samples; k++)
            check(same_number(a->samples[k], b->samples[k]), "a sample changed");
    }
    sc_result_set_free(&again);
    free(text);
    sc_result_set_free(&set);
    return 0;
}
