# Bytes-per-write sweep: the same payload written N bytes per write(). On
# log-log axes the cost per byte falls along the fixed-cost line (slope -1)
# while the syscall's fixed cost dominates, and flattens where copying the
# bytes starts to matter. The cost of one write() call is drawn beside it.
#
# Inputs (gnuplot -e): datafile and textfile, names of files in the working
# directory; the text file is one row: "chart title" (text comes in files,
# never in code: see src/tools/bench/plot_text.h).
# The data file, as `bench plot sweep` writes it, one case per row:
#   bytes_per_write ns_per_byte ns_per_write fixed_cost_only_ns_per_byte "case"
# where the last number is the smallest write's per-call cost spread over N
# bytes: what the curve would be if every write() cost the same.
load 'style.gp'
if (!exists('datafile') || !exists('textfile')) {
    print 'sweep.gp: pass datafile and textfile with -e'
    exit status 2
}
stats textfile using (chart_title = strcol(1), 0) nooutput
stats datafile using 1 nooutput
x_lo = STATS_min
x_hi = STATS_max
# One column per stats call: two-column stats warns on a single row.
stats datafile using 2 nooutput
y_lo = STATS_min; y_hi = STATS_max
stats datafile using 3 nooutput
y_lo = (STATS_min < y_lo) ? STATS_min : y_lo
y_hi = (STATS_max > y_hi) ? STATS_max : y_hi

set title chart_title font ',13'
set logscale xy
set xrange [x_lo / 1.4 : x_hi * 1.4]
set xtics ()
do for [e = 0 : int(log(x_hi / x_lo) / log(2) + 0.5)] {
    set xtics add (bin_label(x_lo * 2**e) x_lo * 2**e)
}
set xlabel 'bytes per write() call (log scale)'
y_min_decade = int(floor(log10(y_lo)))
y_max_decade = int(ceil(log10(y_hi)))
set yrange [10.0**y_min_decade / 1.01 : 10.0**y_max_decade * 1.01]
set ytics ()
do for [k = y_min_decade : y_max_decade] {
    set ytics add (ns_label(10.0**k) 10.0**k)
}
eval y_label('time (log scale)')
set grid xtics ytics lc rgb '#e3e3e3'
set key bottom left reverse Left samplen 3 spacing 1.3 box lc rgb '#cccccc' opaque

plot datafile using 1:4 with lines dt 2 lw 1.5 lc rgb color_neutral \
         title 'per byte, if every write() cost what the smallest one does', \
     ''       using 1:2 with linespoints pt 7 ps 1.1 lw 2 lc rgb color_slow \
         title 'per byte (the whole payload / its bytes)', \
     ''       using 1:3 with linespoints pt 5 ps 1.0 lw 2 lc rgb color_fast \
         title 'per write() call'
