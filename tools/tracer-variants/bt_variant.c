/* A bpftrace script as a variant: started the way the kit's harness starts
 * it (bpftrace SCRIPT PID COMM, the probes-attached marker awaited), stopped
 * with SIGINT after the measurement, its printed maps read back for the
 * write() count. */
#include "bt_variant.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* bpftrace prints this once every probe is attached (0.17 and later). */
#define BT_ATTACHED_MARKER "__BPFTRACE_NOTIFY_PROBES_ATTACHED"
#define BT_ATTACH_TIMEOUT_S 60
#define BT_STOP_TIMEOUT_S 30
/* bpftrace still sets up after the marker: let it finish first. */
#define BT_SETTLE_MS 200
#define BT_OUTPUT_MAX (1 << 20)

static char *read_all(int fd)
{
    static char buf[BT_OUTPUT_MAX];
    ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
    buf[n > 0 ? n : 0] = '\0';
    return buf;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

int bt_start(struct bt_run *b, const char *bpftrace, const char *script, const char *comm,
             char *err, size_t errlen)
{
    char tmpl[] = "/tmp/tracer-variants-bt.XXXXXX", pid_arg[24];
    cpu_set_t others, ours;

    memset(b, 0, sizeof(*b));
    b->out_fd = mkstemp(tmpl);
    if (b->out_fd < 0) {
        snprintf(err, errlen, "cannot create a file in /tmp: %s", strerror(errno));
        return -1;
    }
    unlink(tmpl);
    snprintf(pid_arg, sizeof(pid_arg), "%ld", (long)getpid());
    char *argv[] = {(char *)bpftrace, (char *)script, pid_arg, (char *)comm, NULL};
    /* Off the measured CPU(s) where there are others: its own polling and
     * printing must not land inside the measurement. */
    CPU_ZERO(&others);
    if (sched_getaffinity(0, sizeof(ours), &ours) == 0)
        for (long c = 0; c < sysconf(_SC_NPROCESSORS_ONLN) && c < CPU_SETSIZE; c++)
            if (!CPU_ISSET(c, &ours))
                CPU_SET(c, &others);
    fflush(stdout);
    b->pid = fork();
    if (b->pid < 0) {
        snprintf(err, errlen, "fork: %s", strerror(errno));
        return -1;
    }
    if (b->pid == 0) {
        if (CPU_COUNT(&others))
            sched_setaffinity(0, sizeof(others), &others);
        prctl(PR_SET_PDEATHSIG, SIGTERM);
        dup2(b->out_fd, STDOUT_FILENO);
        dup2(b->out_fd, STDERR_FILENO);
        setenv(BT_ATTACHED_MARKER, "1", 1);
        execvp(bpftrace, argv);
        dprintf(STDERR_FILENO, "cannot run %s: %s\n", bpftrace, strerror(errno));
        _exit(127);
    }
    for (long waited = 0;; waited += 10) {
        int status;
        if (strstr(read_all(b->out_fd), BT_ATTACHED_MARKER)) {
            sleep_ms(BT_SETTLE_MS);
            return 0;
        }
        if (waitpid(b->pid, &status, WNOHANG) == b->pid) {
            b->pid = 0;
            snprintf(err, errlen, "bpftrace %s exited before attaching: %.300s", script,
                     read_all(b->out_fd));
            return -1;
        }
        if (waited > BT_ATTACH_TIMEOUT_S * 1000L) {
            snprintf(err, errlen, "bpftrace %s did not attach within %d s", script,
                     BT_ATTACH_TIMEOUT_S);
            return -1;
        }
        sleep_ms(10);
    }
}

/* The calls in a printed map entry: the sum of a histogram's buckets
 * ("[128, 256)   167964 |@@@|") or a count ("@syscalls[write]: 512000"). */
static long long entry_total(const char *out, const char *entry)
{
    size_t len = strlen(entry);
    const char *p = out;
    while ((p = strstr(p, entry)) && !(p == out || p[-1] == '\n'))
        p += len;
    if (!p || p[len] != ':')
        return -1;
    for (p += len + 1; *p == ' '; p++) {
    }
    if (*p >= '0' && *p <= '9')
        return strtoll(p, NULL, 10);
    long long sum = 0;
    for (p = strchr(p, '\n'); p && p[1] == '['; p = strchr(p + 1, '\n')) {
        const char *close = strpbrk(p + 1, ")]");
        if (!close)
            break;
        sum += strtoll(close + 1, NULL, 10);
    }
    return sum;
}

int bt_stop(struct bt_run *b, long long *write_calls, char *err, size_t errlen)
{
    int status = 0;

    *write_calls = -1;
    /* bpftrace 0.17 now and then misses a SIGINT that comes right after its
     * probes are attached: when it has printed nothing 3 s after one, ask
     * again. (Asking while it prints its maps would kill it.) */
    size_t printed = strlen(read_all(b->out_fd));
    for (long waited = 0, asked = -1; b->pid > 0; waited += 10) {
        if (asked < 0 || (waited - asked >= 3000 && strlen(read_all(b->out_fd)) == printed)) {
            kill(b->pid, SIGINT);
            asked = waited;
        }
        if (waitpid(b->pid, &status, WNOHANG) == b->pid) {
            b->pid = 0;
            break;
        }
        if (waited > BT_STOP_TIMEOUT_S * 1000L) {
            snprintf(err, errlen, "bpftrace did not stop within %d s of SIGINT",
                     BT_STOP_TIMEOUT_S);
            return -1;
        }
        sleep_ms(10);
    }
    const char *out = read_all(b->out_fd);
    close(b->out_fd);
    b->out_fd = -1;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        snprintf(err, errlen, "bpftrace ended badly (status 0x%x): %.300s", status, out);
        return -1;
    }
    *write_calls = entry_total(out, "@syscall_lat_ns[write]");
    if (*write_calls < 0)
        *write_calls = entry_total(out, "@syscalls[write]");
    return 0;
}

void bt_kill(struct bt_run *b)
{
    if (b->pid > 0) {
        kill(b->pid, SIGKILL);
        while (waitpid(b->pid, NULL, 0) < 0 && errno == EINTR) {
        }
        b->pid = 0;
    }
    if (b->out_fd >= 0)
        close(b->out_fd);
    b->out_fd = -1;
}
