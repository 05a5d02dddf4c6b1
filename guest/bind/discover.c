// SPDX-License-Identifier: GPL-2.0-only
/*
 * Discovery: the boot loader's hand-off first, then the legacy option-ROM
 * scan of 0xC0000-0xEFFFF on 2 KiB steps.  A 55 AA signature proves nothing
 * (SeaBIOS leaves a fake header with a bad checksum at 0xE8000/0xE8800), so
 * a ROM counts only with a sane length and a zero 8-bit sum, and it is a
 * pvrom candidate only with the pvrom header magic at 0x20.  Other ROMs (VGA
 * BIOS, QEMU's pvh.bin/linuxboot.bin, kvmvapic.bin) are stepped over.
 */
#include "guest/bind/bind_int.h"

static int pvrom_magic(const uint8_t *rom)
{
	const char *m = PVROM_HEADER_MAGIC;

	for (int i = 0; i < 8; i++)
		if (rom[PVROM_HEADER_OFFSET + i] != (uint8_t)m[i])
			return 0;
	return 1;
}

static int add(struct pvb_candidate *out, int n, int max, uint64_t pa,
	       uint32_t size, int source, int err)
{
	if (n >= max)
		return n;
	out[n].pa = pa;
	out[n].size = size;
	out[n].source = source;
	out[n].err = err;
	return n + 1;
}

int pvb_discover(const struct pvb_env *env, const struct pvb_config *cfg,
		 struct pvb_candidate *out, int max)
{
	int n = 0;

	if (cfg->handoff_pa && cfg->handoff_size) {
		uint64_t size = cfg->handoff_size;
		if (size > PVROM_IMAGE_MAX)	/* a ROM never needs more */
			size = PVROM_IMAGE_MAX;
		n = add(out, n, max, cfg->handoff_pa, (uint32_t)size,
			cfg->handoff_source, PVB_OK);
	}

	for (uint64_t pa = PVB_SCAN_START; pa < PVB_SCAN_END && n < max;) {
		const uint8_t *h = env->phys_ptr(pa, PVROM_HEADER_OFFSET + 0x30);
		if (!h || h[0] != PVROM_OPTROM_SIG0 || h[1] != PVROM_OPTROM_SIG1) {
			pa += PVB_SCAN_STEP;
			continue;
		}
		int ours = pvrom_magic(h);
		uint32_t len = h[PVROM_OPTROM_LEN_OFF] * PVROM_OPTROM_UNIT;
		if (len == 0 || pa + len > PVB_SCAN_END) {
			if (ours)
				n = add(out, n, max, pa, len, PVROM_SRC_SCAN, PVB_E_LENGTH);
			pa += PVB_SCAN_STEP;
			continue;
		}
		const uint8_t *rom = env->phys_ptr(pa, len);
		uint8_t sum = 0;
		if (rom)
			for (uint32_t i = 0; i < len; i++)
				sum = (uint8_t)(sum + rom[i]);
		if (!rom || sum != 0) {
			if (ours)
				n = add(out, n, max, pa, len, PVROM_SRC_SCAN,
					rom ? PVB_E_CHECKSUM : PVB_B_UNREACHABLE);
			pa += PVB_SCAN_STEP;
			continue;
		}
		if (ours)
			n = add(out, n, max, pa, len, PVROM_SRC_SCAN, PVB_OK);
		/* A valid ROM: nothing else starts inside it. */
		pa += (len + PVB_SCAN_STEP - 1) / PVB_SCAN_STEP * PVB_SCAN_STEP;
	}
	return n;
}
