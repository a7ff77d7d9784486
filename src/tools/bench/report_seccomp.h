/* The report's part on the container's seccomp tax (seccomp_tax.h): the
 * section with its table, and the sentence the conclusion states. */
#ifndef BENCH_REPORT_SECCOMP_H
#define BENCH_REPORT_SECCOMP_H

#include <stddef.h>

#include "report_doc.h"
#include "run_dir.h"

/* Adds the section to doc and fills sentence with what the conclusion says
 * (measured, or why not). Fails (-1, err one line) only on files that
 * cannot be read. */
int report_seccomp_section(struct doc *doc, const struct run_dir *run, char *sentence,
                           size_t sentence_len, char *err, size_t errlen);

#endif
