/* --processes N: run the program N times, one process after another, and
 * pool each case's samples (see pool.h). */
#include "pool.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rounds.h"

extern char **environ;

/* SC_POOL_ENV's value: "FD,SEED,INDEX", always as wide, so no process's
 * environment is longer than another's. */
#define POOL_VALUE_FORMAT "%d,%010" PRIu32 ",%06" PRIu64

int sc_pool_child_get(struct sc_pool_child *child)
{
    const char *v = getenv(SC_POOL_ENV);
    if (!v)
        return 0;
    int fd, end = 0;
    uint32_t seed;
    uint64_t index;
    struct stat st;
    if (sscanf(v, "%d,%" SCNu32 ",%" SCNu64 "%n", &fd, &seed, &index, &end) != 3 ||
        v[end] || fd != SC_POOL_FD || fstat(fd, &st) != 0 || !S_ISFIFO(st.st_mode)) {
        fprintf(stderr, "error: %s is set in the environment, but this is not a process of a "
                        "pooled run (--processes): unset it\n", SC_POOL_ENV);
        return -1;
    }
    child->seed = seed;
    child->index = index;
    return 1;
}

void sc_pooled_cases_free(struct sc_pooled_case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(cases[i].wall_us);
        free(cases[i].cpu_us);
        free(cases[i].start_ns);
        cases[i].wall_us = cases[i].cpu_us = NULL;
        cases[i].start_ns = NULL;
    }
}

/* The parent's copy of the environment plus SC_POOL_ENV (any inherited
 * one dropped). */
static char **child_environment(char *var)
{
    size_t n = 0;
    while (environ[n])
        n++;
    char **env = malloc((n + 2) * sizeof(*env));
    if (!env)
        return NULL;
    size_t k = 0;
    const size_t key = strlen(SC_POOL_ENV);
    for (size_t i = 0; i < n; i++)
        if (strncmp(environ[i], SC_POOL_ENV, key) || environ[i][key] != '=')
            env[k++] = environ[i];
    env[k++] = var;
    env[k] = NULL;
    return env;
}

static void close_from(int first)
{
    if (close_range((unsigned)first, ~0U, 0) == 0)
        return;
    long max = sysconf(_SC_OPEN_MAX);
    for (long fd = first; fd < (max > 0 && max < 65536 ? max : 65536); fd++)
        close((int)fd);
}

/* Starts process `index` with its results pipe's write end on SC_POOL_FD.
 * Signals are blocked across fork(), so the child cannot run the parent's
 * handler; it resets them and dies with the parent. */
static pid_t spawn(const struct sc_pool_plan *plan, uint64_t index, int write_fd)
{
    char var[96];
    snprintf(var, sizeof(var), SC_POOL_ENV "=" POOL_VALUE_FORMAT, SC_POOL_FD,
             sc_process_seed(plan->seed, index), index);
    char **env = child_environment(var);
    if (!env)
        return -1;
    pid_t parent = getpid();
    sigset_t all, old;
    sigfillset(&all);
    sigprocmask(SIG_SETMASK, &all, &old);
    pid_t pid = fork();
    if (pid == 0) {
        static const int handled[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};
        for (size_t i = 0; i < sizeof(handled) / sizeof(handled[0]); i++)
            signal(handled[i], SIG_DFL);
        prctl(PR_SET_PDEATHSIG, SIGTERM, 0, 0, 0);
        if (getppid() != parent)
            _exit(128 + SIGTERM);
        if (write_fd == SC_POOL_FD)
            fcntl(SC_POOL_FD, F_SETFD, 0);
        else if (dup2(write_fd, SC_POOL_FD) < 0)
            _exit(2);
        close_from(SC_POOL_FD + 1);
        sigprocmask(SIG_SETMASK, &old, NULL);
        execve("/proc/self/exe", plan->argv, env);
        fprintf(stderr, "error: --processes: cannot start %s again (/proc/self/exe): %s\n",
                plan->argv[0], strerror(errno));
        _exit(2);
    }
    int e = errno;
    sigprocmask(SIG_SETMASK, &old, NULL);
    free(env);
    errno = e;
    return pid;
}

/* Reads the pipe to its end. A stop request is passed on to the child once;
 * the rest is still read, so the child never blocks on a full pipe. */
