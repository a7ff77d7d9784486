# Observer effect: what one syscall (a write() here) costs untraced and under each tracer,
# with the cost each tracer adds written on its bar. Whiskers span the
# repeats' 10th to 90th percentile.
#
# Inputs (gnuplot -e): datafile and textfile, names of files in the working
# directory; the text file is one row: "chart title" (text comes in files,
# never in code: see src/tools/bench/plot_text.h).
# The data file, as `bench plot overhead` writes it, untraced first:
#   "tool" ns_per_write p10_ns p90_ns added_ns "value label" "added label" "floor label"
load 'style.gp'
if (!exists('datafile') || !exists('textfile')) {
    print 'overhead.gp: pass datafile and textfile with -e'
    exit status 2
}
stats textfile using (chart_title = strcol(1), 0) nooutput
# One column per stats call: two-column stats warns on a single row.
stats datafile using 3 nooutput
tools = STATS_records
y_lo = STATS_min
stats datafile using 4 nooutput
y_hi = STATS_max

set title chart_title font ',13'
set xlabel 'whiskers: 10th to 90th percentile of the repeats' font ',8' tc rgb color_neutral
set xrange [-0.6 : tools - 0.4]
set xtics scale 0
set boxwidth 0.6
# strace costs hundreds of times what a tracer in the kernel does: a linear
# axis would flatten every other bar, so spans of a decade or more go log.
if (y_hi / y_lo >= 10) {
    set logscale y 10
    set yrange [10**floor(log10(y_lo) - 0.2) / 1.01 : 10**ceil(log10(y_hi) + 0.6)]
    set ytics ()
    do for [k = int(floor(log10(y_lo) - 0.2)) : int(ceil(log10(y_hi) + 0.6))] {
        set ytics add (ns_label(10.0**k) 10.0**k)
    }
    eval y_label('time per syscall (log scale)')
} else {
    set yrange [0 : y_hi * 1.3]
    set format y '%g ns'
    eval y_label('time per syscall')
}

plot datafile using 0:2:(tool_rgb_of(int($0) + 1)):xtic(1) \
            with boxes lc rgb variable, \
     ''   using 0:3:(0):($4 - $3) with vectors heads size screen 0.008, 90 lc rgb color_text, \
     ''   using 0:4:6 with labels offset 0, 0.8 font ',9' tc rgb color_text, \
     ''   using 0:4:7 with labels offset 0, 1.9 font ',10' tc rgb color_text, \
     ''   using 0:4:8 with labels offset 0, 3.0 font ',9' tc rgb color_neutral
