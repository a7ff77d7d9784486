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

void sc_format_time_us(double us, char *buf, size_t len)
{
    if (!isfinite(us)) {
        snprintf(buf, len, "n/a");
        return;
    }
    double a = fabs(us);
    if (a < 0.9995)
        sig3(us * 1e3, " ns", buf, len);
    else if (a < 999.5)
        sig3(us, " us", buf, len);
    else if (a < 999.5e3)
        sig3(us / 1e3, " ms", buf, len);
    else
        sig3(us / 1e6, " s", buf, len);
}

void sc_format_count(double value, char *buf, size_t len)
{
    if (!isfinite(value)) {
        snprintf(buf, len, "n/a");
        return;
    }
    double a = fabs(value);
    if (a < 999.5)
        sig3(value, "", buf, len);
    else if (a < 999.5e3)
        sig3(value / 1e3, "K", buf, len);
    else if (a < 999.5e6)
        sig3(value / 1e6, "M", buf, len);
    else if (a < 999.5e9)
        sig3(value / 1e9, "G", buf, len);
    else
        sig3(value, "", buf, len); /* scientific: "1.00e+21" */
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
