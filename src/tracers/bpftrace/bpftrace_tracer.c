/* --profile bpftrace: one bpftrace process per --bpf script, live only
 * around a case's measured repeats.
 *
 * Each bpftrace runs in its own process group (a Ctrl-C on the terminal
 * reaches the harness, which decides how bpftrace stops) and dies with the
 * harness (PR_SET_PDEATHSIG). Its json goes through `-o` to a temporary file
 * that is renamed into place only after a clean exit; its stdout and stderr
 * go to an unlinked log file that is read back and filtered. */
#include <syscost/atomic_file.h>
#include <syscost/file_util.h>
#include <syscost/hist.h>
#include <syscost/profiler.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "profile_util.h"

#define BT_MAX_SCRIPTS 8
#define BT_ATTACH_TIMEOUT_MS 60000
/* How long a stopping bpftrace may go without visible progress. Stopping
 * takes time that grows with the machine's load: bpftrace detaches its
 * probes one by one, and each tracepoint's perf event waits for an RCU
 * grace period as it closes (~70 ms each on an idle 2-vCPU VM, so ~2.5 s
 * for syscount.bt's 33 probes; many times that under load). So the limit
 * is on a stall, not on the whole stop: every probe closed (its open files
 * drop) and every byte of output restarts it. SYSCOST_BPFTRACE_STOP_STALL_MS
 * sets another limit (the tests shorten it). */
#define BT_STOP_STALL_MS 30000
/* After a sixth of that with no progress at all, SIGINT is sent once more. */
#define BT_ASK_AGAIN_DIV 6
#define BT_LOG_MAX 65536

/* bpftrace prints this once every probe is attached (its test suite's hook;
 * present in 0.17 through current releases). */
#define BT_ATTACHED_MARKER "__BPFTRACE_NOTIFY_PROBES_ATTACHED"

struct bt_child {
    char script[64];
    pid_t pid;
    int log_fd;
    struct sc_atomic_file json; /* bpftrace writes json.tmp_path itself */
};

struct bt_state {
    size_t n;
    struct bt_child kids[BT_MAX_SCRIPTS];
};

/* ---- configuration ----------------------------------------------------- */

static int valid_script_name(const char *s, size_t n)
{
    if (n == 0 || n >= sizeof(((struct bt_child *)0)->script))
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '_' || c == '-'))
            return 0;
    }
    return 1;
}

/* Splits cfg->scripts ("syslat,writesize") into names; -1 with err set. */
static int script_names(const struct sc_profile_config *cfg,
                        char names[BT_MAX_SCRIPTS][64], size_t *count,
                        char *err, size_t errlen)
{
    const char *list = cfg->scripts && *cfg->scripts ? cfg->scripts : "syslat";
    *count = 0;
    for (const char *p = list;;) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        if (!valid_script_name(p, n)) {
            snprintf(err, errlen, "--bpf: '%.*s' is not a script name "
                                  "(letters, digits, '_' and '-', e.g. --bpf syslat,writesize)",
                     (int)(n > 80 ? 80 : n), p);
            return -1;
        }
        if (*count == BT_MAX_SCRIPTS) {
            snprintf(err, errlen, "--bpf: at most %d scripts at once", BT_MAX_SCRIPTS);
            return -1;
        }
        memcpy(names[*count], p, n);
        names[(*count)++][n] = '\0';
        if (!comma)
            return 0;
        p = comma + 1;
    }
}

/* $BPFTRACE, else the first bpftrace on PATH. */
static int find_bpftrace(char *buf, size_t len)
{
    const char *env = getenv("BPFTRACE");
    if (env && *env) {
        snprintf(buf, len, "%s", env);
        return access(buf, X_OK) == 0 ? 0 : -1;
    }
    const char *path = getenv("PATH");
    if (!path || !*path)
        path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    for (const char *p = path;;) {
        const char *colon = strchr(p, ':');
        int n = colon ? (int)(colon - p) : (int)strlen(p);
        if (n > 0 && snprintf(buf, len, "%.*s/bpftrace", n, p) < (int)len &&
            access(buf, X_OK) == 0)
            return 0;
        if (!colon)
            return -1;
        p = colon + 1;
    }
}

