# Syscall latency histograms, one panel per case, side by side.
#
# Inputs (gnuplot -e): datafiles = 'a.dat b.dat' (one per panel) and
# textfile, names of files in the working directory.
# Each data file, as `bench plot hist` writes it, one log2 bucket per row:
#   lo_ns hi_ns count percent "count label"   (bucket is [lo, hi))
# Every file covers the same buckets, so the panels share one x axis.
# The text file, one row: "chart title" "x label", then per panel
# "case name" "calls, median, p99" (text comes in files, never in code:
# see src/tools/bench/plot_text.h).
load 'style.gp'
if (!exists('datafiles') || !exists('textfile')) {
    print 'hist.gp: pass datafiles and textfile with -e'
    exit status 2
}
panels = words(datafiles)
array panel_title[panels]
stats textfile using (chart_title = strcol(1), x_title = strcol(2), 0) nooutput
do for [i = 1:panels] {
    stats textfile using (panel_title[i] = strcol(2 * i + 1) . "\n" . strcol(2 * i + 2), 0) nooutput
}

# Shared axes: the widest bucket range and the tallest bar of all panels.
x_lo = 0; x_hi = 0; y_hi = 0
do for [i = 1:panels] {
    # One column per stats call: two-column stats warns on a single row.
    stats word(datafiles, i) using 1 nooutput
    x_lo = (i == 1 || STATS_min < x_lo) ? STATS_min : x_lo
    stats word(datafiles, i) using 2 nooutput
    x_hi = (STATS_max > x_hi) ? STATS_max : x_hi
    stats word(datafiles, i) using 4 nooutput
    y_hi = (STATS_max > y_hi) ? STATS_max : y_hi
}

set logscale x 2
# A hair of margin keeps the outermost bucket edges' labels on the axis.
set xrange [x_lo / 1.01 : x_hi * 1.01]
set xtics () # labels come from bin_label, matching bpftrace's [512, 1K)
do for [e = 0 : int(log(x_hi / x_lo) / log(2) + 0.5)] {
    set xtics add (bin_label(x_lo * 2**e) x_lo * 2**e)
}
set xlabel x_title
eval y_label('share of calls (%)')
set yrange [0 : y_hi * 1.15]
set ytics nomirror
# A footnote in the room below the axis labels, clear of every title.
set bmargin 5
set label 1 'numbers on bars: calls in that bucket' at screen 0.99, screen 0.02 right font ',8' tc rgb color_neutral

set multiplot layout 1, panels title chart_title font ',13'
do for [i = 1:panels] {
    set title panel_title[i]
    plot word(datafiles, i) \
            using (sqrt($1 * $2)):4:1:2:(0):4 with boxxyerror lc rgb tool_color(i + 1), \
         '' using (sqrt($1 * $2)):4:5 with labels offset 0, 0.7 font ',8' tc rgb color_text
}
unset multiplot
