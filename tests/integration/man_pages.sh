#!/bin/sh
# Both man pages rendered as man(1) renders them (groff's man macros): no
# warnings; in lpcheck(8) every command of --help described once under
# COMMANDS and every option the commands' help lists described once under
# OPTIONS; in rpm-plugin-lpcheck(8) every macro of the shipped macros file
# described once.
. "$abs_top_srcdir/tests/integration/lib.sh"
. "$abs_top_srcdir/tests/integration/cli_lib.sh"

MAN=$abs_top_srcdir/man
render() { groff -man -Tascii -P-cbou "$1"; }

for page in lpcheck.8 rpm-plugin-lpcheck.8; do
	warnings=$(groff -man -Tascii -ww -z "$MAN/$page" 2>&1)
	[ -z "$warnings" ] && ok "$page renders without a warning" || fail "$page: $warnings"
done

# what --help and each command's help list
"$LPCHECK" --help >"$T/help" 2>&1 || true
for cmd in $(sed -n 's/^ *\(usage: \)\{0,1\}lpcheck \([a-z]*\) .*/\2/p' "$T/help" | grep -v '^help$'); do
	echo "$cmd" >>"$T/commands"
	"$LPCHECK" help "$cmd" >>"$T/help" 2>&1 || true
done
[ -s "$T/commands" ] && ok "--help lists the commands: $(tr '\n' ' ' <"$T/commands")" || fail "no commands in --help"

render "$MAN/lpcheck.8" >"$T/lpcheck.txt"
"${PYTHON3:-python3}" - "$T/lpcheck.txt" "$T/commands" "$T/help" <<'PY' >"$T/check.out" 2>&1 && ok "lpcheck(8): each command once under COMMANDS, each option once under OPTIONS" || { fail "lpcheck(8) sections"; cat "$T/check.out"; }
import re, sys
page, commands, helptext = (open(p).read() for p in sys.argv[1:4])
sections, cur = {}, None
for line in page.splitlines():
    if re.match(r"^[A-Z][A-Z ]+$", line):
        cur = line.strip()
        sections[cur] = []
    elif cur:
        sections[cur].append(line)
def tags(name):  # the .TP tags of a section: what groff sets at the section's first indent
    return [m.group(1) for m in (re.match(r"^ {7}(\S.*)$", l) for l in sections.get(name, [])) if m]
def options_in(tag):  # the options a tag names, before its description starts
    out = []
    for tok in tag.replace(",", " ").split():
        if tok.startswith("-"):
            out.append(tok)
        elif not (tok.isupper() or "|" in tok or tok in ("V-R", "ID")):
            break
    return out
bad = []
described = [t.split()[0] for t in tags("COMMANDS")]
for cmd in commands.split():
    if described.count(cmd) != 1:
        bad.append("command %s is described %d times under COMMANDS" % (cmd, described.count(cmd)))
for extra in set(described) - set(commands.split()):
    bad.append("COMMANDS describes %r, which --help does not list" % extra)
listed = set(re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", "\n".join(
    l for l in helptext.splitlines() if l.lstrip().startswith("-")))) | {"--version"}
opts = [o for t in tags("OPTIONS") for o in options_in(t)]
for opt in sorted(listed):
    if opts.count(opt) != 1:
        bad.append("option %s is described %d times under OPTIONS" % (opt, opts.count(opt)))
for cmd_tag in tags("COMMANDS"):
    if options_in(cmd_tag):
        bad.append("an option entry under COMMANDS: %r" % cmd_tag)
print("\n".join(bad) or "commands %s; options %s" % (described, sorted(set(opts))))
sys.exit(1 if bad else 0)
PY

# rpm-plugin-lpcheck(8): every macro of the shipped file is described once, under MACROS
render "$MAN/rpm-plugin-lpcheck.8" | sed -n '/^MACROS$/,/^[A-Z][A-Z ]*$/p' >"$T/plugin.txt"
for macro in $(sed -n 's/^\(%__transaction_lpcheck[a-z_]*\) .*/\1/p' "$abs_top_srcdir/rpm-macros/macros.transaction_lpcheck"); do
	n=$(grep -cE "^ {7}$macro( |\$)" "$T/plugin.txt" || true)
	[ "$n" -eq 1 ] && ok "rpm-plugin-lpcheck(8) describes $macro once" || fail "rpm-plugin-lpcheck(8) describes $macro $n times"
done

finish
