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

#include "safe_name.h"

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

/* dir made absolute and checked for ':' (see the header). */
static int templates_dir(const char *found, char *dir, size_t len, char *err, size_t errlen)
{
    char *real = realpath(found, NULL);
    if (!real) {
        snprintf(err, errlen, "%s: %s", found, strerror(errno));
        return -1;
    }
    if (strchr(real, ':')) {
        snprintf(err, errlen, "the gnuplot templates are in %s, a path with ':', which "
                              "GNUPLOT_LIB cannot name: copy plots/ elsewhere and set BENCH_PLOTS_DIR",
                 real);
        free(real);
        return -1;
    }
    int too_long = snprintf(dir, len, "%s", real) >= (int)len;
    if (too_long)
        snprintf(err, errlen, "%s: path too long", real);
    free(real);
    return too_long ? -1 : 0;
}

int plot_find_templates(char *dir, size_t len, char *err, size_t errlen)
{
    const char *env = getenv("BENCH_PLOTS_DIR");
    if (env && *env) {
        if (is_template_dir(env))
            return templates_dir(env, dir, len, err, errlen);
        snprintf(err, errlen, "BENCH_PLOTS_DIR=%s holds no gnuplot templates (style.gp is missing)", env);
        return -1;
    }
    char found[PATH_MAX];
    if (sc_find_share_dir("plots", is_template_dir, found, sizeof(found)) == 0)
        return templates_dir(found, dir, len, err, errlen);
    char exe[PATH_MAX];
    int known = sc_exe_dir(exe, sizeof(exe)) == 0;
    snprintf(err, errlen, "cannot find the gnuplot templates beside %s (expected "
                          "share/syscost/plots): set BENCH_PLOTS_DIR to the kit's plots/ directory",
             known ? exe : "the bench binary");
    return -1;
}

/* A name spliced into the -e line, between single quotes. */
static int put_name(FILE *f, const char *what, const char *name, const char *suffix, char *err,
                    size_t errlen)
{
    if (!safe_name_check(name)) {
        snprintf(err, errlen, "internal error: unsafe %s name for gnuplot: %.100s", what, name);
        return -1;
    }
    fprintf(f, "'%s%s'", name, suffix);
    return 0;
}

char *plot_gnuplot_setup(enum plot_term term, int width, int height, int columns,
                         const char *name, const char *const *datafiles, size_t n_datafiles,
                         const char *textfile, char *err, size_t errlen)
{
    char *s = NULL;
    size_t len;
    FILE *f = open_memstream(&s, &len);
    if (!f) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    int bad = 0;
    if (!safe_name_check(name)) { /* the dumb terminal draws no file, but keep one rule */
        snprintf(err, errlen, "internal error: unsafe chart name for gnuplot: %.100s", name);
        bad = 1;
    }
    switch (term) {
    case PLOT_TERM_PNG:
    case PLOT_TERM_SVG:
        if (term == PLOT_TERM_PNG)
            fprintf(f, "set terminal pngcairo size %d,%d font 'Sans,10' noenhanced; ", width, height);
        else
            fprintf(f, "set terminal svg size %d,%d font 'Sans,10' noenhanced background '#ffffff'; ",
                    width, height);
        fputs("set output ", f);
        bad |= put_name(f, "chart", name, term == PLOT_TERM_PNG ? ".png" : ".svg", err, errlen);
        fputs("; ", f);
        break;
    default:
        fprintf(f, "set terminal dumb size %d,%d noenhanced; set output; ", columns, 32);
        break;
    }
    if (n_datafiles) {
        fputs("datafile = ", f);
        bad |= put_name(f, "data file", datafiles[0], "", err, errlen);
        fputs("; datafiles = '", f);
        for (size_t i = 0; i < n_datafiles && !bad; i++) {
            if (!safe_name_check(datafiles[i])) {
                snprintf(err, errlen, "internal error: unsafe data file name for gnuplot: %.100s",
                         datafiles[i]);
                bad = 1;
            }
            fprintf(f, "%s%s", i ? " " : "", datafiles[i]);
        }
        fputs("'; ", f);
    }
    if (textfile) {
        fputs("textfile = ", f);
        bad |= put_name(f, "text file", textfile, "", err, errlen);
        fputs("; ", f);
    }
    if (fclose(f) && !bad) {
        snprintf(err, errlen, "out of memory");
        bad = 1;
    }
    if (bad) {
        free(s);
        return NULL;
    }
    return s;
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

int plot_run_gnuplot(const char *gnuplot, const char *templates, const char *work_dir,
                     const char *setup, const char *template_path, char *err, size_t errlen)
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
        if (chdir(work_dir) != 0 || setenv("GNUPLOT_LIB", templates, 1) != 0)
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
    if (pid > 0) {
        kill(pid, SIGKILL);
        while (waitpid(pid, NULL, 0) < 0 && errno == EINTR) {
        }
    }
}
