/* bench seccomp: what the container's seccomp filter adds per syscall, from
 * the compose demo's paired rounds (seccomp_tax.h). */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "commands.h"
#include "export/export.h"
#include "run_layout.h"
#include "seccomp_tax.h"

enum { N_COLUMNS = 12 };

static void build(const struct seccomp_rounds *r, const struct seccomp_tax *t, struct ex_doc *doc)
{
    static const struct ex_column cols[N_COLUMNS] = {
        {"CASE", "test", false, true, 0},
        {"PER", "per", false, false, 0},
        {"DEFAULT", NULL, true, false, 0},
        {"UNCONFINED", NULL, true, false, 0},
        {"FILTER ADDS (95% CI)", NULL, true, false, 0},
        {"VERDICT", "verdict", false, false, 0},
        {NULL, "default_ns", false, false, 0},
        {NULL, "unconfined_ns", false, false, 0},
        {NULL, "added_ns", false, false, 0},
        {NULL, "ci_low_ns", false, false, 0},
        {NULL, "ci_high_ns", false, false, 0},
        {NULL, "rounds", false, false, 0},
    };
    char why[512], sentence[1024];
    enum seccomp_proof proof = seccomp_rounds_proof(r, why, sizeof(why));
    seccomp_tax_sentence(t, proof, why, sentence, sizeof(sentence));
    ex_meta(doc, "rounds", ex_count(t->rounds));
    ex_meta(doc, "fingerprints", ex_text(why));
    ex_meta(doc, "proven", ex_bool(proof == SECCOMP_PROVEN));
    ex_meta(doc, "sentence", ex_text(sentence));
    ex_line(doc, EX_HUMAN, "The container's seccomp tax: %zu paired rounds of the suite under the "
                           "engine's default seccomp profile and with seccomp=unconfined",
            t->rounds);
    ex_line(doc, EX_HUMAN, "fingerprints: %s", why);
    ex_blank(doc);
    struct ex_table *tab = ex_doc_table(doc, "cases", cols, N_COLUMNS, EX_EVERYWHERE);
    if (!tab)
        return;
    for (size_t i = 0; i < t->n; i++) {
        const struct seccomp_tax_row *row = &t->rows[i];
        struct seccomp_row_text x;
        seccomp_tax_row_text(row, &x);
        EX_ROW(tab, EX_EVERYWHERE, ex_text(row->test), ex_text(x.per),
               ex_shown(ex_real(row->default_ns), x.def), ex_shown(ex_real(row->unconfined_ns), x.unc),
               ex_text(x.added), ex_text(x.verdict), ex_real(row->default_ns),
               ex_real(row->unconfined_ns), ex_real(row->tax_ns),
               row->has_interval ? ex_real(row->lo_ns) : ex_none(),
               row->has_interval ? ex_real(row->hi_ns) : ex_none(), ex_count(row->rounds));
    }
    ex_blank(doc);
    ex_line(doc, EX_HUMAN, "%s", sentence);
    if (proof == SECCOMP_UNRECORDED)
        ex_warning(doc, "which side ran under a filter is not recorded (%s)", why);
    else if (proof == SECCOMP_CONTRADICTED)
        ex_warning(doc, "the fingerprints contradict the sides' names (%s)", why);
}

static struct {
    int format;
} args;

static const struct sc_opt options[] = {
    BENCH_OPT_FORMAT(&args.format),
    SC_OPT_END(),
};

static int run(char **pos, int n_pos)
{
    (void)n_pos;
    /* A run folder stands for its seccomp/ folder. */
    char dir[4096];
    struct stat sb;
    if (run_layout_join(pos[0], RUN_FILE_SECCOMP_DIR, dir, sizeof(dir)) || lstat(dir, &sb) != 0 ||
        !S_ISDIR(sb.st_mode))
        snprintf(dir, sizeof(dir), "%s", pos[0]);
    static struct seccomp_rounds rounds;
    struct seccomp_tax tax;
    char err[1024];
    if (seccomp_rounds_read(dir, &rounds, err, sizeof(err))) {
        fprintf(stderr, "error: %s\n", err);
        return 2;
    }
    int status = 2;
    if (seccomp_tax_build(rounds.sets[SECCOMP_DEFAULT], rounds.sets[SECCOMP_UNCONFINED], rounds.n,
                          &tax, err, sizeof(err))) {
        fprintf(stderr, "error: %s: %s\n", dir, err);
    } else if (!tax.n) {
        fprintf(stderr, "error: %s: no case is in both sides of any round\n", dir);
        seccomp_tax_free(&tax);
    } else {
        struct ex_doc doc;
        ex_doc_init(&doc);
        build(&rounds, &tax, &doc);
        status = bench_write(&doc, args.format, "seccomp");
        seccomp_tax_free(&tax);
    }
    seccomp_rounds_free(&rounds);
    return status;
}

const struct bench_command seccomp_command = {
    .cli = {
        .name = "bench seccomp",
        .summary = "what the container's seccomp filter adds per syscall",
        .about = "Reads the compose demo's rounds in DIR (a run folder's seccomp/, or the\n"
                 "run folder): default.<n>.csv, the Syscall suite under the engine's default\n"
                 "seccomp profile, and unconfined.<n>.csv, the same round with\n"
                 "seccomp=unconfined, plus each side's env.txt. Each round's difference\n"
                 "(default - unconfined, ns per syscall) cancels the drift between rounds;\n"
                 "the filter's cost is the median difference with its distribution-free\n"
                 "95% interval (6 rounds or more). An interval that holds 0 is said to be\n"
                 "no cost distinguishable from zero, not printed as a number.\n",
        .args = SC_ARGS({"DIR", 1, 1, "a run folder, or its seccomp/ folder"}),
        .examples = "bench seccomp artifacts/demo-09\n"
                    "bench seccomp artifacts/demo-09/seccomp --format json\n",
        .footer = "Exit status: 0 shown, 2 bad input\n",
    },
    .options = options, BENCH_ARGS(args), .run = run,
};
