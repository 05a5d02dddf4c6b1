# SPDX-License-Identifier: MIT
# abi-check: every public header compiles on its own, as C99 and as C++.
ABI_HEADERS := $(wildcard abi/pvrom/*.h)

abi-check:
	$(Q)rc=0; for h in $(ABI_HEADERS); do \
	  if $(HOSTCC) -std=c99 -Wall -Wextra -Werror -fsyntax-only -x c $$h && \
	     g++ -std=c++11 -Wall -Wextra -Werror -fsyntax-only -x c++ $$h; then \
	     echo "PASS: abi-check $$h"; else echo "FAIL: abi-check $$h"; rc=1; fi; \
	done; exit $$rc
