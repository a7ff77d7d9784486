/* The signals that end a bench command from outside: SIGINT (Ctrl-C),
 * SIGTERM, SIGHUP (a dropped ssh session) and SIGPIPE (`bench ... | head`).
 * A command that stages files catches them, removes what it staged, and
 * dies of the same signal, so the caller sees the usual status and the
 * previous outputs stay as they were. The temporary files of atomic files
 * (<syscost/atomic_file.h>) are always removed; a command adds only what
 * that facility does not hold (bench plot's staging folder, gnuplot). */
#ifndef BENCH_SIGNALS_H
#define BENCH_SIGNALS_H

#include <signal.h>

/* From now on, each of the four signals runs cleanup (NULL: none; else
 * async-signal-safe calls only: unlink, rmdir, kill, waitpid), removes the
 * atomic files' temporary files and then ends the process.
 * A signal the process inherited as ignored (nohup) stays ignored. */
void bench_signals_catch(void (*cleanup)(void));

/* The actions from before bench_signals_catch again. */
void bench_signals_default(void);

/* Holds the four signals back, for steps that must finish once begun (two
 * renames that publish a pair); bench_signals_release delivers any that
 * came meanwhile. */
void bench_signals_hold(sigset_t *saved);
void bench_signals_release(const sigset_t *saved);

#endif
