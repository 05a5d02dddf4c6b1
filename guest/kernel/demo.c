/* SPDX-License-Identifier: GPL-2.0-only */
/* run=demo (make run): the binding report is already out; show the user
 * tasks running, then exit cleanly. */
#include "guest/kernel/lib.h"
#include "guest/kernel/kernel.h"
#include "guest/kernel/task/task.h"

void demo_run(void)
{
	bool ok;

	printf("demo: starting two ring-3 tasks (each in its own address "
	       "space)\n");
	ok = run_user_tasks(true);
	printf("demo: %s; pvrom: %s\n", ok ? "done" : "FAILED", pvrom_state);
	qemu_exit(ok ? EXIT_PASS : EXIT_FAIL);
}
