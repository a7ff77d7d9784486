# Where a syscall's time goes: one bar per call of the Syscall suite, split
# into the trip into and out of the kernel (the null syscall's time, the
# same under every call that enters) and the call's own path above it. The
# vDSO's clock_gettime never enters the kernel: its bar is all its own.
#
# Inputs (gnuplot -e): datafile and textfile, names of files in the working
# directory. The data file, as `bench plot syscall` writes it, one call per row:
#   "call" kernel_entry_exit_ns own_path_ns "value label" "own path label"
# The text file, one row: "chart title" "kernel part title" "own part title".
# Text comes in files, never in code: see src/tools/bench/plot_text.h.
load 'style.gp'
if (!exists('datafile') || !exists('textfile')) {
    print 'syscall.gp: pass datafile and textfile with -e'
    exit status 2
}
stats textfile using (chart_title = strcol(1), kernel_title = strcol(2), \
                      own_title = strcol(3), 0) nooutput
stats datafile using ($2 + $3) nooutput
calls = STATS_records
y_hi = STATS_max

set title chart_title font ',13'
set yrange [0 : y_hi * 1.3]
set format y '%g ns'
eval y_label('time per call (median of the repeats)')
set xrange [-0.6 : calls - 0.4]
set xtics scale 0
stats datafile using (strlen(strcol(1))) nooutput
longest_name = STATS_max
if (calls * longest_name > 110) {
    set xtics rotate by 20 right
    set bmargin longest_name * 0.2 + 2
}
set key top left reverse Left samplen 1.5 box lc rgb '#cccccc' opaque
set boxwidth 0.6

# The whole bar in the own path's colour, then the kernel part over its foot.
plot datafile using 0:($2 + $3):xtic(1) with boxes lc rgb color_fast title own_title, \
     ''       using 0:2 with boxes lc rgb color_slow title kernel_title, \
     ''       using 0:($2 + $3):4 with labels offset 0, 0.8 font ',10' tc rgb color_text, \
     ''       using 0:($2 + $3):5 with labels offset 0, 1.9 font ',8' tc rgb color_neutral
