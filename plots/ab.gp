# bench ab: each round's change of the candidate against the baseline, with
# the paired estimate (the line) and its interval (the band) over all rounds.
# A band clear of 0 is a significant change; the rounds' spread is the noise
# the pairing has to see through.
#
# Inputs (gnuplot -e): datafile and textfile, names of files in the working
# directory; the text file is one row: "chart title" "band label" (text comes
# in files, never in code: see src/tools/bench/plot_text.h).
# The data file, as `bench plot ab` writes it, one row per round:
#   round change_pct ci_low_pct ci_high_pct estimate_pct
load 'style.gp'
if (!exists('datafile') || !exists('textfile')) {
    print 'ab.gp: pass datafile and textfile with -e'
    exit status 2
}
stats textfile using (chart_title = strcol(1), band_label = strcol(2), 0) nooutput
stats datafile using 1 nooutput
rounds = STATS_max
stats datafile using 2 nooutput
y_lo = STATS_min; y_hi = STATS_max
stats datafile using 3 nooutput
y_lo = (STATS_min < y_lo) ? STATS_min : y_lo
stats datafile using 4 nooutput
y_hi = (STATS_max > y_hi) ? STATS_max : y_hi
y_lo = (y_lo > 0) ? 0 : y_lo
y_hi = (y_hi < 0) ? 0 : y_hi
pad = (y_hi - y_lo) * 0.15 + 0.5

set title chart_title font ',13'
set xlabel band_label font ',9' tc rgb color_text
set xrange [0.5 : rounds + 0.5]
set yrange [y_lo - pad : y_hi + pad]
set xtics 1 scale 0
set format y '%+g%%'
eval y_label('candidate against baseline, per round')
set key top left font ',9'

plot datafile using 1:3:4 with filledcurves fc rgb color_fast fs transparent solid 0.2 noborder \
          title 'interval of the paired estimate', \
     ''   using 1:5 with lines lw 2 lc rgb color_fast title 'paired estimate', \
     0 with lines dt 2 lc rgb color_neutral notitle, \
     ''   using 1:2 with points pt 7 ps 1.2 lc rgb color_slow title 'one round'
