#include <syscost/input_error.h>

#include <stdio.h>

int sc_input_verror(char *err, size_t errlen, const char *file, size_t line, size_t col,
                    const char *fmt, va_list ap)
{
    int off;
    if (line && col)
        off = snprintf(err, errlen, "%s:%zu:%zu: ", file, line, col);
    else if (line)
        off = snprintf(err, errlen, "%s:%zu: ", file, line);
    else
        off = snprintf(err, errlen, "%s: ", file);
    if (off >= 0 && (size_t)off < errlen)
        vsnprintf(err + off, errlen - (size_t)off, fmt, ap);
    return -1;
}

int sc_input_error(char *err, size_t errlen, const char *file, size_t line, size_t col,
                   const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sc_input_verror(err, errlen, file, line, col, fmt, ap);
    va_end(ap);
    return -1;
}
