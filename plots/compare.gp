# Baseline against candidate, microseconds per call for each case, on a log
# axis because batching moves results by decades; the factor sits above
# each pair.
#
# Inputs (gnuplot -e): datafile and textfile, names of files in the working
# directory. The data file, as `bench plot compare` writes it, one case per row:
#   "case" baseline_us candidate_us "factor" "baseline label" "candidate label"
# The text file, one row: "chart title" "baseline title" "candidate title".
# Text comes in files, never in code: see src/tools/bench/plot_text.h.
load 'style.gp'
if (!exists('datafile') || !exists('textfile')) {
    print 'compare.gp: pass datafile and textfile with -e'
    exit status 2
}
stats textfile using (chart_title = strcol(1), baseline_title = strcol(2), \
                      candidate_title = strcol(3), 0) nooutput
# One column per stats call: two-column stats warns on a single row.
stats datafile using 2 nooutput
cases = STATS_records
y_lo = STATS_min; y_hi = STATS_max
stats datafile using 3 nooutput
y_lo = (STATS_min < y_lo) ? STATS_min : y_lo
y_hi = (STATS_max > y_hi) ? STATS_max : y_hi

set title chart_title font ',13'
set logscale y 10
# Whole decades below the smallest bar and room above the tallest for labels,
# each decade named in the unit a person reads (100 ns, 1 us, 10 ms).
y_lo_decade = int(floor(log10(y_lo) - 0.3))
y_hi_decade = int(ceil(log10(y_hi) + 0.8))
set yrange [10.0**y_lo_decade / 1.01 : 10.0**y_hi_decade * 1.01]
set ytics ()
do for [k = y_lo_decade : y_hi_decade] {
    set ytics add (us_label(10.0**k) 10.0**k)
}
eval y_label('time per call (log scale)')
set xrange [-0.6 : cases - 0.4]
set xtics scale 0
# Long case names side by side would run into each other: slant them.
stats datafile using (strlen(strcol(1))) nooutput
longest_name = STATS_max
if (cases * longest_name > 110) {
    set xtics rotate by 25 right
    set bmargin longest_name * 0.22 + 2
    set lmargin longest_name * 0.75
}
# The key sits between the title and the plot, clear of the factor labels.
set tmargin 5
set key at graph 0.5, graph 1 center bottom horizontal reverse Left samplen 1.5 width 2
set boxwidth 0.36
taller(a, b) = a > b ? a : b

plot datafile using ($0 - 0.19):2 with boxes lc rgb color_slow title baseline_title, \
     ''       using ($0 + 0.19):3 with boxes lc rgb color_fast title candidate_title, \
     ''       using ($0):(1):xtic(1) with points pt -1, \
     ''       using ($0 - 0.19):2:5 with labels offset 0, 0.7 font ',8' tc rgb color_text, \
     ''       using ($0 + 0.19):3:6 with labels offset 0, 0.7 font ',8' tc rgb color_text, \
     ''       using ($0):(taller($2, $3)):4 with labels offset 0, 2.2 font ',11' tc rgb color_text
