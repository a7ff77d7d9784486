/* sc_main: select cases, calibrate, warm up, measure, report. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

#include <syscost/atomic_file.h>
#include <syscost/file_util.h>
#include <syscost/filter.h>
#include <syscost/harness.h>
#include <syscost/profiler.h>
#include <syscost/results.h>
#include <syscost/share_dir.h>
#include <syscost/stats.h>
#include <syscost/units.h>

#include "env.h"
#include "options.h"
#include "pool.h"
#include "progress.h"
#include "reporter.h"
#include "rounds.h"
#include "syscall_counter.h"

#ifndef SYSCOST_SOURCE_DIR
#define SYSCOST_SOURCE_DIR ""
#endif

enum { EXIT_CASE_FAILED = 1, EXIT_USAGE = 2 };

/* Ctrl-C, kill, a dropped ssh session, a closed output pipe: each stops the
 * run the same way, with every previous output left as it was. */
static const int stop_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};

static volatile sig_atomic_t stop_signal;

/* The first signal asks the runner to stop: it sees the flag within a chunk
 * of calls (a few ms), unwinds and removes its temporary files. A second
 * one (say Ctrl-C pressed twice) ends the process at once, still without
 * leaving a temporary file; tracers die with it (PR_SET_PDEATHSIG, and BPF
 * programs with their file descriptors). SIGPIPE repeats by itself on every
 * write to the closed pipe, so it never counts as a second request. */
static void on_stop_signal(int sig)
{
    if (stop_signal && sig != SIGPIPE) {
        sc_atomic_abort_all_from_signal();
        _exit(128 + sig);
    }
    if (!stop_signal)
        stop_signal = sig;
}

/* No SA_RESTART: a blocking wait (for bpftrace, a pipe) returns EINTR and
 * the runner unwinds instead of hanging. */
static void install_signal_handlers(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof(stop_signals) / sizeof(stop_signals[0]); i++)
        sigaction(stop_signals[i], &sa, NULL);
}

static const char *stop_signal_name(int sig)
{
    switch (sig) {
    case SIGINT: return "SIGINT";
    case SIGTERM: return "SIGTERM";
    case SIGHUP: return "SIGHUP";
    case SIGPIPE: return "SIGPIPE (the output pipe was closed)";
    default: return "a signal";
    }
}

enum sc_outcome sc_fail(struct sc_status *st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(st->msg, sizeof(st->msg), fmt, ap);
    va_end(ap);
    return SC_FAIL;
}

enum sc_outcome sc_skip(struct sc_status *st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(st->msg, sizeof(st->msg), fmt, ap);
    va_end(ap);
    return SC_SKIP;
}

/* Per thread, so a case's helper threads cannot add to the measured count. */
static _Thread_local uint64_t self_counted_syscalls;

void sc_count_syscalls(uint64_t n)
{
    self_counted_syscalls += n;
}

