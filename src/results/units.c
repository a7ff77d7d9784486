#include <syscost/units.h>

#include <math.h>
#include <stdio.h>

/* Three significant digits: 1.23, 12.3, 123; in scientific notation
 * (1.00e+28) past 999.5 or below 0.005, where the largest or smallest unit
 * has run out, so the unit stays and the number stays short. */
static void sig3(double v, const char *unit, char *buf, size_t len)
{
    double a = fabs(v);
    /* Round first, so 999.96 moves up to the next unit's "1.00" not "1000". */
    if (a >= 999.5 || (a < 0.005 && a > 0))
        snprintf(buf, len, "%.2e%s", v, unit);
    else if (a >= 99.95)
        snprintf(buf, len, "%.0f%s", v, unit);
    else if (a >= 9.995)
        snprintf(buf, len, "%.1f%s", v, unit);
    else
        snprintf(buf, len, "%.2f%s", v, unit);
}

/* One rung of a unit ladder: values below `below` are shown times `mul`
 * divided by `div`, with `unit` after them. The last rung takes the rest. */
struct rung {
    double below, mul, div;
    const char *unit;
};

static void ladder(double v, const struct rung *rungs, size_t n, char *buf, size_t len)
{
    if (!isfinite(v)) {
        snprintf(buf, len, "n/a");
        return;
    }
    double a = fabs(v);
    size_t i = 0;
    while (i + 1 < n && !(a < rungs[i].below))
        i++;
    sig3(v * rungs[i].mul / rungs[i].div, rungs[i].unit, buf, len);
}

void sc_format_time_us(double us, char *buf, size_t len)
{
    static const struct rung time[] = {
        {0.9995, 1e3, 1, " ns"},
        {999.5, 1, 1, " us"},
        {999.5e3, 1, 1e3, " ms"},
        {INFINITY, 1, 1e6, " s"},
    };
    ladder(us, time, sizeof(time) / sizeof(time[0]), buf, len);
}

void sc_format_count(double value, char *buf, size_t len)
{
    static const struct rung count[] = {
        {999.5, 1, 1, ""},
        {999.5e3, 1, 1e3, "K"},
        {999.5e6, 1, 1e6, "M"},
        {999.5e9, 1, 1e9, "G"},
        {INFINITY, 1, 1, ""}, /* scientific: "1.00e+21" */
    };
    ladder(value, count, sizeof(count) / sizeof(count[0]), buf, len);
}

void sc_format_bytes(double bytes, char *buf, size_t len)
{
    if (bytes >= 1024 && fmod(bytes, 1024) == 0)
        snprintf(buf, len, "%g KiB", bytes / 1024);
    else
        snprintf(buf, len, "%g bytes", bytes);
}

void sc_format_grouped(unsigned long long value, char *buf, size_t len)
{
    char digits[32];
    int n = snprintf(digits, sizeof(digits), "%llu", value);
    size_t k = 0;
    for (int i = 0; i < n && k + 2 < len; i++) {
        if (i && (n - i) % 3 == 0)
            buf[k++] = ',';
        buf[k++] = digits[i];
    }
    buf[k] = '\0';
}

void sc_format_factor(double factor, char *buf, size_t len)
{
    if (!isfinite(factor)) {
        snprintf(buf, len, "n/a");
        return;
    }
    if (factor >= 999999.5)
        snprintf(buf, len, "%.2ex", factor);
    else if (factor >= 9.995)
        snprintf(buf, len, "%.0fx", factor);
    else
        snprintf(buf, len, "%.2fx", factor);
}
