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
#include "abi/hw/io.h"
#include "abi/hw/lapic.h"

/* The 8259 pair: command and data ports (kernel-only: no ROM twin). */
#define PIC1_CMD	0x20
#define PIC1_DATA	0x21
#define PIC2_CMD	0xa0
#define PIC2_DATA	0xa1

volatile uint64_t ticks;
volatile uint64_t tick_rearm_errors;
static uint64_t next_deadline;
static bool running;

/* The 8259 PICs still deliver IRQ0 at vector 8 as the BIOS left them:
 * move them to 0x20-0x2f (away from the exceptions) and mask every line;
 * all our interrupts come from the LAPIC. */
static void pic_disable(void)
{
	hw_outb(PIC1_CMD, 0x11);	/* ICW1: init, ICW4 follows */
	hw_outb(PIC2_CMD, 0x11);
	hw_outb(PIC1_DATA, 0x20);	/* ICW2: vector base */
	hw_outb(PIC2_DATA, 0x28);
	hw_outb(PIC1_DATA, 0x04);	/* ICW3: slave on IRQ2 */
	hw_outb(PIC2_DATA, 0x02);
	hw_outb(PIC1_DATA, 0x01);	/* ICW4: 8086 mode */
	hw_outb(PIC2_DATA, 0x01);
	hw_outb(PIC1_DATA, 0xff);	/* mask all */
	hw_outb(PIC2_DATA, 0xff);
}

void apic_early_enable(void)
{
	pic_disable();
	volatile uint32_t *svr = (volatile uint32_t *)(APIC_VA + HW_APIC_SVR);

	*svr = HW_APIC_SVR_ENABLE | VEC_SPURIOUS;
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