static uint64_t now_ns(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Every phase runs its calls in chunks of about CHUNK_NS and looks at the
 * stop flag between chunks, so a stop request waits a chunk, not a repeat.
 * The chunk size is learned from the case's first calls, in whichever phase
 * makes them (calibration, else the warmup, else the first measured repeat):
 * growing batches (1, 10, 100, ... calls), timed with the vDSO clock, until
 * one lasts PROBE_NS. Learning adds no call: --cycles 500 --warmup 0 makes
 * exactly 500 calls per repeat. From then on a repeat reads the clock only
 * at its start and end. */
#define CHUNK_NS 5e6
#define PROBE_NS 1e6
/* Longer than this per repeat (or for the warmup) is a typo, not a plan. */
#define MAX_PHASE_NS (600 * 1e9)

/* The harness's own view of a case while it runs. */
struct case_run {
    const struct sc_case *c;
    const struct sc_options *opt;
    void *state;
    bool set_up;         /* setup succeeded, teardown not yet run */
    enum sc_outcome out; /* SC_OK while the case goes on */
    struct sc_status st;
    uint64_t cycles, warmup;
    uint64_t chunk;      /* calls between two looks at the stop flag; 0: learning */
    uint64_t learn_n;    /* the next learning batch */
    double batch_ns;     /* how long the last learning batch took */
    double per_call_ns;  /* from that batch, or from calibration */
    double fastest_ns;   /* the fastest learning batch, per call: a preempted or
                          * cold batch cannot inflate it */
    bool refused;        /* --cycles or --warmup would run too long */
    char refusal[256];
    double *wall_us, *cpu_us; /* per call, one per repeat */
    uint64_t *start_ns;       /* when each repeat began (CLOCK_MONOTONIC) */
    size_t done;
    /* --profile-pairs: the untraced repeats, kept as the above are. */
    double *off_wall_us, *off_cpu_us;
    uint64_t *off_start_ns;
    size_t off_done;
    uint64_t measured_ns;     /* the measured repeats' time, together */
    bool counted;             /* the kernel counter saw every repeat so far */
    uint64_t kernel_syscalls; /* what it saw, over the measured repeats */
    uint64_t self_syscalls;   /* what the case counted itself, over them */
    double syscalls_per_call;
    double syscalls_self_counted; /* per call, included in syscalls_per_call */
};

/* Refuses a --cycles or --warmup that would run for more than MAX_PHASE_NS
 * even at the fastest pace seen while learning: true with msg filled. */
static bool phase_too_long(const struct case_run *cr, char *msg, size_t len)
{
    const struct sc_options *o = cr->opt;
    const double per_call = cr->fastest_ns;
    const char *flag = NULL;
    uint64_t calls = 0;
    if (o->cycles && (double)o->cycles * per_call > MAX_PHASE_NS) {
        flag = "--cycles";
        calls = o->cycles;
    } else if (o->warmup >= 0 && (double)o->warmup * per_call > MAX_PHASE_NS) {
        flag = "--warmup";
        calls = (uint64_t)o->warmup;
    }
    if (!flag)
        return false;
    uint64_t fits = (uint64_t)(MAX_PHASE_NS / per_call);
    char total[32], each[32];
    sc_format_time_us((double)calls * per_call / 1e3, total, sizeof(total));
    sc_format_time_us(per_call / 1e3, each, sizeof(each));
    snprintf(msg, len, "%s %" PRIu64 ": %s would take at least %s at %s per call, over the "
                       "%.0f minutes allowed: use %s %" PRIu64 " or fewer",
             flag, calls, !strcmp(flag, "--cycles") ? "one repeat" : "the warmup", total,
             each, MAX_PHASE_NS / 60e9, flag, fits ? fits : 1);
    return true;
}

static void set_per_call(struct case_run *cr, double per_call_ns)
{
    cr->per_call_ns = per_call_ns;
    double chunk = per_call_ns > 0 ? CHUNK_NS / per_call_ns : (double)UINT64_MAX;
    cr->chunk = chunk < 1 ? 1 : chunk >= (double)UINT64_MAX ? UINT64_MAX : (uint64_t)chunk;
}

/* One learning batch of n calls took dt ns. A batch that lasts PROBE_NS
 * fixes the chunk size; until then batches grow so that none lasts much
 * over twice PROBE_NS, and a stop request is seen quickly here too. */
static void learn(struct case_run *cr, uint64_t n, uint64_t dt)
{
    double per_call = (double)dt / (double)n;
    if (per_call < cr->fastest_ns)
        cr->fastest_ns = per_call;
    cr->batch_ns = (double)dt;
    if (dt >= PROBE_NS || n >= (UINT64_C(1) << 32)) {
        set_per_call(cr, per_call);
        cr->refused = phase_too_long(cr, cr->refusal, sizeof(cr->refusal));
    } else if (n == cr->learn_n) {
        cr->learn_n *= dt * 100 < PROBE_NS ? 10 : 2;
    }
}

/* Runs exactly `calls` calls in chunks (learning batches until the chunk
 * size is known). Stops early, with SC_OK, only on a stop request or a
 * refusal; the caller checks stop_signal and cr->refused. */
static enum sc_outcome run_calls(struct case_run *cr, uint64_t calls)
{
    while (calls > 0 && !stop_signal && !cr->refused) {
        uint64_t n = cr->chunk ? cr->chunk : cr->learn_n;
        if (n > calls)
            n = calls;
        uint64_t t0 = cr->chunk ? 0 : now_ns(CLOCK_MONOTONIC);
        enum sc_outcome o = cr->c->run(cr->c, cr->state, n, &cr->st);
        if (o != SC_OK)
            return o;
        if (!cr->chunk)
            learn(cr, n, now_ns(CLOCK_MONOTONIC) - t0);
        calls -= n;
    }
    return SC_OK;
}

/* Picks cycles so that one repeat lasts about min_time_ms, from a sample of
 * at least a tenth of that (run in chunks, like a repeat). */
static enum sc_outcome calibrate(struct case_run *cr)
{
    const double target_ns = cr->opt->min_time_ms * 1e6;
    enum sc_outcome out = SC_OK;
    while (!cr->chunk && out == SC_OK && !stop_signal && !cr->refused)
        out = run_calls(cr, cr->learn_n);
    if (out != SC_OK || stop_signal || cr->refused)
        return out;
    if (cr->batch_ns < target_ns / 10 && cr->per_call_ns > 0) {
        uint64_t n = (uint64_t)(target_ns / 10 / cr->per_call_ns) + 1;
        uint64_t t0 = now_ns(CLOCK_MONOTONIC);
        out = run_calls(cr, n);
        uint64_t dt = now_ns(CLOCK_MONOTONIC) - t0;
        if (out != SC_OK || stop_signal)
            return out;
        set_per_call(cr, (double)dt / (double)n);
    }
    double c = cr->per_call_ns > 0 ? target_ns / cr->per_call_ns : (double)(UINT64_C(1) << 32);
    cr->cycles = c < 1 ? 1 : c > (double)(UINT64_C(1) << 40) ? UINT64_C(1) << 40 : (uint64_t)c;
    return SC_OK;
}

struct run_ctx {
    const struct sc_options *opt;
    struct sc_env *env; /* sc_env_finish fills in the run's end */
    const struct sc_profilers *profilers; /* what the program offers */
    const struct sc_profiler *prof;       /* what --profile chose */
    struct sc_profile_config pcfg;
    struct sc_reporter reporters[4];
    size_t n_reporters;
    struct sc_syscall_counter counter;
    struct sc_progress progress;
    char saved_comm[17];
    char measure_comm[SC_MEASURE_COMM_LEN + 1];
    char bpf_dir[PATH_MAX];
    const struct sc_case **selected; /* in table order */
    size_t n_selected;
    bool interleaved; /* the measured repeats run in shuffled rounds */
    uint32_t seed;
    uint64_t processes;
};

static int case_run_init(struct case_run *cr, const struct sc_case *c,
                         const struct sc_options *o)
{
    *cr = (struct case_run){.c = c, .opt = o, .out = SC_OK, .learn_n = 1,
                            .fastest_ns = INFINITY, .counted = true,
                            .syscalls_per_call = NAN};
    cr->wall_us = calloc(o->repeats, sizeof(double));
    cr->cpu_us = calloc(o->repeats, sizeof(double));
    cr->start_ns = calloc(o->repeats, sizeof(uint64_t));
    if (o->profile_pairs) {
        cr->off_wall_us = calloc(o->repeats, sizeof(double));
        cr->off_cpu_us = calloc(o->repeats, sizeof(double));
        cr->off_start_ns = calloc(o->repeats, sizeof(uint64_t));
    }
    if (cr->wall_us && cr->cpu_us && cr->start_ns &&
        (!o->profile_pairs || (cr->off_wall_us && cr->off_cpu_us && cr->off_start_ns)))
        return 0;
    fprintf(stderr, "error: out of memory for %" PRIu64 " repeats\n", o->repeats);
    return -1;
}

static void case_run_free(struct case_run *cr)
{
    free(cr->wall_us);
    free(cr->cpu_us);
    free(cr->start_ns);
    free(cr->off_wall_us);
    free(cr->off_cpu_us);
    free(cr->off_start_ns);
    cr->wall_us = cr->cpu_us = cr->off_wall_us = cr->off_cpu_us = NULL;
    cr->start_ns = cr->off_start_ns = NULL;
}

/* --profile-pairs: the traced and the untraced repeats trade places, so
 * measure_repeat() fills whichever side is in front. */
static void swap_sides(struct case_run *cr)
{
    double *w = cr->wall_us, *c = cr->cpu_us;
    uint64_t *t = cr->start_ns;
    size_t d = cr->done;
    cr->wall_us = cr->off_wall_us, cr->cpu_us = cr->off_cpu_us;
    cr->start_ns = cr->off_start_ns, cr->done = cr->off_done;
    cr->off_wall_us = w, cr->off_cpu_us = c, cr->off_start_ns = t, cr->off_done = d;
}

static void teardown(struct case_run *cr)
{
    if (cr->set_up && cr->c->teardown)
        cr->c->teardown(cr->c, cr->state);
    cr->set_up = false;
}

/* Setup, calibration and warmup: all that comes before the measured
 * repeats. A case that fails or skips here is torn down at once; after a
 * stop request or a refusal the caller finds it still set up. */
static void prepare(struct run_ctx *rc, struct case_run *cr)
{
    const struct sc_case *c = cr->c;
    const struct sc_options *o = cr->opt;
    cr->out = c->setup ? c->setup(c, &cr->state, &cr->st) : SC_OK;
    if (cr->out != SC_OK)
        return;
    cr->set_up = true;
    cr->cycles = o->cycles;
    if (!cr->cycles) {
        cr->out = calibrate(cr);
        if (cr->out != SC_OK || stop_signal || cr->refused)
            goto out;
        if (o->verbose) {
            sc_progress_clear(&rc->progress);
            fprintf(stderr, "%s: calibrated to %" PRIu64 " calls per repeat, %" PRIu64
                            " per chunk\n", c->name, cr->cycles, cr->chunk);
        }
    }
    cr->warmup = o->warmup >= 0 ? (uint64_t)o->warmup : cr->cycles;
    cr->out = run_calls(cr, cr->warmup);
out:
    if (cr->out != SC_OK)
        teardown(cr);
}

/* One measured repeat. Only while it runs is the thread named
 * rc->measure_comm, so tracers that gate on the name see exactly the
 * measured calls; the syscall counter is read just outside it. A case that
 * fails here is torn down at once. */
static void measure_repeat(struct run_ctx *rc, struct case_run *cr)
{
    struct sc_syscall_sample before, after;
    bool counted = cr->counted && sc_syscall_counter_read(&rc->counter, &before) == 0;
    self_counted_syscalls = 0;
    prctl(PR_SET_NAME, rc->measure_comm, 0, 0, 0);
    uint64_t c0 = now_ns(CLOCK_THREAD_CPUTIME_ID);
    uint64_t t0 = now_ns(CLOCK_MONOTONIC);
    enum sc_outcome out = run_calls(cr, cr->cycles);
    uint64_t t1 = now_ns(CLOCK_MONOTONIC);
    uint64_t c1 = now_ns(CLOCK_THREAD_CPUTIME_ID);
    prctl(PR_SET_NAME, rc->saved_comm, 0, 0, 0);
    if (out != SC_OK) {
        cr->out = out;
        teardown(cr);
        return;
    }
    if (stop_signal || cr->refused)
        return;
    uint64_t syscalls = 0;
    cr->counted = counted && sc_syscall_counter_read(&rc->counter, &after) == 0 &&
                  sc_syscall_counter_delta(&rc->counter, &before, &after, &syscalls) == 0;
    cr->kernel_syscalls += syscalls;
    cr->self_syscalls += self_counted_syscalls;
    cr->wall_us[cr->done] = (double)(t1 - t0) / 1e3 / (double)cr->cycles;
    cr->cpu_us[cr->done] = (double)(c1 - c0) / 1e3 / (double)cr->cycles;
    cr->start_ns[cr->done] = t0;
    cr->done++;
    cr->measured_ns += t1 - t0;
}

static void count_per_call(struct case_run *cr)
{
    cr->syscalls_per_call = NAN;
    if (cr->counted && cr->done > 0) {
        double calls = (double)cr->cycles * (double)(cr->done + cr->off_done);
        cr->syscalls_self_counted = (double)cr->self_syscalls / calls;
        cr->syscalls_per_call = (double)cr->kernel_syscalls / calls + cr->syscalls_self_counted;
    }
}

static void fill_result(const struct run_ctx *rc, const struct case_run *cr,
                        struct sc_result *res)
{
    const struct sc_options *o = rc->opt;
    const struct sc_env *env = rc->env;
    struct sc_summary s;
    sc_summarize(cr->wall_us, cr->done, &s);
    memset(res, 0, sizeof(*res));
    res->test = (char *)cr->c->name;
    res->cycles = cr->cycles;
    res->repeats = cr->done;
    res->warmup = cr->warmup;
    sc_result_fill_stats(res, &s);
    res->syscalls_per_call = cr->syscalls_per_call;
    res->cv_threshold = o->cv_threshold;
    res->stable = s.cv <= o->cv_threshold;
    res->profile_tool = (char *)(o->profile_tool_label ? o->profile_tool_label : o->profile);
    res->timestamp = (char *)env->timestamp;
    res->git_hash = (char *)env->git_hash;
    res->hostname = (char *)env->hostname;
    res->platform = (char *)env->platform;
    res->samples = cr->wall_us;
    res->n_samples = cr->done;
    res->has_seed = rc->interleaved || o->profile_pairs;
    res->seed = rc->seed;
    res->processes = rc->processes;
}

/* This run's measuring-thread name (see SC_MEASURE_COMM_PREFIX). */
static void make_measure_comm(char *out, size_t len)
{
    unsigned char r[6];
    sc_random_bytes(r, sizeof(r));
    snprintf(out, len, SC_MEASURE_COMM_PREFIX "%02x%02x%02x%02x%02x%02x", r[0], r[1], r[2],
             r[3], r[4], r[5]);
}

static void report_all(struct run_ctx *rc, const struct sc_case_report *rep)
{
    for (size_t i = 0; i < rc->n_reporters; i++)
        rc->reporters[i].report(&rc->reporters[i], rep);
}

/* Says how a case ended, to every reporter, once it is torn down. Returns
 * SC_OK, SC_FAIL or SC_SKIP; -1 on a profiler error or a refusal (exit 2),
 * said here; SC_SKIP, said by the caller, after a stop request. */
static int conclude(struct run_ctx *rc, struct case_run *cr, const char *profiler_error)
{
    if (stop_signal)
        return SC_SKIP;
    const char *error = cr->refused ? cr->refusal : profiler_error;
    if (error && error[0]) {
        fprintf(stderr, "error: %s: %s\n", cr->c->name, error);
        return -1;
    }
    struct sc_case_report rep = {.name = cr->c->name, .outcome = cr->out,
                                 .message = cr->st.msg};
    struct sc_result res;
    if (cr->out == SC_OK && cr->done == 0) {
        rep.outcome = SC_FAIL;
        rep.message = "no repeat completed";
    }
    if (rep.outcome == SC_OK) {
        fill_result(rc, cr, &res);
        rep.res = &res;
        rep.cpu_samples = cr->cpu_us;
        rep.start_ns = cr->start_ns;
        rep.syscalls_self_counted = cr->syscalls_self_counted;
    }
    report_all(rc, &rep);
    if (rep.outcome == SC_OK && cr->off_done > 0) {
        /* --profile-pairs: the untraced repeats, as the case's NAME/detached row. */
        char name[512];
        snprintf(name, sizeof(name), "%s" SC_DETACHED_SUFFIX, cr->c->name);
        struct case_run off = *cr;
        swap_sides(&off);
        fill_result(rc, &off, &res);
        res.test = name;
        res.profile_tool = "none";
        rep.name = name;
        rep.cpu_samples = off.cpu_us;
        rep.start_ns = off.start_ns;
        report_all(rc, &rep);
    }
    return rep.outcome;
}

/* --profile-pairs: one pair of repeats, traced and untraced in the order
 * drawn for it, the tracer attached or detached between them (never inside
 * a timed repeat). Returns -1 with err set when the tracer cannot move. */
static int measure_pair(struct run_ctx *rc, struct case_run *cr, void *pstate, bool traced_first,
                        bool *attached, char *err, size_t errlen)
{
    for (int half = 0; half < 2 && cr->out == SC_OK && !stop_signal && !cr->refused; half++) {
        bool traced = (half == 0) == traced_first;
        if (traced != *attached) {
            int (*move)(void *, char *, size_t) = traced ? rc->prof->attach : rc->prof->detach;
            if (move(pstate, err, errlen) != 0)
                return -1;
            *attached = traced;
        }
        if (!traced)
            swap_sides(cr);
        measure_repeat(rc, cr);
        if (!traced)
            swap_sides(cr);
    }
    return 0;
}

/* Case after case: setup, warmup, the measured repeats (traced, with
 * --profile), teardown, report. Returns as conclude() does. */
static int run_case(struct run_ctx *rc, const struct sc_case *c)
{
    struct case_run cr;
    if (case_run_init(&cr, c, rc->opt)) {
        case_run_free(&cr);
        return -1;
    }
    void *pstate = NULL;
    char perr[512] = "";
    sc_progress_case(&rc->progress, c->name);
    prepare(rc, &cr);
    bool measuring = cr.out == SC_OK && !stop_signal && !cr.refused;
    if (measuring && rc->prof && rc->prof->begin(&pstate, c->name, &rc->pcfg, perr,
                                                 sizeof(perr))) {
        pstate = NULL;
        measuring = false;
        if (!perr[0])
            snprintf(perr, sizeof(perr), "%s profiler failed to start", rc->prof->name);
    }
    struct sc_rng rng;
    sc_rng_seed(&rng, rc->seed);
    bool attached = true, traced_first = true;
    for (uint64_t r = 0; measuring && r < rc->opt->repeats && cr.out == SC_OK && !stop_signal &&
                         !cr.refused; r++) {
        if (!rc->opt->profile_pairs) {
            measure_repeat(rc, &cr);
        } else {
            /* Balanced: a drawn order, then the other one. */
            traced_first = r % 2 ? !traced_first : sc_rng_below(&rng, 2) == 0;
            if (measure_pair(rc, &cr, pstate, traced_first, &attached, perr, sizeof(perr))) {
                measuring = false;
                break;
            }
        }
        /* Between two timed repeats, never inside one, and outside the
         * syscall counter's reads. */
        sc_progress_repeat(&rc->progress, cr.done, rc->opt->repeats, cr.measured_ns);
    }
    if (measuring && rc->prof && !stop_signal && !cr.refused) {
        int prc = rc->prof->end(pstate, c->name, &rc->pcfg, perr, sizeof(perr));
        pstate = NULL;
        if (prc && !perr[0])
            snprintf(perr, sizeof(perr), "%s profiler failed", rc->prof->name);
        if (!prc)
            perr[0] = '\0';
    }
    if (pstate)
        rc->prof->abort(pstate);
    teardown(&cr);
    sc_progress_case_done(&rc->progress);
    count_per_call(&cr);
    int result = conclude(rc, &cr, perr);
    case_run_free(&cr);
    return result;
}

static void say_round(struct run_ctx *rc, uint64_t round, const size_t *order)
{
    sc_progress_clear(&rc->progress);
    fprintf(stderr, "round %" PRIu64 "/%" PRIu64 ":", round + 1, rc->opt->repeats);
    for (size_t k = 0; k < rc->n_selected; k++)
        fprintf(stderr, " %s", rc->selected[order[k]]->name);
    fputc('\n', stderr);
}

/* In rounds: every selected case is set up, calibrated and warmed up
 * first, and stays set up; then each round runs one repeat of every case
 * still going, in an order shuffled for that round from rc->seed, so
 * sample k of every case comes from round k and a drift of the machine
 * reaches all cases alike. Then all are torn down and reported in table
 * order. Returns the exit status so far. */
static int run_rounds(struct run_ctx *rc, size_t *passed)
{
    const size_t n = rc->n_selected;
    struct case_run *crs = calloc(n, sizeof(*crs));
    size_t *order = calloc(n, sizeof(*order));
    size_t ready = 0;
    int status = EXIT_USAGE;
    if (!crs || !order) {
        fprintf(stderr, "error: out of memory for %zu cases\n", n);
        goto out;
    }
    for (; ready < n; ready++)
        if (case_run_init(&crs[ready], rc->selected[ready], rc->opt)) {
            case_run_free(&crs[ready]);
            goto out;
        }
    struct case_run *refused = NULL;
    for (size_t i = 0; i < n && !stop_signal && !refused; i++) {
        sc_progress_case(&rc->progress, crs[i].c->name);
        prepare(rc, &crs[i]);
        if (crs[i].refused)
            refused = &crs[i];
    }
    const uint64_t rounds_start = now_ns(CLOCK_MONOTONIC);
    struct sc_rng rng;
    sc_rng_seed(&rng, rc->seed);
    for (uint64_t r = 0; r < rc->opt->repeats && !stop_signal && !refused; r++) {
        /* Every round draws its order, whatever failed: --seed replays it. */
        sc_round_order(&rng, order, n);
        if (rc->opt->verbose)
            say_round(rc, r, order);
        for (size_t k = 0; k < n && !stop_signal && !refused; k++) {
            struct case_run *cr = &crs[order[k]];
            if (cr->out != SC_OK)
                continue;
            measure_repeat(rc, cr);
            if (cr->refused)
                refused = cr;
        }
        /* Between rounds, outside every timed repeat and counter read. */
        sc_progress_round(&rc->progress, r + 1, rc->opt->repeats,
                          now_ns(CLOCK_MONOTONIC) - rounds_start);
    }
    for (size_t i = 0; i < n; i++)
        teardown(&crs[i]);
    sc_progress_clear(&rc->progress);
    if (refused) {
        conclude(rc, refused, NULL);
        goto out;
    }
    status = 0;
    for (size_t i = 0; i < n && !stop_signal; i++) {
        count_per_call(&crs[i]);
        int r = conclude(rc, &crs[i], NULL);
        *passed += r == SC_OK;
        if (r == SC_FAIL && status == 0)
            status = EXIT_CASE_FAILED;
    }
out:
    for (size_t i = 0; i < ready; i++) {
        teardown(&crs[i]);
        case_run_free(&crs[i]);
    }
    free(crs);
    free(order);
    return status;
}

/* --processes N: the parent runs the program N times and reports what
 * they measured, pooled. Returns the exit status so far. */
static int run_pooled(struct run_ctx *rc, char **argv, size_t *passed)
{
    const size_t n = rc->n_selected;
    struct sc_pooled_case *pooled = calloc(n, sizeof(*pooled));
    if (!pooled) {
        fprintf(stderr, "error: out of memory for %zu cases\n", n);
        return EXIT_USAGE;
    }
    struct sc_pool_plan plan = {.argv = argv, .cases = rc->selected, .n_cases = n,
                                .processes = rc->processes, .seed = rc->seed,
                                .stop = &stop_signal, .verbose = rc->opt->verbose};
    int status = EXIT_USAGE;
    if (sc_pool_run(&plan, pooled) == 0) {
        status = 0;
        for (size_t i = 0; i < n && !stop_signal; i++) {
            struct sc_pooled_case *pc = &pooled[i];
            struct case_run cr = {.c = rc->selected[i], .out = pc->outcome,
                                  .cycles = pc->cycles, .warmup = pc->warmup,
                                  .wall_us = pc->wall_us, .cpu_us = pc->cpu_us,
                                  .start_ns = pc->start_ns, .done = pc->n,
                                  .syscalls_per_call = pc->syscalls_per_call,
                                  .syscalls_self_counted = pc->syscalls_self_counted};
            snprintf(cr.st.msg, sizeof(cr.st.msg), "%s", pc->message);
            int r = conclude(rc, &cr, NULL);
            *passed += r == SC_OK;
            if (r == SC_FAIL && status == 0)
                status = EXIT_CASE_FAILED;
        }
    }
    sc_pooled_cases_free(pooled, n);
    free(pooled);
    return status;
}

static int is_script_dir(const char *dir)
{
    return access(dir, R_OK | X_OK) == 0;
}

/* bpf/ beside the sources (build tree) or share/syscost/bpf (installed). */
static const char *find_bpf_dir(char *buf, size_t len)
{
    if (sc_find_share_dir("bpf", is_script_dir, buf, len) == 0)
        return buf;
    snprintf(buf, len, "%s/bpf", SYSCOST_SOURCE_DIR);
    return buf;
}

/* Traces are written only after a case was measured: a folder that cannot
 * take them is found now, before anything runs (root passes every
 * permission check, so only a real file tells). */
static int check_writable_dir(const char *dir, char *err, size_t errlen)
{
    char probe_path[PATH_MAX];
    if (snprintf(probe_path, sizeof(probe_path), "%s/.syscost-write-test.XXXXXX", dir) >=
        (int)sizeof(probe_path)) {
        snprintf(err, errlen, "%s: path too long", dir);
        return -1;
    }
    int fd = mkstemp(probe_path);
    if (fd < 0) {
        snprintf(err, errlen, "cannot write in %.400s: %s", dir, strerror(errno));
        return -1;
    }
    close(fd);
    unlink(probe_path);
    return 0;
}

static int setup_profiler(struct run_ctx *rc, char *bpf_dir_buf, size_t len)
{
    const struct sc_options *o = rc->opt;
    if (!strcmp(o->profile, "none"))
        return 0;
    rc->prof = sc_profiler_find(rc->profilers, o->profile);
    if (!rc->prof) {
        const char *why = sc_profiler_why_missing(rc->profilers, o->profile);
        if (why)
            fprintf(stderr, "error: --profile %s: this build has no %s tracer (%s; "
                            "run 'make deps' and rebuild)\n", o->profile, o->profile, why);
        else
            fprintf(stderr, "error: --profile %s: this program offers no %s tracer\n",
                    o->profile, o->profile);
        return -1;
    }
    if (o->profile_pairs && (!rc->prof->detach || !rc->prof->attach)) {
        fprintf(stderr, "error: --profile-pairs: the %s tracer cannot detach and attach again "
                        "within a run (it starts as a process of its own): use --profile "
                        "libbpf, libbpf-count or libbpf-floor, or run %s in separate "
                        "processes\n", o->profile, o->profile);
        return -1;
    }
    rc->pcfg.scripts = o->bpf_scripts;
    rc->pcfg.scripts_dir = o->bpf_dir ? o->bpf_dir : find_bpf_dir(bpf_dir_buf, len);
    rc->pcfg.artifact_dir = o->artifact_root;
    rc->pcfg.measure_comm = rc->measure_comm;
    rc->pcfg.stop = &stop_signal;
    rc->pcfg.verbose = o->verbose;
    rc->pcfg.bpf_stats = o->bpf_stats;
    char err[512] = "";
    if (rc->prof->check && rc->prof->check(&rc->pcfg, err, sizeof(err))) {
        fprintf(stderr, "error: --profile %s: %s\n", o->profile, err);
        return -1;
    }
    if (sc_mkdir_p(o->artifact_root, err, sizeof(err)) ||
        check_writable_dir(o->artifact_root, err, sizeof(err))) {
        fprintf(stderr, "error: --artifact-root: %s\n", err);
        return -1;
    }
    if (o->verbose)
        fprintf(stderr, "measured repeats run as thread %s (the tracers match that name)\n",
                rc->measure_comm);
    return 0;
}

/* A pooled run's process reports only to its parent; every other run to
 * the console and the files asked for. */
static int open_reporters(struct run_ctx *rc, const struct sc_run_info *info, bool pool_child)
{
    const struct sc_options *o = rc->opt;
    if (pool_child) {
        rc->reporters[rc->n_reporters++] = sc_pool_reporter;
    } else {
        /* Files first: one that cannot be written is then the only line said. */
        if (o->csv_path) {
            rc->reporters[rc->n_reporters] = sc_csv_reporter;
            rc->reporters[rc->n_reporters++].path = o->csv_path;
        }
        if (o->json_path) {
            rc->reporters[rc->n_reporters] = sc_json_reporter;
            rc->reporters[rc->n_reporters++].path = o->json_path;
        }
        if (o->env_txt_path) {
            rc->reporters[rc->n_reporters] = sc_env_reporter;
            rc->reporters[rc->n_reporters++].path = o->env_txt_path;
        }
        rc->reporters[rc->n_reporters++] = sc_console_reporter;
    }
    for (size_t i = 0; i < rc->n_reporters; i++) {
        char err[512] = "";
        if (rc->reporters[i].open(&rc->reporters[i], info, err, sizeof(err))) {
            fprintf(stderr, "error: %s\n", err[0] ? err : "cannot open output");
            for (size_t k = 0; k < i; k++)
                rc->reporters[k].abort(&rc->reporters[k]);
            return -1;
        }
    }
    return 0;
}

static int close_reporters(struct run_ctx *rc)
{
    int rc_all = 0;
    for (size_t i = 0; i < rc->n_reporters; i++) {
        char err[512] = "";
        if (rc->reporters[i].close(&rc->reporters[i], err, sizeof(err))) {
            fprintf(stderr, "error: %s\n", err);
            rc_all = -1;
        }
    }
    return rc_all;
}

static void abort_reporters(struct run_ctx *rc)
{
    for (size_t i = 0; i < rc->n_reporters; i++)
        rc->reporters[i].abort(&rc->reporters[i]);
    sc_atomic_abort_all();
}

/* Runs the selected cases one after another, until a stop request. A
 * usage or profiler error (run_case() < 0) ends the whole run: every later
 * case would meet the same tracer or folder, and say the same error again.
 * Returns the exit status so far. */
static int run_selected(struct run_ctx *rc, size_t *passed)
{
    int status = 0;
    for (size_t i = 0; i < rc->n_selected && !stop_signal; i++) {
        int r = run_case(rc, rc->selected[i]);
        if (r < 0)
            return EXIT_USAGE;
        *passed += r == SC_OK;
        if (r == SC_FAIL && status == 0)
            status = EXIT_CASE_FAILED;
    }
    return status;
}

/* How the repeats will run, and the seed that replays their order. */
static void say_plan(const struct run_ctx *rc)
{
    const uint64_t repeats = rc->opt->repeats;
    if (rc->processes > 1 && rc->interleaved)
        fprintf(stderr, "seed %" PRIu32 ": %" PRIu64 " processes, one after another, each "
                        "%" PRIu64 " rounds of %zu cases in shuffled orders (--seed %" PRIu32
                        " replays them)\n", rc->seed, rc->processes, repeats, rc->n_selected,
                rc->seed);
    else if (rc->processes > 1)
        fprintf(stderr, "%" PRIu64 " processes, one after another, their samples pooled\n",
                rc->processes);
    else if (rc->interleaved)
        fprintf(stderr, "seed %" PRIu32 ": %" PRIu64 " rounds of %zu cases, each round in a "
                        "shuffled order (--seed %" PRIu32 " replays them)\n",
                rc->seed, repeats, rc->n_selected, rc->seed);
    else if (rc->opt->profile_pairs)
        fprintf(stderr, "seed %" PRIu32 ": %" PRIu64 " pairs of repeats per case, %s attached "
                        "for one and detached for the other, in an order drawn per pair "
                        "(--seed %" PRIu32 " replays it)\n",
                rc->seed, repeats, rc->opt->profile, rc->seed);
}

/* The selected cases, in table order; --gtest_list_tests prints them. */
static const struct sc_case **select_cases(const struct sc_options *o,
                                           const struct sc_case *const *tables, size_t *n)
{
    size_t count = 0;
    for (const struct sc_case *const *t = tables; *t; t++)
        for (const struct sc_case *c = *t; c->name; c++)
            count += sc_filter_match(o->filter, c->name);
    const struct sc_case **sel = malloc((count ? count : 1) * sizeof(*sel));
    if (!sel) {
        fprintf(stderr, "error: out of memory\n");
        return NULL;
    }
    *n = 0;
    for (const struct sc_case *const *t = tables; *t; t++)
        for (const struct sc_case *c = *t; c->name; c++)
            if (sc_filter_match(o->filter, c->name)) {
                if (o->list)
                    printf("%s\n", c->name);
                sel[(*n)++] = c;
            }
    return sel;
}

/* Measures, reports and closes the outputs; returns the exit status. */
static int run(struct run_ctx *rc, char **argv, const struct sc_run_info *info,
               bool pool_child)
{
    const struct sc_options *o = rc->opt;
    if (setup_profiler(rc, rc->bpf_dir, sizeof(rc->bpf_dir)))
        return EXIT_USAGE;
    install_signal_handlers();
    if (open_reporters(rc, info, pool_child))
        return EXIT_USAGE;
    if (!pool_child)
        say_plan(rc);
    prctl(PR_GET_NAME, rc->saved_comm, 0, 0, 0);
    sc_syscall_counter_init(&rc->counter);
    /* Not while tracing: the tracers count every syscall of the measuring thread. */
    sc_progress_init(&rc->progress, rc->prof == NULL, rc->n_selected);

    size_t passed = 0;
    int status = rc->processes > 1 ? run_pooled(rc, argv, &passed)
                 : rc->interleaved ? run_rounds(rc, &passed)
                                   : run_selected(rc, &passed);
    sc_syscall_counter_close(&rc->counter);
    sc_env_finish(rc->env); /* the run's steal time, for its warning, env.txt and JSON */
    /* A reader that closed the console's pipe is found here at the latest. */
    fflush(stdout);

    if (stop_signal) {
        abort_reporters(rc);
        if (!pool_child)
            fprintf(stderr, "interrupted by %s: stopped cleanly, no results written\n",
                    stop_signal_name(stop_signal));
        return 128 + stop_signal;
    }
    if (status == EXIT_USAGE) {
        abort_reporters(rc);
        return status;
    }
    if (!pool_child)
        sc_env_warn_end(rc->env, stderr);
    /* A header-only file over yesterday's results would lose them. A pooled
     * run's process sends every outcome: its parent decides. */
    if (passed == 0 && !pool_child) {
        abort_reporters(rc);
        if (o->csv_path || o->json_path || o->env_txt_path)
            fprintf(stderr, "note: no case passed, so no result file was written "
                            "(any previous one is untouched)\n");
        return status;
    }
    if (close_reporters(rc))
        return EXIT_USAGE;
    return status;
}

int sc_main(int argc, char **argv, const char *program_title,
            const struct sc_case *const *tables, const struct sc_profilers *profilers)
{
    const uint64_t start_ns = now_ns(CLOCK_MONOTONIC);
    struct sc_options opt;
    if (sc_options_parse(argc, argv, &opt))
        return EXIT_USAGE;
    const char *prog = argc > 0 ? argv[0] : "bench";
    if (opt.help) {
        sc_options_print_help(prog, program_title);
        return 0;
    }
    struct sc_pool_child child;
    int pool_child = sc_pool_child_get(&child);
    if (pool_child < 0)
        return EXIT_USAGE;

    size_t n_selected = 0;
    const struct sc_case **selected = select_cases(&opt, tables, &n_selected);
    if (!selected)
        return EXIT_USAGE;
    if (opt.list) {
        free(selected);
        return 0;
    }
    if (n_selected == 0) {
        fprintf(stderr, "error: --gtest_filter=%s matches no case (see --gtest_list_tests)\n",
                opt.filter ? opt.filter : "");
        free(selected);
        return EXIT_USAGE;
    }

    struct sc_env env;
    sc_env_collect(&env);
    struct run_ctx rc = {.opt = &opt, .env = &env, .profilers = profilers,
                         .selected = selected, .n_selected = n_selected};
    /* A traced run stays case after case: a tracer attaches once per case
     * (libbpf ~20 ms, bpftrace ~2.6 s here), far too slow for every round. */
    rc.interleaved = n_selected > 1 && !opt.no_interleave && !strcmp(opt.profile, "none");
    rc.processes = pool_child ? 1 : opt.processes;
    rc.seed = pool_child ? child.seed : opt.seed_set ? opt.seed : sc_random_seed();
    make_measure_comm(rc.measure_comm, sizeof(rc.measure_comm));
    struct sc_run_info info = {.env = &env, .opt = &opt, .executable = prog,
                               .start_ns = start_ns, .interleaved = rc.interleaved,
                               .seed = rc.seed, .processes = rc.processes};
    int status = run(&rc, argv, &info, pool_child == 1);
    free(selected);
    return status;
}
