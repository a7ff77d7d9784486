#!/usr/bin/env python3
"""Fills the docs' output blocks and images from a finished demo run.

    ARTIFACTS=artifacts/demo-09 python3 docs/gen_docs.py      (make docs)

Every README.md and docs/**/*.md holding markers is rewritten between them:

    <!-- output: summary.txt -->                 the file, in a ```text fence
    <!-- output: summary.txt match=^Bpftrace -->  only the lines matching a regex
    <!-- output: overhead/overhead.md -->        .md files go in as they are
    <!-- output: demo.csv render=costs -->      a table computed from the file
    ...
    <!-- end output -->

    <!-- image: plots/compare.png alt="..." -->  copied to docs/img/demo-09-compare.png
    ...
    <!-- end image -->

    about <!-- value: demo.csv write_ns -->285<!-- end value --> ns   a number, inline

Hand-written text outside the markers is never touched. Nothing is written
unless every block of every file could be filled: a marker naming a file the
run folder's contract does not describe (src/tools/bench/run_layout.h,
docs/ARTIFACTS.md), or a missing artifact, stops the run with the doc's
file:line and exit status 2. Files are replaced atomically (temporary file,
then rename), and only when they change.
"""
import csv
import os
import re
import shlex
import shutil
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "src", "tools", "bench"))
import run_layout  # noqa: E402  (the run folder's contract, read from its header)

LAYOUT = run_layout.load()
IMG_DIR = os.path.join(ROOT, "docs", "img")
IMG_PREFIX = "demo-09-"

BEGIN = re.compile(r"^<!-- (output|image): (.*?) -->\s*$")
END = {"output": "<!-- end output -->", "image": "<!-- end image -->"}


class DocError(Exception):
    pass


def rel(path):
    return os.path.relpath(path, ROOT) if path.startswith(ROOT + os.sep) else path


def parse_marker(body, where):
    try:
        words = shlex.split(body)
    except ValueError as e:
        raise DocError(f"{where}: cannot read marker '{body}': {e}")
    if not words:
        raise DocError(f"{where}: marker names no artifact")
    opts = {}
    for w in words[1:]:
        key, eq, value = w.partition("=")
        if not eq:
            raise DocError(f"{where}: marker option '{w}' is not KEY=VALUE")
        opts[key] = value
    return words[0], opts


def artifact(artifacts, name, where):
    entry = LAYOUT.match(name)
    if entry is None or entry.is_dir:
        raise DocError(f"{where}: {name} is no file of a run folder (see docs/ARTIFACTS.md, "
                       f"or 'bench layout')")
    path = os.path.join(artifacts, name)
    if not os.path.isfile(path):
        when = "" if entry.when == "always" else f", when {entry.when}"
        raise DocError(f"{where}: artifact {path} is missing (written by {entry.writer} in step "
                       f"{entry.step.lower()}{when}): run 'make demo-09' (as root, for the profiling "
                       f"steps) or point ARTIFACTS= at a finished run")
    return path


