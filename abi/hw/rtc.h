/* SPDX-License-Identifier: MIT */
/*
 * abi/hw: the CMOS real-time clock (MC146818 and its PC descendants):
 * reading a consistent snapshot, and decoding it into seconds since 1970.
 * The reader is a parameter and the decoding a pure function, so both are
 * host-tested.  Not part of the ROM/guest binary contract
 * (abi/hw/README.md).
 */
#ifndef HW_RTC_H
#define HW_RTC_H

#include "abi/hw/hw.h"
#include "abi/hw/io.h"

#define HW_CMOS_INDEX		0x70	/* bit 7 masks NMIs: left clear */
#define HW_CMOS_DATA		0x71

/* CMOS registers of the clock */
#define HW_CMOS_SECONDS		0x00
#define HW_CMOS_MINUTES		0x02
#define HW_CMOS_HOURS		0x04	/* 12-hour mode: bit 7 is PM */
#define HW_CMOS_DAY		0x07
#define HW_CMOS_MONTH		0x08
#define HW_CMOS_YEAR		0x09	/* two digits */
#define HW_CMOS_STATUS_A	0x0a
#define HW_CMOS_STATUS_B	0x0b
#define HW_CMOS_CENTURY		0x32	/* IBM AT convention, see hw_rtc_decode */

#define HW_RTC_A_UIP		0x80	/* update in progress */
#define HW_RTC_B_24H		0x02	/* else 12-hour */
#define HW_RTC_B_BINARY		0x04	/* else BCD */
#define HW_RTC_HOUR_PM		0x80

/*
 * Reads of status A before giving up on update-in-progress.  The flag is up
 * at most ~2 ms a second (244 us warning plus the update); a poll is two
 * port accesses, at least ~100 ns each (TCG), so 100,000 polls cover 10 ms
 * or more, while a stuck flag costs well under a second even where each
 * access exits to a slow KVM (10,000,000, a guest's old limit, cost minutes).
 */
#define HW_RTC_UIP_POLLS	100000
/* Snapshots taken until two in a row agree (one update per second: two
 * are almost always enough). */
#define HW_RTC_SNAPSHOTS	10

#ifndef __ASSEMBLER__
#include <stdint.h>

/* The fields of one reading, in this order. */
enum hw_rtc_field {
	HW_RTC_SEC, HW_RTC_MIN, HW_RTC_HOUR, HW_RTC_DAY, HW_RTC_MON,
	HW_RTC_YEAR, HW_RTC_CENT, HW_RTC_NFIELDS
};

/* A reading as the CMOS holds it, not yet decoded. */
struct hw_rtc_raw {
	uint8_t f[HW_RTC_NFIELDS];	/* enum hw_rtc_field */
	uint8_t status_b;		/* how to decode them */
};

/* A CMOS register reader: hw_cmos_read, or a test's fake. */
typedef uint8_t hw_cmos_read_fn(uint8_t reg);

static inline uint8_t hw_cmos_read(uint8_t reg)
{
	hw_outb(HW_CMOS_INDEX, reg);
	return hw_inb(HW_CMOS_DATA);
}

/*
 * A consistent reading: wait for no update in progress, read every field,
 * and repeat until two readings in a row agree (then none straddled an
 * update).  -1 if the update flag never cleared; after HW_RTC_SNAPSHOTS
 * disagreeing readings the last one is taken.
 */
