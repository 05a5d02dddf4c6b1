/* SPDX-License-Identifier: GPL-2.0-only */
/* Tasks, the scheduler and system calls (task/). */
#ifndef KERNEL_TASK_H
#define KERNEL_TASK_H

#include <stdint.h>
#include <stdbool.h>
#include "guest/kernel/mm/mm.h"
#include "guest/kernel/user/abi.h"

#define MAX_TASKS	8

enum task_state { T_FREE, T_RUNNABLE, T_DEAD };

struct task {
	int pid;
	enum task_state state;
	const char *name;
	bool user;
	uint64_t ksp;			/* saved by switch_to */
	uint64_t kstack_pa, kstack_top;
	struct aspace as;
	uint64_t fs_base;
	int exit_code;
	/* what the tests check */
	unsigned nsyscalls, nwrites, nyields, npreempt, ngetpid;
	unsigned bad_returns;		/* set by the kernel, see syscall.c */
	bool killed;
};

extern struct task tasks[MAX_TASKS];
extern struct task *current;

void task_init(void);			/* task 0 = the boot thread */
struct task *task_spawn_user(const char *name, uint64_t arg);
/* Set when a SYSCALL arrived at the kernel's entry still at CPL 3: the
 * nested KVM on our machines does that (and raises #UD for int $0x80). */
extern bool syscall_broken;
void schedule(void);
void task_reap(void);			/* free dead tasks' memory */
int tasks_alive(void);			/* user tasks not yet dead */
void tasks_run_all(void);		/* wait (halting) until they exit */

/* tests/t_tasks.c: two user tasks with the checks; used by run=demo too. */
bool run_user_tasks(bool verbose);

#endif
