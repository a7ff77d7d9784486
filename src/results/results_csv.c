#include <syscost/results.h>

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <syscost/file_util.h>
#include <syscost/input_error.h>
#include <syscost/name_index.h>
#include <syscost/stats.h>

static const char *const column_names[SC_COL_COUNT] = {
    "test", "cycles", "repeats", "warmup", "wallMedian", "wallP10", "wallP90",
    "wallMin", "wallMax", "wallMean", "wallStddev", "wallCV",
    "callsPerSecond", "syscallsPerCall", "stable", "cvThreshold",
    "profileTool", "timestamp", "gitHash", "hostname", "platform", "samples",
    "seed", "processes", "envTxt",
};

/* ---- writing ---------------------------------------------------------- */

void sc_csv_put_field(FILE *f, const char *s)
{
    if (!s)
        s = "";
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static int write_row(FILE *f, const struct sc_result *r, bool env_txt)
{
    sc_csv_put_field(f, r->test);
    fprintf(f, ",%" PRIu64 ",%" PRIu64 ",%" PRIu64, r->cycles, r->repeats,
            r->warmup);
    fprintf(f, ",%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g",
            r->wall_median, r->wall_p10, r->wall_p90, r->wall_min,
            r->wall_max, r->wall_mean, r->wall_stddev, r->wall_cv,
            r->calls_per_second);
    if (isnan(r->syscalls_per_call))
        fputs(",n/a", f);
    else
        fprintf(f, ",%.6g", r->syscalls_per_call);
    fprintf(f, ",%s,%.6g,", r->stable ? "true" : "false", r->cv_threshold);
    const char *const text[] = {r->profile_tool, r->timestamp, r->git_hash, r->hostname,
                                r->platform};
    for (size_t i = 0; i < sizeof(text) / sizeof(text[0]); i++) {
        sc_csv_put_field(f, text[i]);
        fputc(',', f);
    }
    for (size_t s = 0; s < r->n_samples; s++)
        fprintf(f, "%s%.6g", s ? ";" : "", r->samples[s]);
    fputc(',', f);
    if (r->has_seed)
        fprintf(f, "%" PRIu32, r->seed);
    fputc(',', f);
    if (r->processes)
        fprintf(f, "%" PRIu64, r->processes);
    if (env_txt) {
        fputc(',', f);
        sc_csv_put_field(f, r->env_txt);
    }
    fputc('\n', f);
    return ferror(f) ? -1 : 0;
}

int sc_results_write_csv_row(FILE *f, const struct sc_result *r)
{
    return write_row(f, r, r->env_txt != NULL);
}

int sc_results_write_csv_header(FILE *f, bool env_txt)
{
    fputs(env_txt ? SC_CSV_HEADER_ENV_TXT "\n" : SC_CSV_HEADER "\n", f);
    return ferror(f) ? -1 : 0;
}

int sc_results_write_csv(FILE *f, const struct sc_result *rows, size_t n)
{
    bool env_txt = false;
    for (size_t i = 0; i < n; i++)
        env_txt |= rows[i].env_txt != NULL;
    sc_results_write_csv_header(f, env_txt);
    for (size_t i = 0; i < n; i++)
        write_row(f, &rows[i], env_txt);
    return ferror(f) ? -1 : 0;
}

/* ---- reading ---------------------------------------------------------- */

struct reader {
    const char *path;
    char *err;
    size_t errlen;
    size_t line;
};

static int fail(struct reader *rd, size_t col, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(struct reader *rd, size_t col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sc_input_verror(rd->err, rd->errlen, rd->path, rd->line, col, fmt, ap);
    va_end(ap);
    return -1;
}

struct field {
    char *text;  /* unquoted, NUL-terminated, owned by the fields array */
    size_t col;  /* 1-based character column where the field starts */
};

struct fields {
    struct field *v;
    size_t n, cap;
};

static void fields_clear(struct fields *fs)
{
    for (size_t i = 0; i < fs->n; i++)
        free(fs->v[i].text);
    fs->n = 0;
}

static int fields_push(struct fields *fs, const char *start, size_t len, size_t col)
{
    if (fs->n == fs->cap) {
        size_t cap = fs->cap ? fs->cap * 2 : 32;
        struct field *v = realloc(fs->v, cap * sizeof(*v));
        if (!v)
            return -1;
        fs->v = v;
        fs->cap = cap;
    }
    char *t = malloc(len + 1);
    if (!t)
        return -1;
    memcpy(t, start, len);
    t[len] = '\0';
    fs->v[fs->n].text = t;
    fs->v[fs->n].col = col;
    fs->n++;
    return 0;
}

/* Splits one line (no newline) into fields, undoing RFC 4180 quoting. */
static int split_line(struct reader *rd, const char *line, size_t len,
                      struct fields *fs)
{
    fields_clear(fs);
    size_t i = 0;
    for (;;) {
        size_t col = i + 1;
        if (i < len && line[i] == '"') {
            char *buf = malloc(len - i + 1);
            size_t b = 0;
            if (!buf)
                return fail(rd, col, "out of memory");
            i++;
            for (;;) {
                if (i >= len) {
                    free(buf);
                    return fail(rd, col, "unterminated quoted field");
                }
                if (line[i] == '"') {
                    if (i + 1 < len && line[i + 1] == '"') {
                        buf[b++] = '"';
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                buf[b++] = line[i++];
            }
            if (i < len && line[i] != ',') {
                free(buf);
                return fail(rd, i + 1, "unexpected character after closing quote");
            }
            int rc = fields_push(fs, buf, b, col);
            free(buf);
            if (rc)
                return fail(rd, col, "out of memory");
        } else {
            const char *comma = memchr(line + i, ',', len - i);
            size_t end = comma ? (size_t)(comma - line) : len;
            const char *quote = memchr(line + i, '"', end - i);
            if (quote)
                return fail(rd, (size_t)(quote - line) + 1,
                            "stray quote inside an unquoted field");
            if (fields_push(fs, line + i, end - i, col))
                return fail(rd, col, "out of memory");
            i = end;
        }
        if (i >= len)
            return 0;
        i++; /* the comma */
    }
}

static int parse_double(struct reader *rd, const struct field *fd,
                        const char *name, double *out)
{
    const char *s = fd->text;
    char *end;
    if (!*s)
        return fail(rd, fd->col, "column '%s': empty value, expected a number", name);
    errno = 0;
    double v = strtod(s, &end);
    if (*end || end == s)
        return fail(rd, fd->col, "column '%s': '%s' is not a number", name, s);
    /* ERANGE with a finite result is underflow: a tiny number, still a
     * number (the writer's %.6g can round a normal value into that range). */
    if (isnan(v) || isinf(v))
        return fail(rd, fd->col, "column '%s': '%s' is not a finite number", name, s);
    if (v < 0)
        return fail(rd, fd->col, "column '%s': '%s' is negative", name, s);
    *out = v;
    return 0;
}

static int parse_u64(struct reader *rd, const struct field *fd,
                     const char *name, uint64_t *out)
{
    const char *s = fd->text;
    char *end;
    if (*s < '0' || *s > '9')
        return fail(rd, fd->col, "column '%s': '%s' is not a non-negative integer", name, s);
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (*end || errno == ERANGE)
        return fail(rd, fd->col, "column '%s': '%s' is not a non-negative integer", name, s);
    *out = v;
    return 0;
}

static int parse_samples(struct reader *rd, const struct field *fd,
                         struct sc_result *r)
{
    const char *s = fd->text;
    if (!*s)
        return 0;
    size_t n = 1;
    for (const char *p = s; *p; p++)
        n += *p == ';';
    r->samples = malloc(n * sizeof(double));
    if (!r->samples)
        return fail(rd, fd->col, "out of memory");
    const char *p = s;
    for (size_t k = 0; k < n; k++) {
        const char *semi = strchr(p, ';');
        size_t len = semi ? (size_t)(semi - p) : strlen(p);
        char buf[64];
        struct field one = {buf, fd->col + (size_t)(p - s)};
        if (len == 0 || len >= sizeof(buf))
            return fail(rd, one.col, "column 'samples': sample %zu is %s", k + 1,
                        len ? "too long" : "empty");
        memcpy(buf, p, len);
        buf[len] = '\0';
        if (parse_double(rd, &one, "samples", &r->samples[k]))
            return -1;
        r->n_samples++;
        p = semi ? semi + 1 : p + len;
    }
    return 0;
}

static char *dup_text(struct reader *rd, const struct field *fd, char **out)
{
    *out = strdup(fd->text);
    if (!*out)
        fail(rd, fd->col, "out of memory");
    return *out;
}

static int parse_row(struct reader *rd, const struct fields *fs,
                     const int *col_of, struct sc_result *r)
{
    memset(r, 0, sizeof(*r));
    r->syscalls_per_call = NAN;
    for (size_t i = 0; i < fs->n; i++) {
        int c = col_of[i];
        if (c < 0)
            continue;
        const struct field *fd = &fs->v[i];
        const char *name = column_names[c];
        int rc = 0;
        switch ((enum sc_column)c) {
        case SC_COL_TEST:
            if (!*fd->text)
                return fail(rd, fd->col, "column 'test': empty test name");
            rc = dup_text(rd, fd, &r->test) ? 0 : -1;
            break;
        case SC_COL_CYCLES: rc = parse_u64(rd, fd, name, &r->cycles); break;
        case SC_COL_REPEATS: rc = parse_u64(rd, fd, name, &r->repeats); break;
        case SC_COL_WARMUP: rc = parse_u64(rd, fd, name, &r->warmup); break;
        case SC_COL_WALL_MEDIAN: rc = parse_double(rd, fd, name, &r->wall_median); break;
        case SC_COL_WALL_P10: rc = parse_double(rd, fd, name, &r->wall_p10); break;
        case SC_COL_WALL_P90: rc = parse_double(rd, fd, name, &r->wall_p90); break;
        case SC_COL_WALL_MIN: rc = parse_double(rd, fd, name, &r->wall_min); break;
        case SC_COL_WALL_MAX: rc = parse_double(rd, fd, name, &r->wall_max); break;
        case SC_COL_WALL_MEAN: rc = parse_double(rd, fd, name, &r->wall_mean); break;
        case SC_COL_WALL_STDDEV: rc = parse_double(rd, fd, name, &r->wall_stddev); break;
        case SC_COL_WALL_CV: rc = parse_double(rd, fd, name, &r->wall_cv); break;
        case SC_COL_CALLS_PER_SECOND: rc = parse_double(rd, fd, name, &r->calls_per_second); break;
        case SC_COL_SYSCALLS_PER_CALL:
            if (!*fd->text || strcmp(fd->text, "n/a") == 0)
                r->syscalls_per_call = NAN;
            else
                rc = parse_double(rd, fd, name, &r->syscalls_per_call);
            break;
        case SC_COL_STABLE:
            if (!strcmp(fd->text, "true") || !strcmp(fd->text, "1"))
                r->stable = true;
            else if (!strcmp(fd->text, "false") || !strcmp(fd->text, "0"))
                r->stable = false;
            else
                rc = fail(rd, fd->col, "column 'stable': '%s' is not true or false", fd->text);
            break;
        case SC_COL_CV_THRESHOLD: rc = parse_double(rd, fd, name, &r->cv_threshold); break;
        case SC_COL_PROFILE_TOOL: rc = dup_text(rd, fd, &r->profile_tool) ? 0 : -1; break;
        case SC_COL_TIMESTAMP: rc = dup_text(rd, fd, &r->timestamp) ? 0 : -1; break;
        case SC_COL_GIT_HASH: rc = dup_text(rd, fd, &r->git_hash) ? 0 : -1; break;
        case SC_COL_HOSTNAME: rc = dup_text(rd, fd, &r->hostname) ? 0 : -1; break;
        case SC_COL_PLATFORM: rc = dup_text(rd, fd, &r->platform) ? 0 : -1; break;
        case SC_COL_SAMPLES: rc = parse_samples(rd, fd, r); break;
        case SC_COL_ENV_TXT: rc = dup_text(rd, fd, &r->env_txt) ? 0 : -1; break;
        case SC_COL_SEED: {
            uint64_t seed;
            if (!*fd->text)
                break;
            rc = parse_u64(rd, fd, name, &seed);
            if (!rc && seed > UINT32_MAX)
                rc = fail(rd, fd->col, "column 'seed': '%s' is over 4294967295", fd->text);
            r->seed = (uint32_t)seed;
            r->has_seed = !rc;
            break;
        }
        case SC_COL_PROCESSES:
            if (*fd->text)
                rc = parse_u64(rd, fd, name, &r->processes);
            break;
        case SC_COL_COUNT: break;
        }
        if (rc)
            return -1;
        r->present |= 1u << c;
    }
    return 0;
}

static int push_row(struct sc_result_set *set, size_t *cap, const struct sc_result *r)
{
    if (set->n == *cap) {
        size_t nc = *cap ? *cap * 2 : 8;
        struct sc_result *rows = realloc(set->rows, nc * sizeof(*rows));
        if (!rows)
            return -1;
        set->rows = rows;
        *cap = nc;
    }
    set->rows[set->n++] = *r;
    return 0;
}

int sc_results_read_csv(const char *path, struct sc_result_set *out, char *err,
                        size_t errlen)
{
    memset(out, 0, sizeof(*out));
    char *data = NULL;
    size_t len = 0;
    if (sc_read_input(path, &data, &len, err, errlen) != 0)
        return -1;
    int rc = sc_results_read_csv_buf(data, len, path, out, err, errlen);
    free(data);
    return rc;
}

int sc_results_read_csv_buf(const char *data, size_t len, const char *path,
                            struct sc_result_set *out, char *err, size_t errlen)
{
    struct reader rd = {path, err, errlen, 0};
    memset(out, 0, sizeof(*out));
    size_t pos = 0, cap = 0;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        pos = 3; /* spreadsheets write a UTF-8 BOM; it is not part of the name */
    if (len && memchr(data, '\0', len))
        return fail(&rd, 0, "binary data (NUL byte): not a CSV file");

    struct fields fs = {0};
    int *col_of = NULL;
    size_t n_cols = 0;
    size_t *first_line = NULL; /* line of each row, for duplicate reports */
    struct sc_name_index tests = {0}; /* test name -> row */
    int rc = -1;

    while (pos < len) {
        rd.line++;
        const char *nl = memchr(data + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - data) : len;
        size_t llen = end - pos;
        if (llen > 0 && data[pos + llen - 1] == '\r')
            llen--;
        if (llen > SC_CSV_MAX_LINE) {
            fail(&rd, 0, "line is %zu bytes long, over the limit of %u", llen,
                 SC_CSV_MAX_LINE);
            goto out;
        }
        const char *line = data + pos;
        pos = nl ? end + 1 : len;
        if (llen == 0)
            continue;
        if (split_line(&rd, line, llen, &fs))
            goto out;

        if (!col_of) {
            n_cols = fs.n;
            col_of = malloc(n_cols * sizeof(*col_of));
            if (!col_of) {
                fail(&rd, 0, "out of memory");
                goto out;
            }
            bool seen[SC_COL_COUNT] = {0};
            struct sc_name_index names = {0};
            for (size_t i = 0; i < n_cols; i++) {
                const char *name = fs.v[i].text;
                col_of[i] = -1;
                if (!*name) {
                    fail(&rd, fs.v[i].col, "column %zu has an empty name", i + 1);
                    sc_name_index_free(&names);
                    goto out;
                }
                int added = sc_name_index_add(&names, name, i, NULL);
                if (added != 0) {
                    if (added < 0)
                        fail(&rd, 0, "out of memory");
                    else
                        fail(&rd, fs.v[i].col, "column '%s' appears twice", name);
                    sc_name_index_free(&names);
                    goto out;
                }
                for (int c = 0; c < SC_COL_COUNT; c++)
                    if (!strcmp(column_names[c], name)) {
                        col_of[i] = c;
                        seen[c] = true;
                    }
            }
            sc_name_index_free(&names);
            if (!seen[SC_COL_TEST] || !seen[SC_COL_WALL_MEDIAN]) {
                fail(&rd, 0, "missing required column '%s' (header: %s)",
                     !seen[SC_COL_TEST] ? "test" : "wallMedian",
                     "needs at least test,wallMedian");
                goto out;
            }
            /* Only for a header that is the kit's: a file that is not
             * gets its one error line alone. */
            for (size_t i = 0; i < n_cols; i++)
                if (col_of[i] < 0)
                    fprintf(stderr, "%s:1:%zu: note: ignoring unknown column '%s'\n",
                            path, fs.v[i].col, fs.v[i].text);
            continue;
        }

        if (fs.n != n_cols) {
            fail(&rd, 0, "row has %zu fields but the header has %zu", fs.n, n_cols);
            goto out;
        }
        struct sc_result r;
        if (parse_row(&rd, &fs, col_of, &r)) {
            sc_result_free(&r);
            goto out;
        }
        size_t dup;
        int added = sc_name_index_add(&tests, r.test, out->n, &dup);
        if (added != 0) {
            if (added < 0)
                fail(&rd, 0, "out of memory");
            else
                fail(&rd, 1, "duplicate test '%s' (first at line %zu)", r.test,
                     first_line[dup]);
            sc_result_free(&r);
            goto out;
        }
        size_t old_cap = cap;
        if (push_row(out, &cap, &r)) {
            /* The index holds r.test: nothing looks it up again. */
            sc_result_free(&r);
            fail(&rd, 0, "out of memory");
            goto out;
        }
        if (cap != old_cap) {
            size_t *fl = realloc(first_line, cap * sizeof(*fl));
            if (!fl) {
                fail(&rd, 0, "out of memory");
                goto out;
            }
            first_line = fl;
        }
        first_line[out->n - 1] = rd.line;
    }

    rd.line = 0;
    if (!col_of)
        fail(&rd, 0, "empty file: expected a header line and data rows");
    else if (out->n == 0)
        fail(&rd, 0, "no data rows: the file has only a header");
    else
        rc = 0;

out:
    fields_clear(&fs);
    free(fs.v);
    free(col_of);
    free(first_line);
    sc_name_index_free(&tests);
    if (rc)
        sc_result_set_free(out);
    return rc;
}

void sc_result_free(struct sc_result *r)
{
    free(r->test);
    free(r->profile_tool);
    free(r->timestamp);
    free(r->git_hash);
    free(r->hostname);
    free(r->platform);
    free(r->samples);
    free(r->env_txt);
    memset(r, 0, sizeof(*r));
}

void sc_result_fill_stats(struct sc_result *r, const struct sc_summary *s)
{
    r->wall_median = s->median;
    r->wall_p10 = s->p10;
    r->wall_p90 = s->p90;
    r->wall_min = s->min;
    r->wall_max = s->max;
    r->wall_mean = s->mean;
    r->wall_stddev = s->stddev;
    r->wall_cv = s->cv;
    r->calls_per_second = s->median > 0 ? 1e6 / s->median : 0;
}

void sc_result_set_free(struct sc_result_set *set)
{
    for (size_t i = 0; i < set->n; i++)
        sc_result_free(&set->rows[i]);
    free(set->rows);
    set->rows = NULL;
    set->n = 0;
}

long sc_result_set_find(const struct sc_result_set *set, const char *test)
{
    for (size_t i = 0; i < set->n; i++)
        if (set->rows[i].test && !strcmp(set->rows[i].test, test))
            return (long)i;
    return -1;
}
