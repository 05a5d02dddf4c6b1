/* SPDX-License-Identifier: GPL-2.0-only */
/* Freestanding helpers: string functions, printf, panic.  (Port I/O and
 * other hardware facts: abi/hw.) */
#ifndef KERNEL_LIB_H
#define KERNEL_LIB_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdbool.h>

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define ALIGN_UP(x, a)	(((x) + (a) - 1) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))
#define MIN(a, b)	((a) < (b) ? (a) : (b))
#define MAX(a, b)	((a) > (b) ? (a) : (b))
#define barrier()	__asm__ __volatile__("" ::: "memory")

void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
void *memmove(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
size_t strlcpy(char *d, const char *s, size_t n);
char *strchr(const char *s, int c);
uint64_t strtou64(const char *s, const char **end, int base);

int vsnprintf(char *buf, size_t n, const char *fmt, va_list ap);
int snprintf(char *buf, size_t n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void console_write(const char *s, size_t n);

/* Console sinks: COM1 from the first C instruction, the ROM's once bound. */
void serial_init(void);
void serial_write(const char *s, size_t n);
void console_use_rom(bool on);
bool console_on_rom(void);

/* isa-debug-exit at 0xf4: QEMU exits with (code << 1) | 1. */
#define EXIT_PASS	0
#define EXIT_FAIL	1
#define EXIT_SKIP	2
__attribute__((noreturn)) void qemu_exit(int code);
__attribute__((noreturn, format(printf, 1, 2))) void panic(const char *fmt, ...);

#endif
