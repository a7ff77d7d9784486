# One view across machines: each case's cost per syscall on each run, a bar
# per run side by side, and hatched at each bar's foot the run's own null
# syscall (the trip into and out of the kernel), so what is left above it is
# the syscall's own work. Under each value: the cost in multiples of that
# run's null syscall, which cancels how fast each machine enters the kernel.
#
# Inputs (gnuplot -e): datafile and textfile, names of files in the working
# directory; the text file is one row: "chart title" "x note" "null key"
# "run 1" "run 2" ... (text comes in files, never in code: see
# src/tools/bench/plot_text.h).
# The data file, as `bench fleet` (and `bench plot fleet`) writes it, one bar
# per row, cases in order and each case's runs in order:
#   x case_index run_index ns null_part_ns "case" "value" "null multiple"
# null_part_ns is NaN where the run has no null syscall or the case makes no
# syscall (the vDSO).
load 'style.gp'
if (!exists('datafile') || !exists('textfile')) {
    print 'fleet.gp: pass datafile and textfile with -e'
    exit status 2
}
stats textfile using (chart_title = strcol(1), x_note = strcol(2), null_key = strcol(3), 0) nooutput
stats datafile using 3 nooutput
runs = int(STATS_max)
stats datafile using 2 nooutput
cases = int(STATS_max) + 1
stats datafile using 4 nooutput
y_hi = STATS_max
array run_title[runs]
do for [i = 1 : runs] {
    stats textfile using (run_title[i] = strcol(3 + i), 0) nooutput
}

set title chart_title font ',13'
set xlabel x_note font ',8' tc rgb color_neutral
set xrange [-0.6 : cases - 0.4]
set yrange [0 : y_hi * 1.25]
set format y '%g ns'
eval y_label('cost per syscall (per call where a case makes none)')
set xtics scale 0
set key top left reverse Left font ',9'
bar = 1.0 / (runs + 1.5) * 0.92
set boxwidth bar

plot for [i = 1 : runs] datafile using ($3 == i ? $1 : NaN):4 \
            with boxes lc rgb tool_color(i) title run_title[i], \
     datafile using 1:5 with boxes fs transparent pattern 4 border lc rgb color_text \
            lc rgb color_text title null_key, \
     datafile every runs using 2:(0):xtic(6) with points ps 0 lc rgb color_text, \
     datafile using 1:4:7 with labels offset 0, 1.9 font ',8' tc rgb color_text, \
     datafile using 1:4:8 with labels offset 0, 0.8 font ',8' tc rgb color_neutral
