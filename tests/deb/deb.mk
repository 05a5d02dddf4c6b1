# SPDX-License-Identifier: GPL-2.0-only
#
# The Debian packages (make deb, the top Makefile): the suite builds them
# (incrementally: a failed package build is one FAIL line, not a stopped
# make test) and checks them in a scratch root, never on the machine
# (tests/deb/check.sh).
SUITE_deb := $(SRC)/tests/deb/check.sh $(SRC) $(abspath $(B)) $(DEB_VERSION) \
	$(abspath $(DEB_FILES))
