/* Base64 (RFC 4648, with padding), for images inlined in the HTML report. */
#ifndef BENCH_BASE64_H
#define BENCH_BASE64_H

#include <stddef.h>
#include <stdio.h>

/* Writes the encoding of data to f, without line breaks. */
void base64_write(FILE *f, const unsigned char *data, size_t len);

#endif
