/* SPDX-License-Identifier: GPL-2.0-only */
/* System call numbers and the TLS layout shared by kernel and user code. */
#ifndef KERNEL_USER_ABI_H
#define KERNEL_USER_ABI_H

#define SYS_WRITE	0	/* (fd, buf, len) -> len or -1 */
#define SYS_YIELD	1	/* () -> 0 */
#define SYS_GETPID	2	/* () -> pid */
#define SYS_EXIT	3	/* (code) -> does not return */
#define SYS_REPORT	4	/* (bad) -> 0: the task reports its own checks */

/* Each task's FS base points at its TLS page: the pid at offset 0, so the
 * task can see that its FS base survived context switches. */
#define USER_TLS_VA	0x0000000000600000

#endif
