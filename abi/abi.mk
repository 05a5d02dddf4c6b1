# SPDX-License-Identifier: MIT
# abi-check: every public header compiles on its own, as C99 and as C++,
# with -I the top of the tree (abi/hw includes root-relative); an abi/hw
# header must also assemble (its constants serve assembly, __ASSEMBLER__
# hides its C).
ABI_HEADERS := $(wildcard abi/pvrom/*.h) $(wildcard abi/hw/*.h)

abi-check:
	$(Q)rc=0; for h in $(ABI_HEADERS); do \
	  if $(HOSTCC) -std=c99 -Wall -Wextra -Werror -I$(SRC) -fsyntax-only -x c $$h && \
	     g++ -std=c++11 -Wall -Wextra -Werror -I$(SRC) -fsyntax-only -x c++ $$h && \
	     { case $$h in abi/hw/*) $(HOSTCC) -I$(SRC) -c -o /dev/null \
		 -x assembler-with-cpp $$h;; esac; }; then \
	     echo "PASS: abi-check $$h"; else echo "FAIL: abi-check $$h"; rc=1; fi; \
	done; exit $$rc