static int script_path(char *buf, size_t len, const struct sc_profile_config *cfg,
                       const char *name)
{
    int n = snprintf(buf, len, "%s/%s.bt", cfg->scripts_dir ? cfg->scripts_dir : "bpf", name);
    return n < 0 || (size_t)n >= len ? -1 : 0;
}

static int bt_check(const struct sc_profile_config *cfg, char *err, size_t errlen)
{
    char names[BT_MAX_SCRIPTS][64], path[PATH_MAX];
    size_t count;
    if (sc_trace_check_privileges(err, errlen) != 0)
        return -1;
    if (find_bpftrace(path, sizeof(path)) != 0) {
        const char *env = getenv("BPFTRACE");
        if (env && *env)
            snprintf(err, errlen, "bpftrace binary not found: BPFTRACE=%s is not an "
                                  "executable file", env);
        else
            snprintf(err, errlen, "bpftrace binary not found in PATH: install bpftrace "
                                  "(make deps) or use the dev-cuda container");
        return -1;
    }
    if (script_names(cfg, names, &count, err, errlen) != 0)
        return -1;
    for (size_t i = 0; i < count; i++) {
        if (script_path(path, sizeof(path), cfg, names[i]) != 0 || access(path, R_OK) != 0) {
            snprintf(err, errlen, "bpftrace script %s.bt not found in %s "
                                  "(point --bpf-scripts DIR or BENCH_BPF_SCRIPTS at bpf/)",
                     names[i], cfg->scripts_dir ? cfg->scripts_dir : "bpf");
            return -1;
        }
    }
    return sc_trace_ensure_tracefs(err, errlen);
}

/* ---- child processes --------------------------------------------------- */

