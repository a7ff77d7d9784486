# Shared look of every syscost chart; templates `load 'style.gp'` through the
# loadpath that bench sets, so they stay free of terminal choices.
#
# Labels are plain text: test names hold '_' and '/', which enhanced text
# mode would turn into subscripts.
set termoption noenhanced
set encoding utf8
set border 3 lw 1 lc rgb '#555555'
set tics out nomirror textcolor rgb '#333333'
set grid ytics lw 1 lc rgb '#e3e3e3' dt solid
set key noautotitle
set style fill solid 0.85 border -1

# One meaning, one colour, in every chart.
color_slow      = '#c44e52'
color_fast      = '#4c72b0'
color_neutral   = '#8c8c8c'
color_highlight = '#dd8452'
color_text      = '#333333'
array tool_rgb[6] = [0x8c8c8c, 0x4c72b0, 0xdd8452, 0x55a868, 0x8172b2, 0xc44e52]
tool_rgb_of(i) = tool_rgb[(i - 1) % |tool_rgb| + 1]
tool_color(i) = sprintf('#%06x', tool_rgb_of(i))

# Binary size names as bpftrace prints its buckets: 512, 1K, 2M.
bin_label(x) = x >= 1048576 ? sprintf('%.0fM', x / 1048576.0) \
             : x >= 1024 ? sprintf('%.0fK', x / 1024.0) : sprintf('%.0f', x)


# Time tics in the unit a person reads (250 ns, 2 us, 1 ms), given seconds'
# fraction in nanoseconds; for a decade's tics: set_decade_tics_ns(lo, hi).
ns_label(x) = x >= 1e9 ? sprintf('%g s', x / 1e9) : x >= 1e6 ? sprintf('%g ms', x / 1e6) \
            : x >= 1e3 ? sprintf('%g us', x / 1e3) : sprintf('%g ns', x)
us_label(x) = ns_label(x * 1e3)

# The dumb terminal cannot rotate text, so a y label would print across the
# plot; there it goes above the axis instead. Use: eval y_label('...').
is_dumb = (GPVAL_TERM eq 'dumb')
y_label(s) = is_dumb \
    ? sprintf("unset ylabel; set label 99 '%s' at graph 0, graph 1 left offset 1, 0", s) \
    : sprintf("set ylabel '%s'", s)
