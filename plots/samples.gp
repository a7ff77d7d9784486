# Every repeat of every case, as deviation from that case's median, so
# noise is visible side by side even where cases differ by decades.
# Boxes span the middle half of the repeats; dots are the repeats themselves.
# gnuplot draws a box from four repeats up; fewer (--repeats 1) get their
# dots alone.
#
# Inputs (gnuplot -e): datafile and textfile, names of files in the working
# directory; the text file is one row: "chart title" (text comes in files,
# never in code: see src/tools/bench/plot_text.h).
# The data file, as `bench plot samples` writes it, one block per case
# (blocks separated by two blank lines), one repeat per row:
#   case_index us_per_call deviation_pct "case" "median and CV"
load 'style.gp'
if (!exists('datafile') || !exists('textfile')) {
    print 'samples.gp: pass datafile and textfile with -e'
    exit status 2
}
stats textfile using (chart_title = strcol(1), 0) nooutput
stats datafile using 1 nooutput
cases = STATS_blocks
one_repeat_each = (STATS_records == cases)
stats datafile using (strlen(strcol(4))) nooutput
longest_name = STATS_max
stats datafile using 3 nooutput
dev_lo = STATS_min; dev_hi = STATS_max

set title chart_title font ',13'
eval y_label('deviation from the case median (%)')
set format y '%g'
# Every repeat on its median (one repeat each, or identical ones): no span
# for gnuplot to scale, so give the axis one percent either side.
if (dev_hi - dev_lo == 0) {
    set yrange [dev_lo - 1 : dev_hi + 1]
}
set xrange [-0.6 : cases - 0.4]
set xtics scale 0
# Few cases: two-line tic labels (name, then median and CV). Many: names
# alone, slanted, with room below and to the left for the slant.
two_line = (cases * longest_name <= 110)
if (two_line) {
    set bmargin 4
} else {
    set xtics rotate by 30 right
    set bmargin longest_name * 0.22 + 2
    set lmargin longest_name * 0.75
}
tic_label = two_line ? 'strcol(4) . "\n" . strcol(5)' : 'strcol(4)'

set style boxplot nooutliers fraction 1.0 candlesticks
set boxwidth 0.5
# Jitter keeps a case's repeats apart; one dot per case has nothing to keep
# apart, and jitter would push neighbours' dots off their names.
if (!one_repeat_each) {
    set jitter spread 0.6 overlap first 0.01
}
set xzeroaxis lt 1 lc rgb color_neutral dt 2

plot for [i = 0 : cases - 1] datafile index i \
         using (i):3:(0.5) with boxplot lc rgb '#cfd8e6' fs solid 0.9 border lc rgb color_fast, \
     for [i = 0 : cases - 1] datafile index i every ::0::0 \
         using (i):(NaN):xtic(@tic_label) \
         with points pt -1, \
     datafile using 1:3 with points pt 7 ps 0.6 lc rgb color_slow
