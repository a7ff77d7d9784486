/* bench's reader of google benchmark JSON (what --json writes and what
 * bench compare accepts) on arbitrary bytes. The reader takes a path, so
 * each input goes into a memfd, read back through /proc/self/fd. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "results_input.h"

static void check(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "fuzz_gbench_json: invariant broken: %s\n", what);
        abort();
    }
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
    if (bench_read_results(path, &set, err, sizeof(err))) {
        check(err[0] != '\0', "rejected without a message");
        check(set.n == 0, "rejected but rows kept");
    } else {
        check(set.n > 0, "accepted with no rows");
        for (size_t i = 0; i < set.n; i++) {
            const struct sc_result *r = &set.rows[i];
            check(r->test && r->test[0], "a row without a test name");
            check(isfinite(r->wall_median) && r->wall_median >= 0, "median not a finite non-negative number");
            for (size_t k = 0; k < r->n_samples; k++)
                check(isfinite(r->samples[k]), "a sample is not finite");
        }
        sc_result_set_free(&set);
    }
    close(fd);
    return 0;
}
