#include "progress.h"

#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#define REDRAW_NS 250000000u /* four draws a second at most: the terminal that reads
                                  * each one wakes beside the next repeat */

static uint64_t mono_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void put(struct sc_progress *p, const char *buf, size_t n)
{
    p->writes++;
    ssize_t w = write(STDERR_FILENO, buf, n);
    (void)w; /* a progress line that cannot be drawn is not worth a word */
}

/* "42s", "3m05s", "1h02m" */
static void duration(uint64_t ns, char *buf, size_t len)
{
    uint64_t s = (ns + 500000000u) / 1000000000u;
    if (s < 60)
        snprintf(buf, len, "%us", (unsigned)s);
    else if (s < 3600)
        snprintf(buf, len, "%um%02us", (unsigned)(s / 60), (unsigned)(s % 60));
    else
        snprintf(buf, len, "%uh%02um", (unsigned)(s / 3600), (unsigned)(s / 60 % 60));
}

/* One write: back to the line's start, the text, and blanks over whatever
 * a longer line left (no escape sequence, so a dumb terminal shows it too).
 * `head` says where the run is ("case 3/31 NAME: repeat 4/10"). */
static void draw_line(struct sc_progress *p, const char *head, uint64_t now, uint64_t eta_ns,
                      bool eta_known)
{
    char elapsed[16], eta[16], line[512];
    duration(now - p->start_ns, elapsed, sizeof(elapsed));
    duration(eta_ns, eta, sizeof(eta));
    int n = snprintf(line + 1, sizeof(line) - 1, "%s, %s elapsed%s%s", head, elapsed,
                     eta_known ? ", ETA " : "", eta_known ? eta : "");
    size_t len = n < 0 ? 0 : (size_t)n;
    size_t room = p->width > 1 ? p->width - 1 : 1; /* the last column would wrap */
    if (len > room)
        len = room;
    if (len > sizeof(line) - 2)
        len = sizeof(line) - 2;
    line[0] = '\r';
    size_t total = 1 + len;
    while (total - 1 < p->shown && total < sizeof(line))
        line[total++] = ' ';
    put(p, line, total);
    p->shown = len;
    p->last_draw_ns = now;
}

static void draw(struct sc_progress *p, const char *what, uint64_t now, uint64_t eta_ns, bool eta_known)
{
    char head[384];
    snprintf(head, sizeof(head), "case %zu/%zu %s: %s", p->case_no, p->n_cases, p->name, what);
    draw_line(p, head, now, eta_ns, eta_known);
}

void sc_progress_init(struct sc_progress *p, bool want, size_t n_cases)
{
    memset(p, 0, sizeof(*p));
    p->on = want && isatty(STDERR_FILENO);
    p->n_cases = n_cases;
    p->start_ns = mono_ns();
    struct winsize ws;
    p->width = ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col ? ws.ws_col : 80;
}

/* The cases after this one, each as long as the finished ones were on average,
 * or as this one is expected to be while none has finished. */
static uint64_t rest_ns(const struct sc_progress *p, uint64_t this_case_ns)
{
    uint64_t each = p->finished ? p->finished_ns / p->finished : this_case_ns;
    return (uint64_t)(p->n_cases - p->case_no) * each;
}

void sc_progress_case(struct sc_progress *p, const char *name)
{
    p->case_no++;
    p->name = name;
    p->case_start_ns = mono_ns();
    if (!p->on)
        return;
    bool known = p->finished > 0;
    uint64_t each = known ? p->finished_ns / p->finished : 0;
    draw(p, "warming up", p->case_start_ns, each + rest_ns(p, each), known);
}

void sc_progress_repeat(struct sc_progress *p, uint64_t done, uint64_t total, uint64_t measured_ns)
{
    if (!p->on || !done)
        return;
    uint64_t now = mono_ns();
    if (now - p->last_draw_ns < REDRAW_NS)
        return;
    uint64_t left = (total - done) * (measured_ns / done);
    uint64_t this_case = now - p->case_start_ns + left;
    char what[64];
    snprintf(what, sizeof(what), "repeat %llu/%llu", (unsigned long long)done,
             (unsigned long long)total);
    draw(p, what, now, left + rest_ns(p, this_case), true);
}

void sc_progress_round(struct sc_progress *p, uint64_t done, uint64_t total, uint64_t rounds_ns)
{
    if (!p->on || !done)
        return;
    uint64_t now = mono_ns();
    if (now - p->last_draw_ns < REDRAW_NS)
        return;
    char head[96];
    snprintf(head, sizeof(head), "round %llu/%llu of %zu cases", (unsigned long long)done,
             (unsigned long long)total, p->n_cases);
    draw_line(p, head, now, (total - done) * (rounds_ns / done), true);
}

void sc_progress_clear(struct sc_progress *p)
{
    if (!p->on || !p->shown)
        return;
    char line[512];
    size_t n = p->shown + 2 < sizeof(line) ? p->shown + 2 : sizeof(line);
    memset(line, ' ', n);
    line[0] = line[n - 1] = '\r';
    put(p, line, n);
    p->shown = 0;
}

void sc_progress_case_done(struct sc_progress *p)
{
    p->finished_ns += mono_ns() - p->case_start_ns;
    p->finished++;
    sc_progress_clear(p);
}
