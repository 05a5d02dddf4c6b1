/* SPDX-License-Identifier: MIT */
/*
 * abi/hw: what every abi/hw header shares.  abi/hw holds state-free facts
 * and helpers of outside standards (x86, PC devices); it is not part of the
 * ROM/guest binary contract (abi/hw/README.md).
 */
#ifndef HW_HW_H
#define HW_HW_H

/* Bit n, 64 bits wide in C; plain in assembly, which has no suffixes. */
#ifdef __ASSEMBLER__
#define HW_BIT(n)	(1 << (n))
#else
#define HW_BIT(n)	(1ull << (n))
#endif

#ifndef __ASSEMBLER__
#include <stdint.h>

/*
 * Helpers that take a function parameter (a TSC or register reader) are
 * always inlined: a caller passing a constant then gets a direct call, no
 * function pointer survives, and the ROM's stack check (which refuses
 * indirect calls) can follow the call chain.
 */
#define HW_INLINE	static inline __attribute__((always_inline))

/* (a * b) >> 32 without losing the high bits: the fixed-point scaling of
 * every tick <-> ns conversion here.  One mul, no libgcc. */
static inline uint64_t hw_mul_shr32(uint64_t a, uint64_t b)
{
	return (uint64_t)(((unsigned __int128)a * b) >> 32);
}
#endif /* !__ASSEMBLER__ */

#endif /* HW_HW_H */
