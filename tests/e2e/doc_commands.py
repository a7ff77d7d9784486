#!/usr/bin/env python3
"""Lists the commands that ```bash blocks of markdown files ask a reader to type.

    doc_commands.py FILE.md...

One line per simple command, tab-separated: FILE:LINE, a kind, then the
words. Kinds: demo (the benchmark program), bench, make, script (a file of
this repo run by path), service (a compose service a command runs in).
Wrappers are peeled off first (sudo, env, VAR=value, taskset, nice, time,
docker compose run SERVICE), so the command inside is checked too. Other
commands (mkdir, grep, bpftrace, ...) are not the kit's and are skipped.
Relative links of the files ([text](path)) are listed as kind link.
"""
import re
import shlex
import sys

SEPARATORS = {"&&", "||", ";", "|", "&"}
REDIRECTS = {">", ">>", "<", ">&", "2>", "&>"}
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def words_of(text):
    lex = shlex.shlex(text, posix=True, punctuation_chars=True)
    lex.whitespace_split = True
    lex.commenters = "#"
    return list(lex)


def simple_commands(words):
    cmd, skip = [], False
    for w in words:
        if skip:
            skip = False
        elif w in SEPARATORS:
            if cmd:
                yield cmd
            cmd = []
        elif w in REDIRECTS:
            skip = True
            if cmd and cmd[-1].isdigit():
                cmd.pop()
        else:
            cmd.append(w)
    if cmd:
        yield cmd


def peel(cmd, out, where):
    """Drops wrappers; reports compose services; returns the inner command."""
    while cmd:
        w = cmd[0]
        if re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", w) or w in ("time", "env"):
            cmd = cmd[1:]
        elif w == "sudo":
            cmd = cmd[1:]
            while cmd and cmd[0].startswith("-"):
                cmd = cmd[1:]
        elif w in ("taskset", "nice", "chrt"):
            cmd = cmd[1:]
            while cmd and (cmd[0].startswith("-") or cmd[0].replace(",", "").replace("-", "").isdigit()):
                cmd = cmd[1:]
        elif w == "docker-compose" or (w == "docker" and cmd[1:2] == ["compose"]):
            rest = cmd[1:] if w == "docker-compose" else cmd[2:]
            while rest and rest[0] != "run":
                rest = rest[2:] if rest[0] in ("-f", "--file", "-p") else rest[1:]
            if not rest:
                return []
            rest = rest[1:]
            while rest and rest[0].startswith("-"):
                rest = rest[2:] if rest[0] in ("-e", "-w", "-u", "--entrypoint") else rest[1:]
            if not rest:
                return []
            out.append((where, "service", [rest[0]]))
            cmd = rest[1:]
        else:
            return cmd
    return cmd


def classify(cmd):
    first = cmd[0]
    if first.endswith("BenchDemo_09_BpftraceProfiler"):
        return "demo"
    if first == "bench" or first.endswith("/bench"):
        return "bench"
    if first == "make":
        return "make"
    if re.match(r"^(\./)?(ci|src|tests|docs|bpf|plots|containers|\.ci)/", first):
        return "script"
    return None


def commands(path):
    out = []
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    in_bash, i = False, 0
    while i < len(lines):
        line = lines[i]
        fence = line.strip()
        if fence.startswith("```"):
            in_bash = (not in_bash) and fence[3:].strip() in ("bash", "sh", "shell")
            i += 1
            continue
        if not in_bash:
            for m in LINK.finditer(line):
                if not re.match(r"^[a-z]+:", m.group(1)):
                    out.append((f"{path}:{i + 1}", "link", [m.group(1)]))
            i += 1
            continue
        start, text = i, line
        while text.endswith("\\") and i + 1 < len(lines):
            i += 1
            text = text[:-1] + " " + lines[i]
        i += 1
        where = f"{path}:{start + 1}"
        try:
            words = words_of(text)
        except ValueError as e:
            out.append((where, "unparsable", [str(e)]))
            continue
        for cmd in simple_commands(words):
            found = []
            cmd = peel(cmd, found, where)
            out += found
            kind = classify(cmd) if cmd else None
            if kind:
                out.append((where, kind, cmd))
    return out


def main():
    for path in sys.argv[1:]:
        for where, kind, words in commands(path):
            print("\t".join([where, kind] + words))


if __name__ == "__main__":
    main()
