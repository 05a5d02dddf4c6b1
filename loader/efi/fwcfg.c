/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * QEMU fw_cfg through the legacy I/O ports: 16-bit selector at 0x510, byte
 * data at 0x511.  Key 0 reads "QEMU"; key 0x19 is the file directory
 * (be32 count, then 64-byte entries: be32 size, be16 key, be16 reserved,
 * char name[56]).  Only probed inside a VM (CPUID hypervisor bit), so real
 * hardware never sees writes to port 0x510.
 */
#include "abi/hw/io.h"
#include "abi/hw/x86.h"
#include "loader/efi/pvboot.h"

#define FWCFG_SEL	0x510
#define FWCFG_DATA	0x511
#define FWCFG_SIGNATURE	0x0000
#define FWCFG_FILE_DIR	0x0019
#define FWCFG_NAME_MAX	56

static void fw_select(UINT16 key)
{
	hw_outw(FWCFG_SEL, key);
}

static void fw_read(void *buf, UINTN n)
{
	UINT8 *p = buf;

	while (n--)
		*p++ = hw_inb(FWCFG_DATA);
}

static UINT32 be32(const UINT8 *p)
{
	return (UINT32)p[0] << 24 | (UINT32)p[1] << 16 | (UINT32)p[2] << 8 | p[3];
}

static int in_vm(void)
{
	struct pvrom_cpuid_regs r;

	hw_cpuid(HW_CPUID_FEATURES, 0, &r);
	return (r.ecx & HW_CPUID_1_ECX_HYPERVISOR) != 0;
}

int fwcfg_present(void)
{
	char sig[4];

	if (!in_vm())
		return 0;
	fw_select(FWCFG_SIGNATURE);
	fw_read(sig, 4);
	return sig[0] == 'Q' && sig[1] == 'E' && sig[2] == 'M' && sig[3] == 'U';
}

static int name_eq(const char *a, const char *b)
{
	UINTN i;

	for (i = 0; i < FWCFG_NAME_MAX; i++) {
		if (a[i] != b[i])
			return 0;
		if (!a[i])
			return 1;
	}
	return 0;
}

/* The firmware also talks to fw_cfg; raise TPL so no event callback can
 * move the selector while we stream a file. */
EFI_STATUS fwcfg_read_file(const char *name, void **buf, UINTN *size)
{
	UINT8 ent[64];
	UINT32 count, fsize = 0;
	UINT16 key = 0;
	EFI_TPL old;
	void *p;

	*buf = NULL;
	*size = 0;
	if (!fwcfg_present())
		return EFI_UNSUPPORTED;

	old = uefi_call_wrapper(BS->RaiseTPL, 1, TPL_HIGH_LEVEL);
	fw_select(FWCFG_FILE_DIR);
	fw_read(ent, 4);
	count = be32(ent);
	for (UINT32 i = 0; i < count && i < 4096; i++) {
		fw_read(ent, sizeof(ent));
		if (name_eq((const char *)ent + 8, name)) {
			fsize = be32(ent);
			key = (UINT16)(ent[4] << 8 | ent[5]);
			break;
		}
	}
	uefi_call_wrapper(BS->RestoreTPL, 1, old);
	if (!key)
		return EFI_NOT_FOUND;
	if (fsize > PVBOOT_FILE_MAX)
		return EFI_BAD_BUFFER_SIZE;

	p = AllocatePool(fsize ? fsize : 1);
	if (!p)
		return EFI_OUT_OF_RESOURCES;
	old = uefi_call_wrapper(BS->RaiseTPL, 1, TPL_HIGH_LEVEL);
	fw_select(key);
	fw_read(p, fsize);
	uefi_call_wrapper(BS->RestoreTPL, 1, old);
	*buf = p;
	*size = fsize;
	return EFI_SUCCESS;
}