def read_text(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


# ---- computed tables and values ---------------------------------------------

def us(v):
    return f"{v * 1000:.0f} ns" if v < 1 else (f"{v:.1f} us" if v < 1000 else f"{v / 1000:.2f} ms")


def num(v):
    return f"{v:.0f}" if abs(v - round(v)) < 0.01 else f"{v:.2f}"


def write_costs(path, where):
    """The two canonical cases of a benchmark CSV: medians (us per call) and
    counted syscalls per call (the known 1024 and 1 where not counted)."""
    try:
        with open(path, newline="", encoding="utf-8-sig") as f:
            rows = {r["test"]: r for r in csv.DictReader(f)}
    except (KeyError, csv.Error) as e:
        raise DocError(f"{where}: {path} is not the benchmark's CSV: {e}")
    need = ("BpftraceProfiler.ManySmallWrites", "BpftraceProfiler.SingleBatchedWrite")
    out = {}
    for t, assumed in zip(need, (1024.0, 1.0)):
        if t not in rows:
            raise DocError(f"{where}: {path} has no row for {t}")
        sc = rows[t].get("syscallsPerCall") or "n/a"
        try:
            out[t] = (float(rows[t]["wallMedian"]), float(sc) if sc != "n/a" else assumed)
        except (ValueError, TypeError) as e:
            raise DocError(f"{where}: {path}: {t}: not a number: {e}")
    (many_us, n_many), (one_us, n_one) = out[need[0]], out[need[1]]
    return many_us, n_many, one_us, n_one


VALUES = {
    "write_ns": lambda c: f"{c[0] / c[1] * 1000:.0f}",
    "batched_ns": lambda c: f"{c[2] * 1000:.0f}",
    "factor": lambda c: f"{c[0] / c[2]:.0f}",
}


def render_costs(path, where):
    """What one write() costs here, from the benchmark CSV: the numbers the
    original walkthrough guessed, measured."""
    many_us, n_many, one_us, n_one = write_costs(path, where)
    lines = [
        "| per call of the case | ManySmallWrites | SingleBatchedWrite |",
        "| --- | ---: | ---: |",
        "| bytes written | 1024 | 1024 |",
        f"| write() syscalls (counted) | {num(n_many)} | {num(n_one)} |",
        f"| mode switches (user to kernel and back) | {num(2 * n_many)} | {num(2 * n_one)} |",
        "| context switches needed | 0 | 0 |",
        f"| time (median) | {us(many_us)} | {us(one_us)} |",
        f"| time per write() | {us(many_us / n_many)} | {us(one_us / n_one)} |",
        "",
        f"One 1024-byte write() is **{many_us / one_us:.0f}x** faster than 1024 one-byte "
        f"write()s here; each one-byte write() costs about **{many_us / n_many * 1000:.0f} ns**.",
    ]
    return "\n".join(lines) + "\n"


RENDERERS = {"costs": render_costs}


# ---- blocks ----------------------------------------------------------------

def fill_output(artifacts, name, opts, where):
    path = artifact(artifacts, name, where)
    unknown = set(opts) - {"match", "render"}
    if unknown:
        raise DocError(f"{where}: unknown option(s) {', '.join(sorted(unknown))} (match=, render=)")
    if "render" in opts:
        fn = RENDERERS.get(opts["render"])
        if not fn:
            raise DocError(f"{where}: no renderer '{opts['render']}' (have: {', '.join(RENDERERS)})")
        return fn(path, where)
    text = read_text(path)
    if "match" in opts:
        try:
            pat = re.compile(opts["match"])
        except re.error as e:
            raise DocError(f"{where}: bad match= regex: {e}")
        text = "".join(l for l in text.splitlines(True) if pat.search(l))
        if not text:
            raise DocError(f"{where}: no line of {path} matches '{opts['match']}'")
    if not text.strip():
        raise DocError(f"{where}: artifact {path} is empty")
    text = text.rstrip("\n") + "\n"
    if name.endswith(".md"):
        return text
    return "```text\n" + text + "```\n"


def fill_image(artifacts, name, opts, where, doc_path, copies):
    src = artifact(artifacts, name, where)
    if not name.endswith(".png"):
        raise DocError(f"{where}: images must be PNG, got {name}")
    unknown = set(opts) - {"alt"}
    if unknown:
        raise DocError(f"{where}: unknown option(s) {', '.join(sorted(unknown))} (alt=)")
    dest = os.path.join(IMG_DIR, IMG_PREFIX + os.path.basename(name))
    copies[dest] = src
    link = os.path.relpath(dest, os.path.dirname(doc_path))
    alt = opts.get("alt", os.path.splitext(os.path.basename(name))[0])
    return f"![{alt}]({link})\n"


INLINE = re.compile(r"<!-- value: (\S+) (\S+) -->.*?<!-- end value -->")


def fill_values(line, artifacts, where):
    """Inline numbers in prose: <!-- value: demo.csv write_ns -->285<!-- end value -->."""
    def one(m):
        path = artifact(artifacts, m.group(1), where)
        fn = VALUES.get(m.group(2))
        if not fn:
            raise DocError(f"{where}: no value '{m.group(2)}' (have: {', '.join(VALUES)})")
        return f"<!-- value: {m.group(1)} {m.group(2)} -->{fn(write_costs(path, where))}<!-- end value -->"
    return INLINE.sub(one, line)


def render_doc(doc_path, artifacts, copies):
    """Returns the doc with every block filled, or None when it has no marker."""
    lines = read_text(doc_path).splitlines(True)
    out, i, found = [], 0, False
    while i < len(lines):
        line = lines[i]
        m = BEGIN.match(line)
        if not m:
            if line.strip() in END.values():
                raise DocError(f"{rel(doc_path)}:{i + 1}: '{line.strip()}' without its opening marker")
            if "<!-- value:" in line:
                found = True
                line = fill_values(line, artifacts, f"{rel(doc_path)}:{i + 1}")
            out.append(line)
            i += 1
            continue
        found = True
        kind, where = m.group(1), f"{rel(doc_path)}:{i + 1}"
        end = next((j for j in range(i + 1, len(lines)) if lines[j].strip() == END[kind]), None)
        opener = next((j for j in range(i + 1, end or len(lines)) if BEGIN.match(lines[j])), None)
        if end is None or opener is not None:
            raise DocError(f"{where}: '{line.strip()}' has no '{END[kind]}' before the next block")
        name, opts = parse_marker(m.group(2), where)
        if kind == "output":
            body = fill_output(artifacts, name, opts, where)
        else:
            body = fill_image(artifacts, name, opts, where, doc_path, copies)
        out += [line, body, lines[end]]
        i = end + 1
    return "".join(out) if found else None


def atomic_write(path, data, mode=None):
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix="." + os.path.basename(path) + ".")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, mode if mode is not None else 0o644)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def docs_with_markers():
    paths = [os.path.join(ROOT, "README.md")]
    for d, _, files in os.walk(os.path.join(ROOT, "docs")):
        paths += [os.path.join(d, f) for f in sorted(files) if f.endswith(".md")]
    return [p for p in sorted(paths) if os.path.isfile(p)]