static void sleep_ms(long ms)
{
    struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* Reads the child's whole log (NUL-terminated, truncated to BT_LOG_MAX). */
static void read_log(const struct bt_child *k, char *buf, size_t len)
{
    ssize_t n = pread(k->log_fd, buf, len - 1, 0);
    buf[n > 0 ? n : 0] = '\0';
}

/* Log lines worth showing: not the marker, not blank, not the RLIMIT_MEMLOCK
 * complaint bpftrace 0.17 prints even though the kernel charges BPF memory
 * to the cgroup and loading works. */
static int noise(const char *line, size_t n)
{
    if (n == 0)
        return 1;
    if (memmem(line, n, BT_ATTACHED_MARKER, strlen(BT_ATTACHED_MARKER)))
        return 1;
    if (memmem(line, n, "RLIMIT_MEMLOCK", 14))
        return 1;
    for (size_t i = 0; i < n; i++)
        if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
            return 0;
    return 1;
}

/* First meaningful log line, for one-line error messages. */
static void first_line(const struct bt_child *k, char *out, size_t outlen)
{
    char buf[4096];
    read_log(k, buf, sizeof(buf));
    out[0] = '\0';
    for (char *p = buf; *p;) {
        char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        if (!noise(p, n)) {
            snprintf(out, outlen, "%.*s", (int)n, p);
            return;
        }
        if (!nl)
            break;
        p = nl + 1;
    }
}

/* Passes bpftrace's own warnings on, one prefixed line each. */
static void relay_log(const struct bt_child *k)
{
    static char buf[BT_LOG_MAX];
    read_log(k, buf, sizeof(buf));
    for (char *p = buf; *p;) {
        char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        if (!noise(p, n))
            fprintf(stderr, "bpftrace %s: %.*s\n", k->script, (int)n, p);
        if (!nl)
            break;
        p = nl + 1;
    }
}

static int spawn(struct bt_child *k, const char *bpftrace, const char *script,
                 const char *comm, char *err, size_t errlen)
{
    char tmpl[] = "/tmp/syscost-bpftrace-log.XXXXXX";
    k->log_fd = mkstemp(tmpl);
    if (k->log_fd < 0) {
        snprintf(err, errlen, "cannot create a log file in /tmp: %s", strerror(errno));
        return -1;
    }
    /* Unlinked at once: nothing is left behind however the run ends. */
    unlink(tmpl);

    /* $1: the kit's own pid narrows the comm filter when pids mean the same
     * to bpftrace; inside a container's PID namespace "0" leaves only $2,
     * this run's thread name, which no other run shares. */
    char pid_arg[32];
    snprintf(pid_arg, sizeof(pid_arg), "%ld",
             sc_trace_in_init_pidns() ? (long)getpid() : 0L);
    char *argv[] = {(char *)bpftrace, "-f", "json", "-o", k->json.tmp_path,
                    (char *)script, pid_arg, (char *)comm, NULL};
    pid_t parent = getpid();
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) {
        snprintf(err, errlen, "cannot start bpftrace: fork: %s", strerror(errno));
        return -1;
    }
    if (pid == 0) {
        setpgid(0, 0);
        prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (getppid() != parent)
            _exit(127);
        int devnull = open("/dev/null", O_RDONLY);
        if (devnull >= 0)
            dup2(devnull, STDIN_FILENO);
        dup2(k->log_fd, STDOUT_FILENO);
        dup2(k->log_fd, STDERR_FILENO);
        /* The harness ignores or catches some signals; bpftrace needs the
         * defaults to stop on SIGINT and SIGTERM. */
        signal(SIGINT, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        signal(SIGPIPE, SIG_DFL);
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        setenv(BT_ATTACHED_MARKER, "1", 1);
        execv(bpftrace, argv);
        dprintf(STDERR_FILENO, "cannot run %s: %s\n", bpftrace, strerror(errno));
        _exit(127);
    }
    /* Both sides set the group, so a kill(-pid) right after fork works. */
    setpgid(pid, pid);
    k->pid = pid;
    return 0;
}

static void describe_status(int status, char *buf, size_t len)
{
    if (WIFEXITED(status))
        snprintf(buf, len, "exit status %d", WEXITSTATUS(status));
    else if (WIFSIGNALED(status))
        snprintf(buf, len, "killed by signal %d", WTERMSIG(status));
    else
        snprintf(buf, len, "status 0x%x", status);
}

/* Waits until every child printed the marker; -1 with err when one died,
 * the timeout passed or the run is being stopped. */
static int wait_attached(struct bt_state *st, const struct sc_profile_config *cfg,
                         char *err, size_t errlen)
{
    long deadline = now_ms() + BT_ATTACH_TIMEOUT_MS;
    static char buf[BT_LOG_MAX];
    for (size_t i = 0; i < st->n; i++) {
        struct bt_child *k = &st->kids[i];
        for (;;) {
            read_log(k, buf, sizeof(buf));
            if (strstr(buf, BT_ATTACHED_MARKER))
                break;
            int status;
            pid_t r = waitpid(k->pid, &status, WNOHANG);
            if (r == k->pid) {
                char how[48], line[300];
                k->pid = 0;
                describe_status(status, how, sizeof(how));
                first_line(k, line, sizeof(line));
                snprintf(err, errlen, "bpftrace %s exited before its probes were attached "
                                      "(%s): %s", k->script, how,
                         line[0] ? line : "no message");
                return -1;
            }
            if (now_ms() > deadline) {
                snprintf(err, errlen, "bpftrace %s did not attach its probes within %d s",
                         k->script, BT_ATTACH_TIMEOUT_MS / 1000);
                return -1;
            }
            if (cfg->stop && *cfg->stop) {
                snprintf(err, errlen, "stopped while bpftrace %s was attaching", k->script);
                return -1;
            }
            sleep_ms(10);
        }
    }
    return 0;
}

static void kill_and_reap(struct bt_child *k)
{
    if (k->pid > 0) {
        kill(-k->pid, SIGKILL);
        kill(k->pid, SIGKILL);
        while (waitpid(k->pid, NULL, 0) < 0 && errno == EINTR)
            ;
        k->pid = 0;
    }
}

static void bt_abort(void *state)
{
    struct bt_state *st = state;
    if (!st)
        return;
    for (size_t i = 0; i < st->n; i++) {
        struct bt_child *k = &st->kids[i];
        kill_and_reap(k);
        sc_atomic_abort(&k->json);
        if (k->log_fd >= 0)
            close(k->log_fd);
        k->log_fd = -1;
    }
    free(st);
}

static int bt_begin(void **state, const char *case_name,
                    const struct sc_profile_config *cfg, char *err, size_t errlen)
{
    char names[BT_MAX_SCRIPTS][64], bpftrace[PATH_MAX], script[PATH_MAX],
        json_path[PATH_MAX];
    size_t count;
    *state = NULL;
    if (script_names(cfg, names, &count, err, errlen) != 0)
        return -1;
    if (find_bpftrace(bpftrace, sizeof(bpftrace)) != 0) {
        snprintf(err, errlen, "bpftrace binary not found");
        return -1;
    }
    struct bt_state *st = calloc(1, sizeof(*st));
    if (!st) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    for (size_t i = 0; i < count; i++) {
        struct bt_child *k = &st->kids[i];
        snprintf(k->script, sizeof(k->script), "%s", names[i]);
        k->log_fd = -1;
        st->n = i + 1;
        if (sc_trace_artifact_path(json_path, sizeof(json_path), cfg->artifact_dir,
                                   case_name, names[i], "json") != 0 ||
            script_path(script, sizeof(script), cfg, names[i]) != 0) {
            snprintf(err, errlen, "artifact path for %s is too long", names[i]);
            goto fail;
        }
        if (sc_atomic_open(&k->json, json_path, err, errlen) != 0)
            goto fail;
        if (!k->json.tmp_path) {
            snprintf(err, errlen, "%s must be a regular file or absent", json_path);
            goto fail;
        }
        if (spawn(k, bpftrace, script, cfg->measure_comm, err, errlen) != 0)
            goto fail;
        if (cfg->verbose)
            fprintf(stderr, "bpftrace %s: started (pid %ld), waiting for its probes\n",
                    k->script, (long)k->pid);
    }
    if (wait_attached(st, cfg, err, errlen) != 0)
        goto fail;
    *state = st;
    return 0;
fail:
    bt_abort(st);
    return -1;
}

/* What a stopping bpftrace has done so far: its open files (one per
 * attached probe, closed as it detaches) and the output it has written.
 * Changes while it makes progress; -1 when it cannot be read. */
static long long stop_progress(const struct bt_child *k)
{
    char path[64];
    snprintf(path, sizeof(path), "/proc/%ld/fd", (long)k->pid);
    DIR *d = opendir(path);
    if (!d)
        return -1;
    long long mark = 0;
    while (readdir(d))
        mark++;
    closedir(d);
    struct stat sb;
    if (fstat(k->log_fd, &sb) == 0)
        mark += (long long)sb.st_size << 20;
    if (stat(k->json.tmp_path, &sb) == 0)
        mark += (long long)sb.st_size << 40;
    return mark;
}

/* Where a stalled child is, for the error line: its state, the kernel
 * function it sleeps in, its open files. E.g. "state S in ep_poll, 41 open
 * files" (still in its event loop: it missed the SIGINT) or "state D in
 * ..., 0 open files" (exiting, its files being closed by the kernel). */
static void describe_stall(const struct bt_child *k, char *buf, size_t len)
{
    char path[64], wchan[64] = "?", stat[512] = "";
    long files = -1;
    FILE *f;
    snprintf(path, sizeof(path), "/proc/%ld/wchan", (long)k->pid);
    if ((f = fopen(path, "r"))) {
        if (!fgets(wchan, sizeof(wchan), f) || !wchan[0])
            snprintf(wchan, sizeof(wchan), "?");
        fclose(f);
    }
    snprintf(path, sizeof(path), "/proc/%ld/stat", (long)k->pid);
    if ((f = fopen(path, "r"))) {
        if (!fgets(stat, sizeof(stat), f))
            stat[0] = '\0';
        fclose(f);
    }
    const char *paren = strrchr(stat, ')');
    char state = paren && paren[1] == ' ' ? paren[2] : '?';
    snprintf(path, sizeof(path), "/proc/%ld/fd", (long)k->pid);
    DIR *d = opendir(path);
    if (d) {
        files = 0;
        struct dirent *e;
        while ((e = readdir(d)))
            files += e->d_name[0] != '.';
        closedir(d);
    }
    snprintf(buf, len, "state %c in %s, %ld open files", state, wchan, files);
}

static long stop_stall_ms(void)
{
    const char *env = getenv("SYSCOST_BPFTRACE_STOP_STALL_MS");
    char *end;
    long v = env && *env ? strtol(env, &end, 10) : 0;
    return env && *env && !*end && v > 0 ? v : BT_STOP_STALL_MS;
}

/* Waits for a child sent SIGINT (bpftrace then detaches and prints its
 * maps) and checks that it exited cleanly. Gives up only when it has made
 * no progress for the stall limit. */
static int stop_child(struct bt_child *k, char *err, size_t errlen)
{
    long stall = stop_stall_ms();
    long start = now_ms(), deadline = start + stall;
    long long mark = stop_progress(k), first_mark = mark;
    bool asked_again = false;
    int status;
    for (;;) {
        pid_t r = waitpid(k->pid, &status, WNOHANG);
        if (r == k->pid)
            break;
        if (r < 0 && errno != EINTR) {
            snprintf(err, errlen, "bpftrace %s: waitpid: %s", k->script, strerror(errno));
            k->pid = 0;
            return -1;
        }
        long long now_mark = stop_progress(k);
        if (now_mark != mark) {
            mark = now_mark;
            deadline = now_ms() + stall;
        }
        /* Nothing at all since the SIGINT (a stopping bpftrace closes its
         * first probe within ~0.1 s even under load): the signal was lost
         * between its loop's check and its wait. Asked once more, and only
         * then: a second SIGINT while it prints would cut its output. */
        if (!asked_again && mark == first_mark && now_ms() - start > stall / BT_ASK_AGAIN_DIV) {
            kill(k->pid, SIGINT);
            asked_again = true;
        }
        if (now_ms() > deadline) {
            char where[160];
            describe_stall(k, where, sizeof(where));
            kill_and_reap(k);
            snprintf(err, errlen, "bpftrace %s made no progress stopping for %ld s after SIGINT "
                                  "(no probe detached, no output%s; it was %s): killed it",
                     k->script, (stall + 999) / 1000,
                     asked_again && mark == first_mark ? ", asked twice" : "", where);
            return -1;
        }
        sleep_ms(5);
    }
    k->pid = 0;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        char how[48], line[300];
        describe_status(status, how, sizeof(how));
        first_line(k, line, sizeof(line));
        snprintf(err, errlen, "bpftrace %s failed (%s): %s", k->script, how,
                 line[0] ? line : "no message");
        return -1;
    }
    return 0;
}

