/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The LAPIC timer as the kernel sees it: a one-shot alarm (pv_set_alarm)
 * re-armed by its own handler, which makes a periodic tick; EOI through
 * pv_eoi.  Only apic_early_enable() touches the LAPIC directly, because the
 * ABI requires it software-enabled before the ROM's init runs.
 */
#include "guest/kernel/lib.h"
#include "guest/kernel/pv.h"
#include "guest/kernel/memlayout.h"
#include "guest/kernel/cpu/cpu.h"
#include "guest/kernel/time/time.h"

#define APIC_SVR	0xf0
#define APIC_SVR_ENABLE	0x100

volatile uint64_t ticks;
volatile uint64_t tick_rearm_errors;
static uint64_t next_deadline;
static bool running;

/* The 8259 PICs still deliver IRQ0 at vector 8 as the BIOS left them:
 * move them to 0x20-0x2f (away from the exceptions) and mask every line;
 * all our interrupts come from the LAPIC. */
static void pic_disable(void)
{
	outb(0x20, 0x11);	/* ICW1: init, ICW4 follows */
	outb(0xa0, 0x11);
	outb(0x21, 0x20);	/* ICW2: vector base */
	outb(0xa1, 0x28);
	outb(0x21, 0x04);	/* ICW3: slave on IRQ2 */
	outb(0xa1, 0x02);
	outb(0x21, 0x01);	/* ICW4: 8086 mode */
	outb(0xa1, 0x01);
	outb(0x21, 0xff);	/* mask all */
	outb(0xa1, 0xff);
}

void apic_early_enable(void)
{
	pic_disable();
	volatile uint32_t *svr = (volatile uint32_t *)(APIC_VA + APIC_SVR);

	*svr = APIC_SVR_ENABLE | VEC_SPURIOUS;
}

__attribute__((weak)) void sched_tick(struct trap_frame *f)
{
	(void)f;
}

static void tick_irq(struct trap_frame *f)
{
	uint64_t now;

	ticks++;
	if (running) {
		now = pv_monotonic_ns();
		next_deadline += TICK_NS;
		if (next_deadline <= now)	/* we fell behind: skip ticks */
			next_deadline = now + TICK_NS;
		if (pv_set_alarm(next_deadline, VEC_TIMER))
			tick_rearm_errors++;
	}
	pv_eoi();
	if (running)
		sched_tick(f);
}

void tick_start(void)
{
	irq_register(VEC_TIMER, tick_irq);
	running = true;
	next_deadline = pv_monotonic_ns() + TICK_NS;
	if (pv_set_alarm(next_deadline, VEC_TIMER))
		printf("tick: set_alarm refused: no timer tick\n");
}

void tick_stop(void)
{
	uint64_t fl = pv_irq_save_flags();

	pv_irq_disable();
	running = false;
	pv_cancel_alarm();
	pv_irq_restore_flags(fl);
}
