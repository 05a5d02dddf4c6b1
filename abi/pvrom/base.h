/* SPDX-License-Identifier: MIT */
/*
 * pvrom ABI: common definitions shared by every other abi/pvrom header.
 *
 * Versioning: PVROM_ABI_MAJOR changes only for an incompatible change (an op
 * removed or its meaning changed, a struct field moved).  A compatible
 * extension (a new op, a new flag, a field appended behind a size field)
 * bumps PVROM_ABI_MINOR.  Every header compiles on its own as C99 and C++.
 */
#ifndef PVROM_BASE_H
#define PVROM_BASE_H

#include <stdint.h>

#define PVROM_ABI_MAJOR 1
/* The newest minor these headers describe; a build may select any minor up
 * to it (guests and ROMs of older minors are built from the same headers). */
#define PVROM_ABI_MINOR_LATEST 1
#ifndef PVROM_ABI_MINOR
#define PVROM_ABI_MINOR 0
#endif
#if PVROM_ABI_MINOR > PVROM_ABI_MINOR_LATEST
#error "PVROM_ABI_MINOR is newer than these headers know (PVROM_ABI_MINOR_LATEST)"
#endif

#ifdef __cplusplus
#define PVROM_STATIC_ASSERT(c, m) static_assert(c, m)
#else
#define PVROM_STATIC_ASSERT(c, m) _Static_assert(c, m)
#endif

/* Error codes returned (negated) by ops that can fail. */
#define PVROM_OK	0
#define PVROM_EINVAL	1	/* bad argument */
#define PVROM_EFAULT	2	/* the instruction faulted (#GP etc.) */
#define PVROM_ENOSYS	3	/* not available on this backend */
#define PVROM_EVERSION	4	/* incompatible ABI major */
#define PVROM_ERANGE	5	/* value out of range */

#endif /* PVROM_BASE_H */
