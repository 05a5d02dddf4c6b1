# SPDX-License-Identifier: GPL-2.0-only
#
# A tool's --help text to a man page, so that the page and --help are one
# text (the tool's usage_text):
#   TOOL --help | awk -v name=TOOL -v version=V -f linker/man.awk > TOOL.1
#
# The --help text is laid out like a man page already: section titles in
# capitals at column 0, everything else indented by 4 spaces.
#   SYNOPSIS, EXAMPLES   kept line for line (.nf)
#   OPTIONS              "TAG  text" (2+ spaces) -> .TP; deeper lines go on
#                        with the text
#   EXIT STATUS          "N  text" -> .TP; otherwise prose
#   anything else        prose; a blank line starts a new paragraph
# Every "-" becomes "\-": option names must copy and paste as ASCII.

function esc(s) {
	gsub(/\\/, "\\e", s)
	gsub(/-/, "\\-", s)
	return s
}

# Text line: a leading "." or "'" would be read as a request.
function text(s) {
	s = esc(s)
	if (s ~ /^[.']/)
		s = "\\&" s
	return s
}

# "-h, --help" or "--extract-elf OUT": options bold, arguments italic.
function tag(s,    n, i, w, out, sep) {
	n = split(s, w, / /)
	out = ""
	for (i = 1; i <= n; i++) {
		sep = ""
		if (w[i] ~ /,$/) {
			sep = ","
			sub(/,$/, "", w[i])
		}
		if (w[i] ~ /^-/)
			out = out (i > 1 ? " " : "") "\\fB" esc(w[i]) "\\fR" sep
		else
			out = out (i > 1 ? " " : "") "\\fI" esc(w[i]) "\\fR" sep
	}
	return out
}

function end_block() {
	blank = 0
	if (nf) {
		print ".fi"
		nf = 0
	}
}

BEGIN {
	if (name == "" || version == "") {
		print "man.awk: -v name=TOOL -v version=V are required" > "/dev/stderr"
		exit 2
	}
	up = toupper(name)
	gsub(/-/, "\\-", up)
	print ".\\\" Generated from '" name " --help' by linker/man.awk: edit the tool's usage_text."
	print ".TH " up " 1 \"\" \"pvrom " version "\" \"pvrom\""
	sect = ""
	nf = 0
	para = 0
}

/^[A-Z][A-Z ]*$/ {
	end_block()
	sect = $0
	print ".SH " sect
	para = 0
	next
}

/^$/ {
	# inside .nf the blank line is kept, unless the block ends there
	if (nf)
		blank = 1
	else
		para = 1
	next
}

{
	line = $0
	sub(/^    /, "", line)
}

sect == "SYNOPSIS" || sect == "EXAMPLES" {
	if (!nf) {
		print ".nf"
		nf = 1
	}
	if (blank)
		print ""
	blank = 0
	print text(line)
	next
}

sect == "NAME" {
	# "tool - what it does": the separator is the one man(7) asks for
	i = index(line, " - ")
	if (i)
		print esc(substr(line, 1, i - 1)) " \\- " text(substr(line, i + 3))
	else
		print text(line)
	next
}

sect == "OPTIONS" && line ~ /^-[^ ]/ && match(line, /   *[^ ]/) {
	print ".TP"
	print tag(substr(line, 1, RSTART - 1))
	print text(substr(line, RSTART + RLENGTH - 1))
	para = 0
	next
}

sect == "EXIT STATUS" && line ~ /^[0-9]+  +[^ ]/ {
	match(line, /  +/)
	print ".TP"
	print substr(line, 1, RSTART - 1)
	print text(substr(line, RSTART + RLENGTH))
	para = 0
	next
}

{
	if (para) {
		print ".PP"
		para = 0
	}
	sub(/^ +/, "", line)
	print text(line)
}

END {
	end_block()
}
