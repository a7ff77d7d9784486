#include "plot_gnuplot.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <syscost/share_dir.h>

static volatile pid_t running_child;

int plot_find_gnuplot(char *path, size_t len, char *err, size_t errlen)
{
    const char *override = getenv("BENCH_GNUPLOT");
    if (override && *override) {
        if (access(override, X_OK) == 0) {
            snprintf(path, len, "%s", override);
            return 0;
        }
        snprintf(err, errlen, "BENCH_GNUPLOT=%s is not an executable file", override);
        return -1;
    }
    const char *env = getenv("PATH");
    char dirs[4096];
    snprintf(dirs, sizeof(dirs), "%s", env ? env : "");
    for (char *save = NULL, *d = strtok_r(dirs, ":", &save); d; d = strtok_r(NULL, ":", &save)) {
        if (snprintf(path, len, "%s/gnuplot", *d ? d : ".") < (int)len && access(path, X_OK) == 0)
            return 0;
    }
    snprintf(err, errlen, "gnuplot is not installed: install gnuplot-nox "
                          "(make deps, or apt-get install gnuplot-nox)");
    return -1;
}

static int is_template_dir(const char *dir)
{
    char probe[PATH_MAX];
    snprintf(probe, sizeof(probe), "%s/style.gp", dir);
    return access(probe, R_OK) == 0;
}

int plot_find_templates(char *dir, size_t len, char *err, size_t errlen)
{
    const char *env = getenv("BENCH_PLOTS_DIR");
    if (env && *env) {
        if (is_template_dir(env)) {
            snprintf(dir, len, "%s", env);
            return 0;
        }
        snprintf(err, errlen, "BENCH_PLOTS_DIR=%s holds no gnuplot templates (style.gp is missing)", env);
        return -1;
    }
    char found[PATH_MAX];
    if (sc_find_share_dir("plots", is_template_dir, found, sizeof(found)) == 0) {
        char *real = realpath(found, NULL);
        if (real) {
            snprintf(dir, len, "%s", real);
            free(real);
            return 0;
        }
    }
    char exe[PATH_MAX];
    int known = sc_exe_dir(exe, sizeof(exe)) == 0;
    snprintf(err, errlen, "cannot find the gnuplot templates beside %s (expected "
                          "share/syscost/plots): set BENCH_PLOTS_DIR to the kit's plots/ directory",
             known ? exe : "the bench binary");
    return -1;
}

/* gnuplot echoes the offending command and a caret before its message
 * ('"hist.gp" line 12: warning: ...'): quote that message line, else the
 * first non-empty line. */
static void message_line(const char *text, char *out, size_t len)
{
    const char *pick = strstr(text, "\" line ");
    if (pick) {
        while (pick > text && pick[-1] != '\n')
            pick--;
    } else {
        pick = text;
        while (*pick == '\n' || *pick == ' ')
            pick++;
    }
    size_t n = strcspn(pick, "\n");
    snprintf(out, len, "%.*s", (int)n, pick);
}

int plot_run_gnuplot(const char *gnuplot, const char *work_dir, const char *setup,
                     const char *template_path, char *err, size_t errlen)
{
    int pipefd[2];
    if (pipe(pipefd) != 0) {
        snprintf(err, errlen, "pipe: %s", strerror(errno));
        return -1;
    }
    pid_t pid = fork();
    if (pid < 0) {
        snprintf(err, errlen, "fork: %s", strerror(errno));
        close(pipefd[0]);
        close(pipefd[1]);
        return -1;
    }
    if (pid == 0) {
        int devnull = open("/dev/null", O_RDONLY);
        if (devnull >= 0)
            dup2(devnull, STDIN_FILENO);
        dup2(pipefd[1], STDERR_FILENO);
        close(pipefd[0]);
        close(pipefd[1]);
        if (chdir(work_dir) != 0)
            _exit(126);
        execl(gnuplot, "gnuplot", "-e", setup, template_path, (char *)NULL);
        _exit(127);
    }
    running_child = pid;
    close(pipefd[1]);

    char said[8192];
    size_t used = 0;
    for (;;) {
        char chunk[1024];
        ssize_t n = read(pipefd[0], chunk, sizeof(chunk));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        size_t room = sizeof(said) - 1 - used;
        size_t take = (size_t)n < room ? (size_t)n : room;
        memcpy(said + used, chunk, take);
        used += take;
    }
    said[used] = '\0';
    close(pipefd[0]);

    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    running_child = 0;

    const char *name = strrchr(template_path, '/');
    name = name ? name + 1 : template_path;
    char line[512];
    if (WIFEXITED(status) && WEXITSTATUS(status) == 126) {
        snprintf(err, errlen, "cannot enter %s to run gnuplot", work_dir);
        return -1;
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127 && !used) {
        snprintf(err, errlen, "cannot run %s", gnuplot);
        return -1;
    }
    if (used) {
        message_line(said, line, sizeof(line));
        snprintf(err, errlen, "gnuplot on %s: %s", name, line);
        return -1;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        snprintf(err, errlen, "gnuplot on %s failed (%s %d)", name,
                 WIFEXITED(status) ? "exit status" : "signal",
                 WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
        return -1;
    }
    return 0;
}

void plot_gnuplot_kill_from_signal(void)
{
    pid_t pid = running_child;
    if (pid > 0)
        kill(pid, SIGTERM);
}
