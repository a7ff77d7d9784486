#!/usr/bin/env python3
"""Checks that markdown written from hostile names kept its shape.

    md_check.py FILE.md NAME_START NAME_END

The names the test planted start with NAME_START and end with NAME_END;
each held a newline, '|', raw HTML, backticks, '*' and a link. Reports
(one line each, exit 1):
  - a table row with more or fewer cells than its header (a '|' that got
    out, or a newline that split the row);
  - a line where NAME_END appears without NAME_START (a newline in a name
    started a line of its own: a heading, a list item, a table row);
  - raw HTML, a link or an image outside code (an unescaped '<', or an
    unescaped ']' to close a link): markdown renders them, so a name must
    never produce them. The kit's own chart lines, ![alt](plots/NAME.png),
    are the one exception.
Fenced code blocks and code spans show text literally and are skipped.
"""
import re
import sys

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
KIT_IMAGE = re.compile(r"^!\[[^\[\]<]*\]\(plots/[A-Za-z0-9._-]+\.png\)$")


def unescaped(line, ch):
    """Positions of ch in line not preceded by an odd number of backslashes."""
    out = []
    for i, c in enumerate(line):
        if c != ch:
            continue
        k, slashes = i - 1, 0
        while k >= 0 and line[k] == "\\":
            slashes, k = slashes + 1, k - 1
        if slashes % 2 == 0:
            out.append(i)
    return out


def without_code_spans(line):
    """line with its code spans blanked (CommonMark: equal backtick runs)."""
    out, i = [], 0
    while i < len(line):
        if line[i] == "\\" and i + 1 < len(line):
            out.append(line[i:i + 2])
            i += 2
            continue
        if line[i] == "`":
            run = len(line[i:]) - len(line[i:].lstrip("`"))
            close = re.compile(r"(?<!`)" + "`" * run + r"(?!`)").search(line, i + run)
            if close:
                out.append(" " * (close.end() - i))
                i = close.end()
                continue
            out.append(line[i:i + run])
            i += run
            continue
        out.append(line[i])
        i += 1
    return "".join(out)


def check(path, start, end):
    problems = []
    lines = open(path, encoding="utf-8", errors="replace").read().split("\n")
    fence = None
    table_cells = None
    for no, line in enumerate(lines, 1):
        where = f"{path}:{no}"
        m = FENCE.match(line)
        if fence:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) \
                    and not line.strip().strip(fence[0]):
                fence = None
            continue
        if m:
            fence = m.group(1)
            continue
        if end in line and start not in line:
            problems.append(f"{where}: a name was split over lines: {line!r}")
        text = without_code_spans(line)
        if line.startswith("|"):
            cells = len(unescaped(text, "|"))
            if table_cells is None:
                table_cells = cells
            elif cells != table_cells:
                problems.append(f"{where}: {cells - 1} cells in a row of a {table_cells - 1}-cell table: {line!r}")
        else:
            table_cells = None
        if KIT_IMAGE.match(line):
            continue
        for ch, what in (("<", "raw HTML"), ("]", "a link or image")):
            if unescaped(text, ch):
                problems.append(f"{where}: {what} outside code: {line!r}")
    return problems


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    problems = check(*sys.argv[1:])
    for p in problems:
        print(p)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