def main():
    artifacts = os.path.abspath(os.environ.get("ARTIFACTS") or os.path.join(ROOT, "artifacts", "demo-09"))
    if not os.path.isdir(artifacts):
        raise DocError(f"ARTIFACTS={artifacts} is not a directory: run 'make demo-09' first")
    copies, new = {}, {}
    for path in docs_with_markers():
        text = render_doc(path, artifacts, copies)
        if text is not None:
            new[path] = text
    # Every block was filled: only now does anything on disk change.
    changed = []
    if copies:
        os.makedirs(IMG_DIR, exist_ok=True)
    for dest, src in sorted(copies.items()):
        with open(src, "rb") as f:
            data = f.read()
        if not os.path.exists(dest) or open(dest, "rb").read() != data:
            atomic_write(dest, data)
            changed.append(dest)
    for path, text in new.items():
        if read_text(path) != text:
            atomic_write(path, text.encode("utf-8"), os.stat(path).st_mode & 0o777)
            changed.append(path)
    for p in changed:
        print(f"docs: updated {rel(p)}")
    print(f"docs: {len(new)} file(s) with output blocks filled from {artifacts}"
          f" ({len(changed)} changed)")


if __name__ == "__main__":
    try:
        main()
    except DocError as e:
        print(f"gen_docs: {e}", file=sys.stderr)
        sys.exit(2)
    except OSError as e:
        print(f"gen_docs: {e.filename or ''}: {e.strerror}", file=sys.stderr)
        sys.exit(2)
