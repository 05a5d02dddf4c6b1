/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The CMOS RTC read directly, for the wall-clock test only: QEMU keeps it
 * on the host's clock, so it is the host's date as the guest can see it now
 * (whole seconds).  Everything else gets the wall clock from the pv ops.
 * Reading and decoding are abi/hw/rtc.h's, as for the ROM and guest/bind.
 */
#include "guest/kernel/lib.h"
#include "guest/kernel/time/time.h"
#include "abi/hw/rtc.h"

uint64_t rtc_seconds(void)
{
	struct hw_rtc_raw raw;

	if (hw_rtc_read(hw_cmos_read, &raw))
		return 0;
	return hw_rtc_decode(&raw);
}
