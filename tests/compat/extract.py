#!/usr/bin/env python3
"""Regenerates docs/podman-compat.md's rows from podman's man pages and ctl's clap tree.

Usage:
  # podman's options, from a podman git checkout or bare git dir at a tag:
  # ctl's tree, dumped by the ignored test `cli::compat::dump_tree`:
  cargo test --release --bin ctl cli::compat::dump_tree -- --ignored --nocapture \
      | grep -E '^(TREE|ALIAS)' > /tmp/ctl-tree.txt
  python3 tests/compat/extract.py PODMAN_GIT_DIR v5.8.2 /tmp/ctl-tree.txt > /tmp/compat.md
  mv /tmp/compat.md docs/podman-compat.md   # not `>` straight onto it: it is read first

Statuses already in docs/podman-compat.md (`different: ...`, `ctl only: ...`) are kept;
new rows get `yes` when ctl has the flag with podman's short form, `different: ctl's
short is ...` when the short differs (write the real reason), `not yet` when ctl lacks
it, and `ctl only: TODO` for a flag podman lacks (fill in the reason).
The committed table is what the test reads; this script only saves typing.
"""
import re
import subprocess
import sys

MD = "docs/source/markdown/"
FLAG = re.compile(r"\*\*(--?[A-Za-z0-9][A-Za-z0-9_-]*)\*\*")


def git(gitdir, *args):
    return subprocess.run(["git", "-C", gitdir, *args], check=True,
                          capture_output=True, text=True).stdout


def show(gitdir, ref, path):
    return git(gitdir, "show", f"{ref}:{path}")


def options_of(gitdir, ref, page):
    """[(long, short)] of a man page, `@@option` includes expanded, in page order."""
    text = show(gitdir, ref, MD + page)
    lines = []
    for line in text.splitlines():
        m = re.match(r"^@@option\s+(\S+)", line)
        if m:
            lines += show(gitdir, ref, f"{MD}options/{m.group(1)}.md").splitlines()
        else:
            lines.append(line)
    out = []
    for line in lines:
        if not line.startswith("#") or line.startswith("####>"):
            continue
        flags = FLAG.findall(line)
        longs = [f[2:] for f in flags if f.startswith("--")]
        shorts = [f[1:] for f in flags if not f.startswith("--") and len(f) == 2]
        if not longs:
            continue
        entry = (longs[0], shorts[0] if shorts else "")
        if entry not in out:
            out.append(entry)
    return out


def podman_commands(gitdir, ref):
    """{command path: page} for every page and every link (`container ls` -> podman-ps)."""
    files = git(gitdir, "ls-tree", "--name-only", ref, MD).split()
    pages = {}
    for f in files:
        name = f[len(MD):]
        m = re.match(r"^podman(-.*)?\.1\.md(\.in)?$", name)
        if m:
            path = (m.group(1) or "").lstrip("-").replace("-", " ")
            pages[path] = name
    links = git(gitdir, "ls-tree", "--name-only", ref, MD + "links/").split()
    for f in links:
        m = re.match(r"^podman-(.*)\.1$", f.split("/")[-1])
        if not m:
            continue
        target = re.search(r"podman(-\S*)?\.1", show(gitdir, ref, f)).group(0)
        base = target[:-2]
        for cand in (base + ".1.md", base + ".1.md.in"):
            if cand in pages.values():
                pages[m.group(1).replace("-", " ")] = cand
    return pages


def fix_multiword(pages):
    """Page names split on '-' break options like `auto-update`; map them back."""
    fixed = {}
    for path, page in pages.items():
        for word in ("auto update",):
            path = path.replace(word, word.replace(" ", "-"))
        fixed[path] = page
    return fixed


def ctl_tree(path):
    """{command path: [(long, short, hidden)]} from the dump:
    TREE<TAB>path<TAB>long<TAB>short<TAB>hidden."""
    tree = {}
    for line in open(path):
        parts = line.rstrip("\n").split("\t")
        if parts[0] != "TREE":
            continue
        _, cmd, long, short, hidden = (parts + [""] * 5)[:5]
        tree.setdefault(cmd, [])
        if long:
            tree[cmd].append((long, short, hidden == "hidden"))
    return tree


def ctl_aliases(path):
    """{other name: command} from the dump: ALIAS<TAB>other name<TAB>command."""
    out = {}
    for line in open(path):
        parts = line.rstrip("\n").split("\t")
        if parts[0] == "ALIAS":
            out[parts[1]] = parts[2]
    return out


def old_statuses():
    status = {}
    try:
        text = open("docs/podman-compat.md").read()
    except OSError:
        return status
    cmd = None
    for line in text.splitlines():
        m = re.match(r"^## podman ?(.*)$", line)
        if m:
            cmd = m.group(1).strip()
            continue
        m = re.match(r"^\| --(\S+) \| (\S*) \| (.*) \|$", line)
        if m and cmd is not None:
            status[(cmd, m.group(1))] = m.group(3)
    return status


def main():
    gitdir, ref, tree_file = sys.argv[1:4]
    pages = fix_multiword(podman_commands(gitdir, ref))
    tree = ctl_tree(tree_file)
    old = old_statuses()
    print(HEADER.format(ref=ref))
    for cmd in sorted(tree, key=lambda c: (c.count(" "), c)):
        ctl = {long: short for long, short, _ in tree[cmd]}
        podman = options_of(gitdir, ref, pages[cmd]) if cmd in pages else []
        print(f"## podman {cmd}".rstrip())
        print()
        print(f"podman's page: {pages.get(cmd, '(none)')}")
        print()
        print("| option | short | status |")
        print("|---|---|---|")
        seen = set()
        for long, short in podman:
            if long == "help":
                continue
            seen.add(long)
            status = old.get((cmd, long))
            if status is None:
                if long not in ctl:
                    status = "not yet"
                elif ctl[long] == short:
                    status = "yes"
                else:
                    status = f"different: ctl's short is {ctl[long] or 'none'}"
            if long in ctl:
                short = ctl[long]  # the short form ctl gives it (podman's, unless "different")
            print(f"| --{long} | {'-' + short if short else ''} | {status} |")
        for long, short, hidden in tree[cmd]:
            if long in seen or long == "help" or hidden:
                continue
            status = old.get((cmd, long), "ctl only: TODO")
            print(f"| --{long} | {'-' + short if short else ''} | {status} |")
        print()
    aliases = ctl_aliases(tree_file)
    print("## Other names ctl accepts")
    print()
    for cmd in sorted(pages):
        if cmd not in tree and cmd in aliases:
            print(f"- podman {cmd}: same as podman {aliases[cmd]}")
    print()
    print("## Commands ctl does not have yet")
    print()
    for cmd in sorted(pages):
        if cmd not in tree and cmd not in aliases and cmd:
            print(f"- podman {cmd}: not yet")


HEADER = """# ctl and podman's command line

Every podman command that ctl has, with every option of it in podman {ref}'s man pages
(docs/source/markdown/podman-*.1.md) and ctl's status for it, then the commands ctl does
not have yet. Statuses: `yes` (ctl has it, same meaning and short form), `different:
<why>`, `not yet`, and `ctl only: <why>` for an option podman lacks. `src/cli/compat.rs`
checks this table against ctl's command-line definition; `tests/compat/extract.py`
regenerates it from a podman checkout. The short column is ctl's short form where ctl has
the option (podman's unless the row says otherwise), else podman's. `--help` (`-h` unless
the command gives `-h` another meaning) is everywhere and not listed; global options are
listed once, under `## podman`. Option aliases (`--net` for `--network`) are not listed.
"""

if __name__ == "__main__":
    main()
