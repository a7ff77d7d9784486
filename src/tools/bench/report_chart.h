/* The charts REPORT.html inlines come from the run folder, which may come
 * from anywhere (a CI artifact, a colleague's tarball) and so is hostile
 * input: a chart must not be a way to copy another file into the report.
 * A chart is inlined only when it is
 *   - a regular file reached without any symbolic link below the run folder
 *     (plots/ and the chart itself are opened with O_NOFOLLOW, one component
 *     at a time, so nothing is resolved outside; symlinks are refused, not
 *     followed and checked),
 *   - at most REPORT_CHART_MAX_BYTES long (read with that bound, by
 *     sc_read_fd_max: /dev/zero or a FIFO is refused before any read, a
 *     file growing past the bound meanwhile too),
 *   - and starts with the signature of its type (PNG, or SVG for .svg). */
#ifndef BENCH_REPORT_CHART_H
#define BENCH_REPORT_CHART_H

#include <stddef.h>

#define REPORT_CHART_MAX_BYTES (8u << 20) /* 8 MiB; the kit's charts are 20-200 KiB */

enum report_chart_status {
    REPORT_CHART_OK,      /* *data (malloc'ed), *size and *mime are set */
    REPORT_CHART_ABSENT,  /* no such file: nothing to say */
    REPORT_CHART_REFUSED, /* why says which rule it breaks, one clause */
    REPORT_CHART_NO_MEMORY
};

/* Reads run_dir/rel, rel a relative path such as "plots/compare.png". */
enum report_chart_status report_chart_load(const char *run_dir, const char *rel,
                                           unsigned char **data, size_t *size,
                                           const char **mime, char *why, size_t whylen);

#endif
