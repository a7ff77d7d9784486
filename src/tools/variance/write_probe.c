/* Where does the level of a write() come from? Measures write(/dev/null,
 * 1024 bytes) in consecutive windows of about 80 ms and prints each
 * window's median (ns per call) and the CPU it ended on, in one of these
 * settings:
 *   same        one thread, one fd, window after window: what changes over
 *               time with nothing else changed
 *   thread      each window on a new thread (new kernel stack, new stack
 *               address), the main thread waiting
 *   fd          each window on a freshly opened /dev/null
 *   fork        each window in a forked child
 *   idle-shared one idle thread beside the measuring one, sharing the fd table
 *   idle-own    one idle thread that took a table of its own (close_range
 *               CLOSE_RANGE_UNSHARE), as the demo's reader threads do
 * Usage: write_probe SETTING WINDOWS     (docs/CPU_GUIDE.md, "One process is
 * one sample", shows what it found). Take the CPU lock around it. */
#include <errno.h>
#include <fcntl.h>
#include <linux/close_range.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <syscost/stats.h>

enum { CALLS = 50000, REPEATS = 9, BYTES = 1024 };

static char buf[BYTES];
static int fd;

static uint64_t now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

/* The median of REPEATS timings of CALLS writes: one window. */
static double window(void)
{
    double s[REPEATS];
    for (int r = 0; r < REPEATS; r++) {
        uint64_t t0 = now_ns();
        for (int i = 0; i < CALLS; i++)
            if (write(fd, buf, BYTES) != BYTES) {
                perror("write(/dev/null)");
                exit(1);
            }
        s[r] = (double)(now_ns() - t0) / CALLS;
    }
    qsort(s, REPEATS, sizeof(s[0]), sc_cmp_double);
    return s[REPEATS / 2];
}

static double thread_result;

static void *window_thread(void *arg)
{
    (void)arg;
    thread_result = window();
    return NULL;
}

static int idle_pipe[2];

static void *idle_thread(void *own_table)
{
    if (own_table && close_range((unsigned)idle_pipe[0] + 1, ~0U, CLOSE_RANGE_UNSHARE) != 0)
        perror("close_range(CLOSE_RANGE_UNSHARE)");
    char c;
    while (read(idle_pipe[0], &c, 1) < 0 && errno == EINTR)
        ;
    return NULL;
}

static double forked_window(void)
{
    int p[2];
    double v = 0;
    if (pipe(p) != 0)
        return 0;
    pid_t c = fork();
    if (c == 0) {
        double x = window();
        ssize_t n = write(p[1], &x, sizeof(x));
        _exit(n == (ssize_t)sizeof(x) ? 0 : 1);
    }
    if (read(p[0], &v, sizeof(v)) != (ssize_t)sizeof(v))
        v = 0;
    waitpid(c, NULL, 0);
    close(p[0]);
    close(p[1]);
    return v;
}

int main(int argc, char **argv)
{
    static const char *const settings[] = {"same", "thread", "fd", "fork", "idle-shared",
                                           "idle-own"};
    int setting = -1, windows = argc == 3 ? atoi(argv[2]) : 0;
    for (int i = 0; argc == 3 && i < 6; i++)
        if (!strcmp(argv[1], settings[i]))
            setting = i;
    if (setting < 0 || windows < 1) {
        fprintf(stderr, "usage: %s same|thread|fd|fork|idle-shared|idle-own WINDOWS\n", argv[0]);
        return 2;
    }
    fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (fd < 0 || pipe(idle_pipe) != 0) {
        perror("open(/dev/null) or pipe");
        return 1;
    }
    if (setting >= 4) {
        pthread_t t;
        pthread_create(&t, NULL, idle_thread, setting == 5 ? (void *)1 : NULL);
        usleep(10000);
    }
    window(); /* warm up */
    for (int k = 0; k < windows; k++) {
        double v;
        if (setting == 1) {
            pthread_t t;
            pthread_create(&t, NULL, window_thread, NULL);
            pthread_join(t, NULL);
            v = thread_result;
        } else if (setting == 2) {
            close(fd);
            fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
            v = window();
        } else if (setting == 3) {
            v = forked_window();
        } else {
            v = window();
        }
        printf("%.1f@cpu%d%s", v, sched_getcpu(), k + 1 < windows ? " " : "\n");
        fflush(stdout);
    }
    return 0;
}
