#include "bench_signals.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>

#include <syscost/atomic_file.h>

static const int caught[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};
#define N_CAUGHT (sizeof(caught) / sizeof(caught[0]))

static void (*volatile on_exit_cleanup)(void);
static struct sigaction before[N_CAUGHT];
static int installed[N_CAUGHT];

static void handler(int sig)
{
    int saved = errno;
    void (*cleanup)(void) = on_exit_cleanup;
    if (cleanup)
        cleanup();
    sc_atomic_abort_all_from_signal();
    /* Die of the signal itself: it is blocked while this handler runs and
     * is delivered, with the default action, when it returns. */
    signal(sig, SIG_DFL);
    raise(sig);
    errno = saved;
}

void bench_signals_catch(void (*cleanup)(void))
{
    on_exit_cleanup = cleanup;
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = handler;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < N_CAUGHT; i++)
        sigaddset(&sa.sa_mask, caught[i]); /* one cleanup at a time */
    for (size_t i = 0; i < N_CAUGHT; i++) {
        /* A signal ignored by whoever started us (nohup) stays ignored. */
        installed[i] = sigaction(caught[i], NULL, &before[i]) == 0 &&
                       before[i].sa_handler != SIG_IGN && sigaction(caught[i], &sa, NULL) == 0;
    }
}

void bench_signals_default(void)
{
    for (size_t i = 0; i < N_CAUGHT; i++)
        if (installed[i]) {
            sigaction(caught[i], &before[i], NULL);
            installed[i] = 0;
        }
    on_exit_cleanup = NULL;
}

void bench_signals_hold(sigset_t *saved)
{
    sigset_t set;
    sigemptyset(&set);
    for (size_t i = 0; i < N_CAUGHT; i++)
        sigaddset(&set, caught[i]);
    sigprocmask(SIG_BLOCK, &set, saved);
}

void bench_signals_release(const sigset_t *saved)
{
    sigprocmask(SIG_SETMASK, saved, NULL);
}
