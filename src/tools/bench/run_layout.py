"""The contract of a Demo 09 run folder, read from run_layout.h beside this file.

The header is the one place the layout is spelled; C compiles it, the
demo's scripts ask `bench layout --format shell`, and Python reads it here:

    import run_layout
    layout = run_layout.load()
    layout.path("DEMO_CSV")                   # "demo.csv"
    layout.match("overhead/none.csv")         # the entry OVERHEAD_CSV
    layout.check_folder("artifacts/demo-09", {"privileged", "gnuplot"})  # problems

Run as a script it prints the entries as `bench layout --format tsv` does:

    python3 src/tools/bench/run_layout.py
"""
import os
import re

HEADER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "run_layout.h")

_STEP = re.compile(r'^\s*X\((\w+), "([^"\\]*)"\)\s*\\?\s*$')
_FILE = re.compile(r'^\s*X\((\w+), "([^"\\]*)", (\w+), "([^"\\]*)", "([^"\\]*)", "([^"\\]*)"\)\s*\\?\s*$')
# What each placeholder of a path stands for.
PLACEHOLDERS = {
    "<Suite.Case>": r"[A-Za-z0-9_]+\.[A-Za-z0-9_]+",
    "<script>": r"[a-z0-9_]+(?:-[a-z0-9_]+)*",
    "<tool>": r"[a-z0-9_]+(?:-[a-z0-9_]+)*",
    "<chart>": r"[A-Za-z0-9_-]+",
    "<n>": r"[0-9]+",
}
CONDITIONS = ("always", "privileged", "unprivileged", "perf", "strace", "gnuplot")


class LayoutError(Exception):
    pass


class Entry:
    def __init__(self, key, path, step, when, writer, what):
        self.key, self.path, self.step, self.when, self.writer, self.what = key, path, step, when, writer, what
        self.is_dir = path.endswith("/")
        pattern = re.escape(path.rstrip("/"))
        for name, rx in PLACEHOLDERS.items():
            pattern = pattern.replace(re.escape(name), rx)
        self.regex = re.compile(pattern)

    def row(self):
        """The entry as bench layout --format tsv prints it."""
        return (self.step.lower(), self.path, self.when, self.writer, self.what)


class Layout:
    def __init__(self, steps, entries):
        self.steps = steps        # [(KEY, title)] in run order
        self.entries = entries    # [Entry] in the header's order
        self.by_key = {e.key: e for e in entries}

    def path(self, key):
        try:
            return self.by_key[key].path
        except KeyError:
            raise LayoutError(f"{HEADER}: no entry {key}")

    def match(self, rel):
        """The entry a path relative to the run folder belongs to, or None."""
        for e in self.entries:
            if e.regex.fullmatch(rel.rstrip("/")):
                return e
        return None

    @staticmethod
    def expected(entry, conditions):
        """True when every condition of the entry's `when` holds."""
        return all(c == "always" or c in conditions for c in entry.when.split("+"))

    def check_folder(self, folder, conditions):
        """Problems of a run folder against the contract, one line each: a file or
        folder no entry describes, and an entry expected under `conditions` (a set of
        privileged, unprivileged, perf, strace, gnuplot) with nothing in the folder."""
        problems, seen = [], set()
        for root, dirs, files in os.walk(folder):
            for name in sorted(dirs) + sorted(files):
                rel = os.path.relpath(os.path.join(root, name), folder)
                e = self.match(rel)
                if e is None:
                    problems.append(f"{os.path.join(folder, rel)}: not in the run folder's contract "
                                    f"(src/tools/bench/run_layout.h, docs/ARTIFACTS.md)")
                else:
                    seen.add(e.key)
        for e in self.entries:
            if self.expected(e, conditions) and e.key not in seen:
                problems.append(f"{os.path.join(folder, e.path)}: missing (when {e.when}; written by "
                                f"{e.writer} in step {e.step.lower()})")
        return problems


def load(header=HEADER):
    steps, entries = [], []
    in_steps = in_files = False
    with open(header, encoding="utf-8") as f:
        for line_no, line in enumerate(f, start=1):
            if line.startswith("#define RUN_LAYOUT_STEPS(X)"):
                in_steps, in_files = True, False
                continue
            if line.startswith("#define RUN_LAYOUT_FILES(X)"):
                in_steps, in_files = False, True
                continue
            if not (in_steps or in_files):
                continue
            if not line.strip():
                in_steps = in_files = False
                continue
            if line.lstrip().startswith("/*") or line.lstrip().startswith("*"):
                continue
            m = (_STEP if in_steps else _FILE).match(line)
            if not m:
                raise LayoutError(f"{header}:{line_no}: cannot read this entry (one X(...) per line, "
                                  f"plain string literals)")
            if in_steps:
                steps.append(m.groups())
            else:
                entries.append(Entry(*m.groups()))
            if not line.rstrip().endswith("\\"):
                in_steps = in_files = False
    if not steps or not entries:
        raise LayoutError(f"{header}: no RUN_LAYOUT_STEPS or RUN_LAYOUT_FILES entries")
    step_keys = {k for k, _ in steps}
    for e in entries:
        if e.step not in step_keys:
            raise LayoutError(f"{header}: {e.key}: unknown step {e.step}")
        unknown = [c for c in e.when.split("+") if c not in CONDITIONS]
        if unknown:
            raise LayoutError(f"{header}: {e.key}: when '{e.when}': {unknown[0]} is not one of "
                              f"{', '.join(CONDITIONS)}")
    return Layout(steps, entries)


if __name__ == "__main__":
    for entry in load().entries:
        print("\t".join(entry.row()))
