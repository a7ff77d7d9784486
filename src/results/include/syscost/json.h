/* A small DOM JSON reader (RFC 8259) with error positions. Used for
 * bpftrace's `-f json` output and google benchmark's JSON files, so errors
 * name line and column.
 * Writing JSON lives in <syscost/json_write.h>. */
#ifndef SYSCOST_JSON_H
#define SYSCOST_JSON_H

#include <stdint.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

enum sc_json_type {
    SC_JSON_NULL,
    SC_JSON_BOOL,
    SC_JSON_NUMBER,
    SC_JSON_STRING,
    SC_JSON_ARRAY,
    SC_JSON_OBJECT,
};

struct sc_json {
    enum sc_json_type type;
    int line, col;      /* where the value starts, 1-based */
    int boolean;
    double number;
    /* Numbers written without fraction or exponent are `integral`; those
     * that fit 64 bits are also kept exact, because counts beyond 2^53 must
     * not round: signed in `integer` (when is_integer), and, when not
     * negative, unsigned in `uinteger` (when is_unsigned; up to 2^64 - 1,
     * the range of bpftrace's counters). */
    int integral;
    int is_integer;
    int64_t integer;
    int is_unsigned;
    uint64_t uinteger;
    char *string;       /* NUL-terminated UTF-8; len excludes the NUL */
    size_t len;
    /* Arrays and objects: count items; objects also have keys[i]. */
    size_t count;
    struct sc_json **items;
    char **keys;
};

struct sc_json_error {
    int line, col;      /* 1-based position of the problem */
    char msg[160];
};

/* Parses exactly one JSON value (surrounding whitespace allowed, and a
 * UTF-8 byte order mark before it, which editors on Windows write).
 * Returns NULL and fills err on any syntax error or when out of memory. */
struct sc_json *sc_json_parse(const char *text, size_t len, struct sc_json_error *err);

/* Reads and parses a whole file. On failure err->msg names the problem;
 * err->line is 0 when the file itself could not be read. */
struct sc_json *sc_json_parse_file(const char *path, struct sc_json_error *err);

void sc_json_free(struct sc_json *v);

/* Member of an object by key, NULL when absent or v is not an object. */
const struct sc_json *sc_json_get(const struct sc_json *v, const char *key);

/* Human name of a type for messages ("an object", "a number"...). */
const char *sc_json_type_name(enum sc_json_type t);

#ifdef __cplusplus
}
#endif

#endif