static int publish(struct bt_child *k, const char *case_name,
                   const struct sc_profile_config *cfg, char *err, size_t errlen)
{
    char txt_path[PATH_MAX], title[96], why[PATH_MAX + 200];
    char *buf = NULL;
    size_t len = 0;
    struct sc_hist_set set;
    if (sc_read_input(k->json.tmp_path, &buf, &len, why, sizeof(why)) != 0) {
        snprintf(err, errlen, "bpftrace output %s", why);
        return -1;
    }
    /* Errors name the final path: that is the file a person will open. */
    int rc = sc_hist_read_buf(buf, len, k->json.path, &set, err, errlen);
    free(buf);
    if (rc != 0)
        return -1;
    rc = sc_trace_artifact_path(txt_path, sizeof(txt_path), cfg->artifact_dir,
                                case_name, k->script, "txt");
    if (rc == 0)
        rc = sc_atomic_commit(&k->json, err, errlen);
    else
        snprintf(err, errlen, "artifact path for %s is too long", k->script);
    snprintf(title, sizeof(title), "bpftrace %s", k->script);
    if (rc == 0)
        rc = sc_trace_publish_text(&set, txt_path, case_name, title, err, errlen);
    sc_hist_free(&set);
    return rc;
}

static int bt_end(void *state, const char *case_name,
                  const struct sc_profile_config *cfg, char *err, size_t errlen)
{
    struct bt_state *st = state;
    int rc = 0;
    /* SIGINT to all first: they then flush their maps in parallel. */
    for (size_t i = 0; i < st->n; i++)
        if (st->kids[i].pid > 0)
            kill(st->kids[i].pid, SIGINT);
    for (size_t i = 0; i < st->n && rc == 0; i++) {
        struct bt_child *k = &st->kids[i];
        rc = stop_child(k, err, errlen);
        if (rc == 0)
            relay_log(k);
        if (rc == 0)
            rc = publish(k, case_name, cfg, err, errlen);
    }
    bt_abort(st); /* reaps whatever is left after a failure; frees */
    return rc;
}

const struct sc_profiler sc_profiler_bpftrace = {
    .name = "bpftrace",
    .check = bt_check,
    .begin = bt_begin,
    .end = bt_end,
    .abort = bt_abort,
};
