/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The CMOS RTC read directly, for the wall-clock test only: QEMU keeps it
 * on the host's clock, so it is the host's date as the guest can see it now
 * (whole seconds).  Everything else gets the wall clock from the pv ops.
 */
#include "guest/kernel/lib.h"
#include "guest/kernel/time/time.h"

static uint8_t cmos_read(uint8_t reg)
{
	outb(0x70, reg);
	return inb(0x71);
}

static unsigned from_bcd(uint8_t v, bool bcd)
{
	return bcd ? (v >> 4) * 10u + (v & 0xf) : v;
}

static bool leap(unsigned y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* seconds since 1970 of one consistent reading; 0 if out of range */
static uint64_t rtc_once(void)
{
	static const uint16_t before_month[12] = {
		0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 };
	uint8_t b = cmos_read(0x0b);
	bool bcd = !(b & 0x04), h12 = !(b & 0x02);
	unsigned s, mi, h, d, mo, y;
	uint64_t days = 0;
	uint8_t hr;

	for (unsigned spin = 0; (cmos_read(0x0a) & 0x80) && spin < 1000000; spin++)
		;		/* an update is in progress: wait it out */
	s = from_bcd(cmos_read(0x00), bcd);
	mi = from_bcd(cmos_read(0x02), bcd);
	hr = cmos_read(0x04);
	h = from_bcd(hr & 0x7f, bcd);
	d = from_bcd(cmos_read(0x07), bcd);
	mo = from_bcd(cmos_read(0x08), bcd);
	y = 2000 + from_bcd(cmos_read(0x09), bcd);	/* QEMU: 20xx */
	if (h12)
		h = h % 12 + ((hr & 0x80) ? 12 : 0);
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59)
		return 0;
	for (unsigned yy = 1970; yy < y; yy++)
		days += leap(yy) ? 366 : 365;
	days += before_month[mo - 1] + (mo > 2 && leap(y)) + d - 1;
	return ((days * 24 + h) * 60 + mi) * 60 + s;
}

uint64_t rtc_seconds(void)
{
	uint64_t a = rtc_once(), b;

	for (int i = 0; i < 5; i++) {	/* two equal reads: no torn update */
		b = rtc_once();
		if (a == b)
			return a;
		a = b;
	}
	return a;
}