static int read_all(const struct sc_pool_plan *plan, int fd, pid_t pid, char **data,
                    size_t *len)
{
    size_t cap = 1 << 16;
    bool passed_on = false;
    *len = 0;
    *data = malloc(cap);
    if (!*data)
        return -1;
    for (;;) {
        if (*plan->stop && !passed_on) {
            kill(pid, *plan->stop == SIGPIPE ? SIGTERM : *plan->stop);
            passed_on = true;
        }
        if (*len + 1 == cap) {
            char *d = realloc(*data, cap * 2);
            if (!d)
                return -1;
            *data = d;
            cap *= 2;
        }
        ssize_t n = read(fd, *data + *len, cap - 1 - *len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        if (n == 0)
            break;
        *len += (size_t)n;
    }
    (*data)[*len] = '\0';
    return 0;
}

static int wait_child(const struct sc_pool_plan *plan, pid_t pid, int *status)
{
    for (;;) {
        if (waitpid(pid, status, 0) == pid)
            return 0;
        if (errno != EINTR)
            return -1;
        if (*plan->stop)
            kill(pid, *plan->stop == SIGPIPE ? SIGTERM : *plan->stop);
    }
}

/* Appends n numbers from *p (a "result" line) to v[at..at+n). */
static int take_doubles(char **p, double *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char *end;
        v[i] = strtod(*p, &end);
        if (end == *p)
            return -1;
        *p = end;
    }
    return 0;
}

static int take_u64s(char **p, uint64_t *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char *end;
        errno = 0;
        v[i] = strtoull(*p, &end, 10);
        if (end == *p || errno)
            return -1;
        *p = end;
    }
    return 0;
}

static int grow(struct sc_pooled_case *pc, size_t more)
{
    size_t n = pc->n + more;
    double *w = realloc(pc->wall_us, n * sizeof(double));
    if (w)
        pc->wall_us = w;
    double *c = realloc(pc->cpu_us, n * sizeof(double));
    if (c)
        pc->cpu_us = c;
    uint64_t *s = realloc(pc->start_ns, n * sizeof(uint64_t));
    if (s)
        pc->start_ns = s;
    return w && c && s ? 0 : -1;
}

/* Sums kept while the processes' results come in. */
struct tally {
    double calls, syscalls, self; /* syscalls are NAN once one process could not count */
    uint64_t cycles_sum, warmup_sum, processes;
};

/* Adds one "result" line of process `index` to out; msg is its message. */
static int take_result(char *line, const char *msg, uint64_t index, uint64_t processes,
                       struct sc_pooled_case *pc, struct tally *t)
{
    int outcome;
    uint64_t cycles, warmup;
    size_t n;
    int used = 0;
    if (sscanf(line, "result %d %" SCNu64 " %" SCNu64 " %zu%n", &outcome, &cycles, &warmup,
               &n, &used) != 4 || outcome < SC_OK || outcome > SC_SKIP)
        return -1;
    char *p = line + used;
    double spc[2];
    if (take_doubles(&p, spc, 2))
        return -1;
    if (outcome != SC_OK) {
        if (pc->outcome == SC_OK || (outcome == SC_FAIL && pc->outcome == SC_SKIP)) {
            pc->outcome = (enum sc_outcome)outcome;
            if (outcome == SC_FAIL && processes > 1)
                snprintf(pc->message, sizeof(pc->message), "process %" PRIu64 " of %" PRIu64
                         ": %s", index + 1, processes, msg);
            else
                snprintf(pc->message, sizeof(pc->message), "%s", msg);
        }
        return 0;
    }
    if (n == 0 || grow(pc, n))
        return -1;
    if (take_doubles(&p, pc->wall_us + pc->n, n) || take_doubles(&p, pc->cpu_us + pc->n, n) ||
        take_u64s(&p, pc->start_ns + pc->n, n) || *p)
        return -1;
    pc->n += n;
    double calls = (double)cycles * (double)n;
    t->calls += calls;
    t->syscalls += spc[0] * calls; /* NAN stays NAN */
    t->self += spc[1] * calls;
    t->cycles_sum += cycles;
    t->warmup_sum += warmup;
    t->processes++;
    return 0;
}

/* Splits the next line off *p (NUL-terminating it); NULL at the end. */
static char *next_line(char **p)
{
    if (!**p)
        return NULL;
    char *line = *p, *nl = strchr(line, '\n');
    if (!nl)
        return NULL; /* a last line without its newline is a cut-off one */
    *nl = '\0';
    *p = nl + 1;
    return line;
}

