#include "base64.h"

static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

void base64_write(FILE *f, const unsigned char *data, size_t len)
{
    size_t i = 0;
    for (; i + 3 <= len; i += 3) {
        unsigned v = (unsigned)data[i] << 16 | (unsigned)data[i + 1] << 8 | data[i + 2];
        fputc(alphabet[v >> 18 & 63], f);
        fputc(alphabet[v >> 12 & 63], f);
        fputc(alphabet[v >> 6 & 63], f);
        fputc(alphabet[v & 63], f);
    }
    if (len - i == 1) {
        unsigned v = (unsigned)data[i] << 16;
        fputc(alphabet[v >> 18 & 63], f);
        fputc(alphabet[v >> 12 & 63], f);
        fputs("==", f);
    } else if (len - i == 2) {
        unsigned v = (unsigned)data[i] << 16 | (unsigned)data[i + 1] << 8;
        fputc(alphabet[v >> 18 & 63], f);
        fputc(alphabet[v >> 12 & 63], f);
        fputc(alphabet[v >> 6 & 63], f);
        fputc('=', f);
    }
}
