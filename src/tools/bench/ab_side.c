#include "ab_side.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <syscost/results_input.h>

#include "bench_signals.h"

/* For the signal handler: the side running now, and what to remove. */
static volatile pid_t running;
static struct ab_runner *active;

static void nap_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Ends the side's process group: SIGTERM, two seconds to stop, then
 * SIGKILL. Async-signal-safe (kill, waitpid, nanosleep). */
static void stop_side(pid_t pid)
{
    kill(-pid, SIGTERM);
    for (int i = 0; i < 200; i++) {
        if (waitpid(pid, NULL, WNOHANG) != 0)
            return;
        nap_ms(10);
    }
    kill(-pid, SIGKILL);
    waitpid(pid, NULL, 0);
}

static void remove_files(const struct ab_runner *r)
{
    unlink(r->csv);
    unlink(r->log);
    rmdir(r->dir);
}

static void on_stop(void)
{
    pid_t pid = running;
    if (pid > 0)
        stop_side(pid);
    if (active)
        remove_files(active);
}

int ab_runner_init(struct ab_runner *r, uint64_t repeats, char *err, size_t errlen)
{
    memset(r, 0, sizeof(*r));
    r->repeats = repeats;
    const char *tmp = getenv("TMPDIR");
    if (!tmp || !*tmp || strlen(tmp) > 400)
        tmp = "/tmp";
    snprintf(r->dir, sizeof(r->dir), "%s/bench-ab.XXXXXX", tmp);
    if (!mkdtemp(r->dir)) {
        snprintf(err, errlen, "cannot make a temporary folder in %s: %s (set TMPDIR)", tmp,
                 strerror(errno));
        return -1;
    }
    snprintf(r->csv, sizeof(r->csv), "%s/side.csv", r->dir);
    snprintf(r->log, sizeof(r->log), "%s/side.log", r->dir);
    active = r;
    bench_signals_catch(on_stop);
    return 0;
}

void ab_runner_free(struct ab_runner *r)
{
    bench_signals_default();
    active = NULL;
    if (r->dir[0])
        remove_files(r);
}

/* s in single quotes for /bin/sh, each ' as '\''. */
static char *sh_quote(const char *s)
{
    size_t n = 3;
    for (const char *p = s; *p; p++)
        n += *p == '\'' ? 4 : 1;
    char *q = malloc(n), *o = q;
    if (!q)
        return NULL;
    *o++ = '\'';
    for (const char *p = s; *p; p++) {
        if (*p == '\'') {
            memcpy(o, "'\\''", 4);
            o += 4;
        } else {
            *o++ = *p;
        }
    }
    *o++ = '\'';
    *o = '\0';
    return q;
}

/* The last non-empty line the side printed, for the error line. */
static void last_line(const char *log, char *buf, size_t len)
{
    buf[0] = '\0';
    FILE *f = fopen(log, "r");
    if (!f)
        return;
    char line[512];
    while (fgets(line, sizeof(line), f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0])
            snprintf(buf, len, "%.*s", (int)(len - 1), line);
    }
    fclose(f);
}

static pid_t start(const struct ab_runner *r, const char *line)
{
    pid_t pid = fork();
    if (pid != 0)
        return pid;
    setpgid(0, 0);
    int out = open(r->log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    int in = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (out < 0 || in < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(out, 2) < 0)
        _exit(127);
    execl("/bin/sh", "sh", "-c", line, (char *)NULL);
    _exit(127);
}

int ab_run_side(struct ab_runner *r, const char *cmd, const char *side, size_t round,
                struct sc_result_set *set, char *err, size_t errlen)
{
    sc_result_set_free(set);
    unlink(r->csv);
    char *path = sh_quote(r->csv);
    size_t len = strlen(cmd) + (path ? strlen(path) : 0) + 64;
    char *line = path ? malloc(len) : NULL;
    if (!line) {
        free(path);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    snprintf(line, len, "%s --csv %s --repeats %llu", cmd, path, (unsigned long long)r->repeats);
    free(path);

    /* Held so that a stop request cannot fall between fork and `running`. */
    sigset_t saved;
    bench_signals_hold(&saved);
    pid_t pid = start(r, line);
    if (pid > 0) {
        setpgid(pid, pid);
        running = pid;
    }
    bench_signals_release(&saved);
    free(line);
    if (pid < 0) {
        snprintf(err, errlen, "cannot start the %s's command: %s", side, strerror(errno));
        return -1;
    }
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    running = 0;

    char said[200], shown[260] = "";
    last_line(r->log, said, sizeof(said));
    if (said[0])
        snprintf(shown, sizeof(shown), "; it said: %.199s", said);
    if (WIFSIGNALED(status)) {
        snprintf(err, errlen, "the %s's command was killed by signal %d in round %zu%s", side,
                 WTERMSIG(status), round, shown);
        return -1;
    }
    if (WEXITSTATUS(status) != 0) {
        snprintf(err, errlen, "the %s's command exited with status %d in round %zu%s", side,
                 WEXITSTATUS(status), round, shown);
        return -1;
    }
    struct stat st;
    if (stat(r->csv, &st) != 0) {
        snprintf(err, errlen,
                 "the %s's command wrote no CSV in round %zu: is it a syscost benchmark "
                 "program? (bench ab appends " AB_APPENDED_FLAGS ")",
                 side, round);
        return -1;
    }
    char why[1024];
    if (sc_results_read(r->csv, set, why, sizeof(why))) {
        snprintf(err, errlen, "the %s's command, round %zu, wrote a CSV that is not the kit's: %s",
                 side, round, why);
        return -1;
    }
    if (set->n == 0) {
        snprintf(err, errlen, "the %s's command selected no case in round %zu", side, round);
        return -1;
    }
    for (size_t i = 0; i < set->n; i++)
        if (set->rows[i].n_samples == 0) {
            snprintf(err, errlen,
                     "the %s's CSV, round %zu: case %s has no per-repeat samples (no 'samples' "
                     "column): is it a syscost benchmark program?",
                     side, round, set->rows[i].test);
            return -1;
        }
    return 0;
}