/* Takes one process's results: every selected case, in order, then "end". */
static int take_process(const struct sc_pool_plan *plan, uint64_t index, char *data,
                        struct sc_pooled_case *out, struct tally *tallies)
{
    char *p = data;
    for (size_t i = 0; i < plan->n_cases; i++) {
        char *name = next_line(&p), *result = next_line(&p), *msg = next_line(&p);
        if (!name || !result || !msg || strncmp(name, "case\t", 5) ||
            strcmp(name + 5, plan->cases[i]->name) || strncmp(msg, "message\t", 8) ||
            take_result(result, msg + 8, index, plan->processes, &out[i], &tallies[i]))
            return -1;
    }
    char *end = next_line(&p);
    return end && !strcmp(end, "end") && !*p ? 0 : -1;
}

static void finish(struct sc_pooled_case *pc, const struct tally *t)
{
    if (pc->outcome != SC_OK || !t->processes)
        return;
    pc->cycles = (t->cycles_sum + t->processes / 2) / t->processes;
    pc->warmup = (t->warmup_sum + t->processes / 2) / t->processes;
    pc->syscalls_per_call = t->syscalls / t->calls;
    pc->syscalls_self_counted = t->self / t->calls;
}

static void say_how_it_ended(const struct sc_pool_plan *plan, uint64_t index, pid_t pid,
                             int status)
{
    char how[96];
    if (WIFSIGNALED(status))
        snprintf(how, sizeof(how), "was killed by signal %d (%s)", WTERMSIG(status),
                 strsignal(WTERMSIG(status)));
    else
        snprintf(how, sizeof(how), "ended with status %d", WEXITSTATUS(status));
    fprintf(stderr, "error: --processes: process %" PRIu64 " of %" PRIu64 " (pid %d) %s "
                    "before it sent all its results: no result is written\n",
            index + 1, plan->processes, (int)pid, how);
}

/* Runs process `index` to its end and adds its results. */
static int run_one(const struct sc_pool_plan *plan, uint64_t index, struct sc_pooled_case *out,
                   struct tally *tallies)
{
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
        fprintf(stderr, "error: --processes: pipe: %s\n", strerror(errno));
        return -1;
    }
    pid_t pid = spawn(plan, index, fds[1]);
    close(fds[1]);
    if (pid < 0) {
        fprintf(stderr, "error: --processes: cannot start process %" PRIu64 ": %s\n",
                index + 1, strerror(errno));
        close(fds[0]);
        return -1;
    }
    if (plan->verbose)
        fprintf(stderr, "process %" PRIu64 " of %" PRIu64 ": pid %d, seed %" PRIu32 "\n",
                index + 1, plan->processes, (int)pid, sc_process_seed(plan->seed, index));
    char *data = NULL;
    size_t len = 0;
    int read_rc = read_all(plan, fds[0], pid, &data, &len);
    int read_errno = errno;
    close(fds[0]);
    int status = 0;
    if (wait_child(plan, pid, &status) != 0) {
        fprintf(stderr, "error: --processes: waiting for process %d: %s\n", (int)pid,
                strerror(errno));
        free(data);
        return -1;
    }
    int rc = -1;
    if (*plan->stop) {
        /* The caller reports the stop. */
    } else if (read_rc != 0) {
        fprintf(stderr, "error: --processes: reading process %" PRIu64 "'s results: %s\n",
                index + 1, strerror(read_errno));
    } else if (WIFEXITED(status) && WEXITSTATUS(status) == 2) {
        /* It said what was wrong, in its one line. */
    } else if (!WIFEXITED(status) || WEXITSTATUS(status) > 1) {
        say_how_it_ended(plan, index, pid, status);
    } else if (take_process(plan, index, data, out, tallies) != 0) {
        fprintf(stderr, "error: --processes: process %" PRIu64 " of %" PRIu64 " (pid %d) sent "
                        "results this run cannot read: no result is written\n",
                index + 1, plan->processes, (int)pid);
    } else {
        rc = 0;
    }
    free(data);
    return rc;
}

int sc_pool_run(const struct sc_pool_plan *plan, struct sc_pooled_case *out)
{
    struct tally *tallies = calloc(plan->n_cases, sizeof(*tallies));
    if (!tallies) {
        fprintf(stderr, "error: out of memory\n");
        return -1;
    }
    for (size_t i = 0; i < plan->n_cases; i++)
        out[i] = (struct sc_pooled_case){.outcome = SC_OK, .syscalls_per_call = NAN,
                                         .syscalls_self_counted = NAN};
    int rc = 0;
    for (uint64_t k = 0; k < plan->processes && rc == 0; k++) {
        if (*plan->stop)
            rc = -1;
        else
            rc = run_one(plan, k, out, tallies);
    }
    for (size_t i = 0; i < plan->n_cases && rc == 0; i++)
        finish(&out[i], &tallies[i]);
    free(tallies);
    return rc;
}
