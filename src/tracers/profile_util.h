/* What the tracers (bpftrace, libbpf) share: the privilege and tracefs
 * checks that must fail fast with one line, artifact naming, and writing a
 * histogram set as the .txt artifact plus the console copy. */
#ifndef SYSCOST_PROFILE_UTIL_H
#define SYSCOST_PROFILE_UTIL_H

#include <stddef.h>

#include <syscost/hist.h>

#ifdef __cplusplus
extern "C" {
#endif

/* 0 when this process may load and attach BPF programs: root, or
 * CAP_BPF and CAP_PERFMON in the effective set. Otherwise fills err with
 * the one line that says what is missing and how to get it. */
int sc_trace_check_privileges(char *err, size_t errlen);

/* Makes sure tracefs is mounted at /sys/kernel/tracing (or the old
 * debugfs place), mounting it when missing and allowed. */
int sc_trace_ensure_tracefs(char *err, size_t errlen);

/* True when this process lives in the initial PID namespace, where the
 * pids a tracer sees are the pids this process sees. */
int sc_trace_in_init_pidns(void);

/* "<dir>/<case>.<what>.<ext>", with '/' in a parameterized case name
 * replaced so the artifact stays one file. -1 when it does not fit. */
int sc_trace_artifact_path(char *buf, size_t len, const char *dir,
                           const char *case_name, const char *what, const char *ext);

/* Writes `set` as bpftrace text to txt_path (atomically) and prints the
 * same text to stdout under a title line naming the case and tracer. */
int sc_trace_publish_text(const struct sc_hist_set *set, const char *txt_path,
                          const char *case_name, const char *title,
                          char *err, size_t errlen);

#ifdef __cplusplus
}
#endif

#endif
