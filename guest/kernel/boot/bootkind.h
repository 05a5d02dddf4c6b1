/* SPDX-License-Identifier: GPL-2.0-only */
/* How we were entered (boot/head.S passes it to kmain in %rdi). */
#ifndef KERNEL_BOOTKIND_H
#define KERNEL_BOOTKIND_H
#define BOOT_KIND_PVH	1
#define BOOT_KIND_MB2	2
#define BOOT_KIND_PVROM	3
#endif
