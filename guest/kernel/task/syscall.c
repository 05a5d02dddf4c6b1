/* SPDX-License-Identifier: GPL-2.0-only */
/* System calls: write, yield, getpid, exit (and report, for the tests). */
#include "guest/kernel/lib.h"
#include "guest/kernel/pv.h"
#include "guest/kernel/cpu/cpu.h"
#include "guest/kernel/task/task.h"

void syscall_dispatch(struct trap_frame *f);

static bool user_range(uint64_t p, uint64_t len)
{
	return p < USER_TOP && len <= USER_TOP - p;
}

static int64_t sys_write(uint64_t fd, uint64_t buf, uint64_t len)
{
	char tmp[128];

	if (fd != 1 || !user_range(buf, len) || len > sizeof(tmp))
		return -1;
	/* copy through an extable probe: a bad user pointer is -1, not a panic */
	for (uint64_t i = 0; i < len; i++) {
		uint64_t a = buf + i, v;

		/* aligned 8-byte reads never cross into an unmapped page */
		if (probe_read64((const void *)(a & ~7ull), &v))
			return -1;
		tmp[i] = (char)(v >> (8 * (a & 7)));
	}
	console_write(tmp, len);
	current->nwrites++;
	return (int64_t)len;
}

void syscall_dispatch(struct trap_frame *f)
{
	int64_t ret = -1;

	current->nsyscalls++;
	switch (f->rax) {
	case SYS_WRITE:
		ret = sys_write(f->rdi, f->rsi, f->rdx);
		break;
	case SYS_YIELD:
		current->nyields++;
		schedule();
		ret = 0;
		break;
	case SYS_GETPID:
		current->ngetpid++;
		ret = current->pid;
		break;
	case SYS_EXIT:
		current->exit_code = (int)f->rdi;
		current->state = T_DEAD;
		schedule();
		panic("exit: a dead task was scheduled");
	case SYS_REPORT:
		current->bad_returns += (unsigned)f->rdi;
		ret = 0;
		break;
	}
	f->rax = (uint64_t)ret;
	pv_irq_disable();	/* sysretq path: no interrupt between pops */
}