HW_INLINE int hw_rtc_read(hw_cmos_read_fn *rd, struct hw_rtc_raw *out)
{
	static const uint8_t reg[HW_RTC_NFIELDS] = {
		HW_CMOS_SECONDS, HW_CMOS_MINUTES, HW_CMOS_HOURS, HW_CMOS_DAY,
		HW_CMOS_MONTH, HW_CMOS_YEAR, HW_CMOS_CENTURY
	};
	uint8_t prev[HW_RTC_NFIELDS] = { 0 };
	uint32_t n, i, same;

	for (n = 0; n < HW_RTC_SNAPSHOTS; n++) {
		for (i = 0; i < HW_RTC_UIP_POLLS; i++)
			if (!(rd(HW_CMOS_STATUS_A) & HW_RTC_A_UIP))
				break;
		if (i == HW_RTC_UIP_POLLS)
			return -1;
		same = n > 0;
		for (i = 0; i < HW_RTC_NFIELDS; i++) {
			out->f[i] = rd(reg[i]);
			if (out->f[i] != prev[i])
				same = 0;
			prev[i] = out->f[i];
		}
		if (same)
			break;
	}
	out->status_b = rd(HW_CMOS_STATUS_B);
	return 0;
}

static inline uint32_t hw_bcd_to_bin(uint8_t v)
{
	return (v >> 4) * 10u + (v & 0x0fu);
}

/*
 * Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar, for
 * dates from 1970 on (earlier ones wrap: hw_rtc_decode refuses them first).
 * Unsigned, as no caller needs earlier dates and it costs no sign fix-ups.
 * Years are counted from March so that the leap day ends the year.
 */
static inline uint64_t hw_days_since_epoch(uint32_t y, uint32_t m, uint32_t d)
{
	uint32_t yy = m <= 2 ? y - 1 : y;
	uint32_t era = yy / 400, yoe = yy % 400;
	uint32_t mp = m > 2 ? m - 3 : m + 9;		/* March = 0 */
	uint32_t doy = (153 * mp + 2) / 5 + d - 1;
	uint32_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return (uint64_t)era * 146097 + doe - 719468;	/* 719468: 0000-03-01 to 1970 */
}

/*
 * Seconds since 1970-01-01 00:00 of a reading (the RTC is taken to be UTC),
 * or 0 if a field is out of range or the date is before 1970.
 *
 * BCD unless status B says binary; 12-hour unless status B says 24 (12 AM
 * is hour 0, 12 PM hour 12).  The century: register 0x32 is a convention
 * only (ACPI's FADT may name another register, and some boards keep other
 * data there), so it is believed only when it decodes to 19..30; otherwise
 * the two-digit year is taken as 1970-2069.
 */
static inline uint64_t hw_rtc_decode(const struct hw_rtc_raw *r)
{
	uint32_t v[HW_RTC_NFIELDS], i, h, y, c;

	for (i = 0; i < HW_RTC_NFIELDS; i++) {
		uint8_t x = r->f[i];

		if (i == HW_RTC_HOUR)
			x &= (uint8_t)~HW_RTC_HOUR_PM;
		v[i] = r->status_b & HW_RTC_B_BINARY ? x : hw_bcd_to_bin(x);
	}
	h = v[HW_RTC_HOUR];
	if (!(r->status_b & HW_RTC_B_24H)) {
		if (h < 1 || h > 12)
			return 0;
		h = h % 12 + (r->f[HW_RTC_HOUR] & HW_RTC_HOUR_PM ? 12 : 0);
	}
	y = v[HW_RTC_YEAR];
	c = v[HW_RTC_CENT];
	if (y > 99)
		return 0;
	if (c >= 19 && c <= 30)
		y += c * 100;
	else
		y += y < 70 ? 2000 : 1900;
	if (y < 1970 || v[HW_RTC_MON] < 1 || v[HW_RTC_MON] > 12 ||
	    v[HW_RTC_DAY] < 1 || v[HW_RTC_DAY] > 31 || h > 23 ||
	    v[HW_RTC_MIN] > 59 || v[HW_RTC_SEC] > 59)
		return 0;
	return hw_days_since_epoch(y, v[HW_RTC_MON], v[HW_RTC_DAY]) * 86400 +
	       h * 3600u + v[HW_RTC_MIN] * 60u + v[HW_RTC_SEC];
}
#endif /* !__ASSEMBLER__ */

#endif /* HW_RTC_H */
