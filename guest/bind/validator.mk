# SPDX-License-Identifier: GPL-2.0-only
#
# The validator: the part of the binding library that reads a ROM image and
# nothing else (no privileged code, no allocation), with the op catalogue.
# The one list of it: the guest links it inside libpvbind.a, and pvrom-link,
# pvrom-info, pvboot.efi, the host tests, mkbad and the fuzzer compile
# exactly these files.  Included from the top Makefile before any user.

PVB_VALIDATOR_SRCS := guest/bind/image.c guest/bind/crc32.c \
		      guest/bind/license.c guest/bind/catalog.c
PVB_VALIDATOR_HDRS := guest/bind/image.h guest/bind/elf64.h \
		      $(wildcard abi/pvrom/*.h)
