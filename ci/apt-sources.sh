#!/usr/bin/env bash
# Prints the machine's enabled apt "deb" sources, one "URI SUITE COMPONENT..." line each, read
# from both sources.list formats, so scripts reuse the machine's mirror instead of naming one.
# Usage: ci/apt-sources.sh [APT_DIR]   (default /etc/apt)
set -euo pipefail
apt_dir=${1:-/etc/apt}
[[ -d $apt_dir ]] || { echo "${0##*/}: error: $apt_dir: no such directory" >&2; exit 2; }

shopt -s nullglob
one_line=()
[[ -f $apt_dir/sources.list ]] && one_line+=("$apt_dir/sources.list")
one_line+=("$apt_dir"/sources.list.d/*.list)
deb822=("$apt_dir"/sources.list.d/*.sources)

if ((${#one_line[@]})); then
  # "deb [options] uri suite component..."; the bracketed options may hold spaces.
  awk '
    { sub(/#.*/, "") }
    $1 != "deb" { next }
    {
      line = $0
      sub(/^[ \t]*deb[ \t]+/, "", line)
      if (line ~ /^\[/) sub(/^\[[^]]*\][ \t]*/, "", line)
      n = split(line, f, /[ \t]+/)
      if (n >= 2) {
        out = f[1] " " f[2]
        for (i = 3; i <= n; i++) if (f[i] != "") out = out " " f[i]
        print out
      }
    }' "${one_line[@]}"
fi

if ((${#deb822[@]})); then
  # Stanzas separated by blank lines; URIs and Suites may each list several values.
  awk '
    function flush(   u, s, nu, ns, uris, suites) {
      if (types ~ /(^|[ \t])deb([ \t]|$)/ && enabled != "no" && uri_list != "" && suite_list != "") {
        nu = split(uri_list, uris, /[ \t]+/); ns = split(suite_list, suites, /[ \t]+/)
        for (u = 1; u <= nu; u++) for (s = 1; s <= ns; s++)
          if (uris[u] != "" && suites[s] != "") print uris[u] " " suites[s] (comps == "" ? "" : " " comps)
      }
      types = uri_list = suite_list = comps = enabled = ""
    }
    FNR == 1 { flush() }
    /^[ \t]*#/ { next }
    /^[ \t]*$/ { flush(); next }
    {
      key = tolower($1); sub(/:$/, "", key)
      val = $0; sub(/^[^:]*:[ \t]*/, "", val); sub(/[ \t]+$/, "", val)
      if (key == "types") types = val
      else if (key == "uris") uri_list = val
      else if (key == "suites") suite_list = val
      else if (key == "components") { comps = val; gsub(/[ \t]+/, " ", comps) }
      else if (key == "enabled") enabled = tolower(val)
    }
    END { flush() }' "${deb822[@]}"
fi
