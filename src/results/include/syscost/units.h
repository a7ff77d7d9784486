/* Human units for times, rates and sizes: "95.1 us", "812 ns", "10.5K",
 * "64 KiB". */
#ifndef SYSCOST_UNITS_H
#define SYSCOST_UNITS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Formats a duration given in microseconds with three significant digits
 * and the unit that keeps it between 1 and 999 (ns, us, ms, s). Beyond
 * the largest unit (or below the smallest) the number turns scientific and
 * keeps its unit: "1.00e+28 s", "1.00e-06 ns". NaN and infinities: "n/a". */
void sc_format_time_us(double us, char *buf, size_t len);

/* Formats a count with K/M/G suffixes and three significant digits;
 * scientific from 999.5G on ("1.00e+21") and below 0.005 ("1.00e-28"). */
void sc_format_count(double value, char *buf, size_t len);

/* 65536 -> "64 KiB", 100 -> "100 bytes": payload sizes, which are mostly
 * whole KiB. */
void sc_format_bytes(double bytes, char *buf, size_t len);

/* 512000 -> "512,000": an exact count a person checks digit by digit. */
void sc_format_grouped(unsigned long long value, char *buf, size_t len);

/* "1041x", "2.50x", "1.00e+30x": how many times a is of b, for change
 * columns; scientific from a million on, so a factor stays short. */
void sc_format_factor(double factor, char *buf, size_t len);

#ifdef __cplusplus
}
#endif

#endif
