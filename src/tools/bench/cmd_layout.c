/* bench layout: the contract of a demo run folder (run_layout.h), for people
 * (table, markdown), for tools (tsv) and for the demo's scripts (shell). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "run_layout.h"
#include "export/export.h"

static void lower(const char *s, char *out, size_t len)
{
    size_t i = 0;
    for (; s[i] && i + 1 < len; i++)
        out[i] = (char)tolower((unsigned char)s[i]);
    out[i] = '\0';
}

/* A bash word that stays exactly s: single quotes, each ' as '\''. */
static void put_quoted(const char *s)
{
    putchar('\'');
    for (; *s; s++)
        if (*s == '\'')
            fputs("'\\''", stdout);
        else
            putchar(*s);
    putchar('\'');
}

static void print_shell(void)
{
    char name[64];
    printf("layout_steps=(");
    for (size_t i = 0; i < RUN_STEP_COUNT; i++) {
        lower(run_layout_steps[i].key, name, sizeof(name));
        printf("%s%s", i ? " " : "", name);
    }
    printf(")\n");
    for (size_t i = 0; i < RUN_STEP_COUNT; i++) {
        lower(run_layout_steps[i].key, name, sizeof(name));
        printf("layout_step_title_%s=", name);
        put_quoted(run_layout_steps[i].title);
        putchar('\n');
    }
    for (size_t i = 0; i < RUN_FILE_COUNT; i++) {
        lower(run_layout_files[i].key, name, sizeof(name));
        printf("layout_%s=", name);
        put_quoted(run_layout_files[i].path);
        putchar('\n');
    }
}

/* The files table through the exporters (table, markdown, json, csv). */
static int print_doc(int format)
{
    static const struct ex_column cols[] = {
        {"File", "path", false, true, 0},
        {"Step", "step", false, false, 0},
        {"When", "when", false, false, 0},
        {"Written by", "written_by", false, false, 0},
        {"What", "what", false, false, 0},
    };
    struct ex_doc doc;
    ex_doc_init(&doc);
    struct ex_table *t = ex_doc_table(&doc, NULL, cols, sizeof(cols) / sizeof(cols[0]),
                                      EX_EVERYWHERE);
    for (size_t i = 0; t && i < RUN_FILE_COUNT; i++) {
        const struct run_layout_file *f = &run_layout_files[i];
        char step[64];
        lower(run_layout_steps[f->step].key, step, sizeof(step));
        const char *row[] = {f->path, step, f->when, f->writer, f->what};
        ex_table_add_texts(t, row);
    }
    return bench_write(&doc, format, "layout");
}

/* table, markdown, json and csv are the exporters'; tsv and shell are this
 * command's own, for the scripts that read the contract. */
enum { LAYOUT_TSV = EX_CSV + 1, LAYOUT_SHELL };
static const struct sc_opt_choice formats[] = {
    {"table", EX_TABLE, false},       {"markdown", EX_MARKDOWN, false},
    {"json", EX_JSON, false},         {"csv", EX_CSV, false},
    {"tsv", LAYOUT_TSV, false},       {"shell", LAYOUT_SHELL, false},
    {"text", EX_TABLE, true},         {"md", EX_MARKDOWN, true},
    {NULL, 0, false},
};

static struct {
    int format;
} args;

static const struct sc_opt options[] = {
    SC_OPT_ENUM("format", 0, &args.format, formats,
                "table (default), markdown, json, csv, tsv (step, path, when, written by,\n"
                "what; one file a line, no header) or shell (bash assignments the demo's\n"
                "scripts eval: layout_steps, layout_step_title_<step>, layout_<file>)"),
    SC_OPT_END(),
};

static int run(char **pos, int n_pos)
{
    (void)pos;
    (void)n_pos;
    if (args.format == LAYOUT_SHELL) {
        print_shell();
    } else if (args.format == LAYOUT_TSV) {
        char step[64];
        for (size_t i = 0; i < RUN_FILE_COUNT; i++) {
            const struct run_layout_file *f = &run_layout_files[i];
            lower(run_layout_steps[f->step].key, step, sizeof(step));
            printf("%s\t%s\t%s\t%s\t%s\n", step, f->path, f->when, f->writer, f->what);
        }
    } else {
        return print_doc(args.format);
    }
    return fflush(stdout) == 0 ? 0 : 2;
}

const struct bench_command layout_command = {
    .cli = {
        .name = "bench layout",
        .summary = "what a demo run folder holds, and which step writes each file",
        .about = "What a demo run folder (artifacts/demo-09) holds: each file, the step of\n"
                 "run_demo.sh that writes it, when it is there, what writes it and what it is.\n"
                 "Placeholders: <Suite.Case> a case, <script> a tracer script, <tool> an\n"
                 "overhead label, <chart> a chart, <n> a number. When, its conditions joined\n"
                 "by '+': always; privileged (the tracing steps ran: root or CAP_BPF+\n"
                 "CAP_PERFMON); unprivileged (they were skipped); perf, strace (that tool\n"
                 "works here); gnuplot (installed).\n",
        .examples = "bench layout\n"
                    "eval \"$(bench layout --format shell)\"; echo \"$layout_demo_csv\"\n",
    },
    .options = options, BENCH_ARGS(args), .run = run,
};
