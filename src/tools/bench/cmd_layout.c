/* bench layout: the contract of a demo run folder (run_layout.h), for people
 * (table, markdown), for tools (tsv) and for the demo's scripts (shell). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "run_layout.h"
#include "table.h"

static void help(FILE *f)
{
    fprintf(f, "usage: bench layout [--format table|markdown|tsv|shell]\n\n"
               "What a demo run folder (artifacts/demo-09) holds: each file, the step of\n"
               "run_demo.sh that writes it, when it is there, what writes it and what it is.\n"
               "Placeholders: <Suite.Case> a case, <script> a tracer script, <tool> an\n"
               "overhead label, <chart> a chart, <n> a number. When, its conditions joined\n"
               "by '+': always; privileged (the tracing steps ran: root or CAP_BPF+\n"
               "CAP_PERFMON); unprivileged (they were skipped); perf, strace (that tool\n"
               "works here); gnuplot (installed).\n\n"
               "formats:\n"
               "  table     aligned columns (default)\n"
               "  markdown  the table of docs/ARTIFACTS.md\n"
               "  tsv       step, path, when, written by, what; one file a line, no header\n"
               "  shell     bash assignments the demo's scripts eval: layout_steps (an array),\n"
               "            layout_step_title_<step>, layout_<file> (the path)\n\n"
               "examples:\n"
               "  bench layout\n"
               "  eval \"$(bench layout --format shell)\"; echo \"$layout_demo_csv\"\n");
}

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

static int print_table(enum table_format fmt)
{
    static const char *const header[] = {"File", "Step", "When", "Written by", "What"};
    struct table t;
    if (table_init(&t, 5, header, NULL))
        goto oom;
    table_set_code(&t, 0);
    for (size_t i = 0; i < RUN_FILE_COUNT; i++) {
        const struct run_layout_file *f = &run_layout_files[i];
        char step[64];
        lower(run_layout_steps[f->step].key, step, sizeof(step));
        const char *row[] = {f->path, step, f->when, f->writer, f->what};
        if (table_add_row(&t, row)) {
            table_free(&t);
            goto oom;
        }
    }
    table_print(&t, stdout, fmt, true);
    table_free(&t);
    return 0;
oom:
    fprintf(stderr, "error: bench layout: out of memory\n");
    return 2;
}

int cmd_layout(int argc, char **argv)
{
    const char *format = "table";
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            help(stdout);
            return 0;
        } else if (!strcmp(a, "--format")) {
            if (i + 1 >= argc)
                return bench_usage_error("layout", "missing value after", a);
            format = argv[++i];
        } else if (a[0] == '-' && a[1]) {
            return bench_usage_error("layout", "unknown flag", a);
        } else {
            return bench_usage_error("layout", "takes no file, got", a);
        }
    }
    if (!strcmp(format, "shell")) {
        print_shell();
    } else if (!strcmp(format, "tsv")) {
        char step[64];
        for (size_t i = 0; i < RUN_FILE_COUNT; i++) {
            const struct run_layout_file *f = &run_layout_files[i];
            lower(run_layout_steps[f->step].key, step, sizeof(step));
            printf("%s\t%s\t%s\t%s\t%s\n", step, f->path, f->when, f->writer, f->what);
        }
    } else {
        enum table_format fmt;
        if (table_parse_format(format, &fmt))
            return bench_usage_error("layout", "--format must be table, markdown, tsv or shell, not",
                                     format);
        if (print_table(fmt))
            return 2;
    }
    return fflush(stdout) == 0 ? 0 : 2;
}
