#include "env_txt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <syscost/file_util.h>
#include <syscost/input_error.h>

static int add(struct env_txt *t, size_t *cap, const char *key, const char *value)
{
    if (t->n == *cap) {
        size_t more = *cap ? *cap * 2 : 32;
        struct env_entry *e = realloc(t->entries, more * sizeof(*e));
        if (!e)
            return -1;
        t->entries = e;
        *cap = more;
    }
    struct env_entry *e = &t->entries[t->n];
    e->key = strdup(key);
    e->value = strdup(value);
    if (!e->key || !e->value) {
        free(e->key);
        free(e->value);
        return -1;
    }
    t->n++;
    return 0;
}

int env_txt_read(const char *path, struct env_txt *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof(*out));
    char *data, *text;
    size_t len;
    if (sc_read_input_max(path, ENV_TXT_MAX_BYTES, &data, &len, err, errlen))
        return -1;
    if (!(text = realloc(data, len + 1))) {
        free(data);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    text[len] = '\0';
    int rc = 0;
    size_t no = 0, cap = 0;
    for (char *line = text, *next; line < text + len && rc == 0; line = next) {
        char *nl = memchr(line, '\n', (size_t)(text + len - line));
        next = nl ? nl + 1 : text + len;
        if (nl)
            *nl = '\0';
        no++;
        line[strcspn(line, "\r")] = '\0';
        if (!line[0] || line[0] == '#')
            continue;
        char *colon = strchr(line, ':');
        if (!colon || colon == line) {
            rc = sc_input_error(err, errlen, path, no, 1, "expected 'key: value', got '%.60s'",
                                line);
            continue;
        }
        *colon = '\0';
        const char *value = colon + 1;
        while (*value == ' ' || *value == '\t')
            value++;
        if (add(out, &cap, line, value)) {
            snprintf(err, errlen, "out of memory");
            rc = -1;
        }
    }
    free(text);
    if (rc)
        env_txt_free(out);
    return rc;
}

const char *env_txt_get(const struct env_txt *t, const char *key)
{
    for (size_t i = 0; i < t->n; i++)
        if (!strcmp(t->entries[i].key, key))
            return t->entries[i].value;
    return NULL;
}

void env_txt_free(struct env_txt *t)
{
    for (size_t i = 0; i < t->n; i++) {
        free(t->entries[i].key);
        free(t->entries[i].value);
    }
    free(t->entries);
    t->entries = NULL;
    t->n = 0;
}
