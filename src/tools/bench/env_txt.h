/* A run folder's env.txt, read: "key: value" lines in the order written
 * (the machine's fingerprint, the build, the tool versions, the warnings).
 * '#' comments and blank lines are skipped; a key may come more than once
 * ("warning"). The file may come from elsewhere, so it is read whole with a
 * bound (ENV_TXT_MAX_BYTES) and each line must be "key: value". Shared by
 * bench report (its Environment table), bench seccomp (which side ran under
 * a filter) and bench fleet (what differs between machines). */
#ifndef BENCH_ENV_TXT_H
#define BENCH_ENV_TXT_H

#include <stddef.h>

/* env.txt is a screenful of lines; the bound keeps a hostile one (a link to
 * /dev/zero, a huge file) from holding or eating the run. */
#define ENV_TXT_MAX_BYTES ((size_t)64 << 10)

struct env_entry {
    char *key, *value; /* value without the blanks after the colon */
};

struct env_txt {
    struct env_entry *entries;
    size_t n;
};

/* Reads path. Fails with err "PATH:LINE:1: expected 'key: value', got '...'"
 * for a line without a key, or the reader's message (too large, not a
 * regular file); nothing is kept then. */
int env_txt_read(const char *path, struct env_txt *out, char *err, size_t errlen);

/* The first value of key, or NULL. */
const char *env_txt_get(const struct env_txt *t, const char *key);

void env_txt_free(struct env_txt *t);

#endif
