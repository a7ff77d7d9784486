#include "report_seccomp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <syscost/file_util.h>

#include "seccomp_tax.h"

/* seccomp-skipped.txt's first line, the reason, within a bound. */
static int skipped_reason(const char *path, char *buf, size_t len, char *err, size_t errlen)
{
    char *data;
    size_t n;
    if (sc_read_input_max(path, 4096, &data, &n, err, errlen))
        return -1;
    size_t line = 0;
    while (line < n && data[line] != '\n' && data[line] != '\r')
        line++;
    snprintf(buf, len, "%.*s", (int)line, data);
    free(data);
    return 0;
}

static void tax_table(struct doc *doc, const struct seccomp_tax *t)
{
    static const struct ex_column cols[] = {
        {"Case", NULL, false, true, 0},        {"Per", NULL, false, false, 0},
        {"Default", NULL, true, false, 0},     {"Unconfined", NULL, true, false, 0},
        {"Filter adds (95% CI)", NULL, true, false, 0}, {"Verdict", NULL, false, false, 0},
    };
    struct ex_table tab;
    ex_table_init(&tab, NULL, cols, 6);
    for (size_t i = 0; i < t->n; i++) {
        const struct seccomp_tax_row *row = &t->rows[i];
        struct seccomp_row_text x;
        seccomp_tax_row_text(row, &x);
        const char *r[] = {row->test, x.per, x.def, x.unc, x.added, x.verdict};
        ex_table_add_texts(&tab, r);
    }
    doc_table(doc, &tab);
}

int report_seccomp_section(struct doc *doc, const struct run_dir *run, char *sentence,
                           size_t sentence_len, char *err, size_t errlen)
{
    doc_heading(doc, 2, "The container's seccomp tax");
    if (!run->seccomp_dir[0]) {
        char reason[512] = "";
        if (run->seccomp_skipped[0] &&
            skipped_reason(run->seccomp_skipped, reason, sizeof(reason), err, errlen))
            return -1;
        if (reason[0]) {
            doc_para(doc, "Not measured: %s.", reason);
            snprintf(sentence, sentence_len, "The container's seccomp tax was not measured: %s.",
                     reason);
        } else {
            doc_para(doc, "This run has no `seccomp/` rounds: the compose demo (`make demo-09 "
                          "RUNNER=compose`) measures what the container's seccomp filter adds.");
            snprintf(sentence, sentence_len, "The container's seccomp tax was not measured in "
                                             "this run (no seccomp/ rounds).");
        }
        return 0;
    }
    static struct seccomp_rounds rounds;
    struct seccomp_tax tax;
    if (seccomp_rounds_read(run->seccomp_dir, &rounds, err, errlen))
        return -1;
    if (seccomp_tax_build(rounds.sets[SECCOMP_DEFAULT], rounds.sets[SECCOMP_UNCONFINED], rounds.n,
                          &tax, err, errlen)) {
        seccomp_rounds_free(&rounds);
        return -1;
    }
    char why[512];
    enum seccomp_proof proof = seccomp_rounds_proof(&rounds, why, sizeof(why));
    seccomp_tax_sentence(&tax, proof, why, sentence, sentence_len);
    doc_para(doc, "The Syscall suite in %zu rounds in the container, each round one run under the "
                  "engine's default seccomp profile and one with `seccomp=unconfined`, every other "
                  "setting the same, the side that goes first alternating. The machine drifts "
                  "between rounds far more than within one, so each round's difference (default "
                  "minus unconfined) cancels the drift; the filter's cost is the median difference "
                  "with its distribution-free 95%% interval.", tax.rounds);
    doc_para(doc, "Which side is which, from each side's `env.txt`: %s.", why);
    if (tax.n)
        tax_table(doc, &tax);
    doc_para(doc, "%s", sentence);
    seccomp_tax_free(&tax);
    seccomp_rounds_free(&rounds);
    return 0;
}
