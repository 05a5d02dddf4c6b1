; SPDX-License-Identifier: GPL-2.0-only
;
; The 16-bit option-ROM head: everything before the ELF image at 0x1000.
; pvrom-link fills the length byte, the pvrom header (0x20..0x7f), the PCIR
; fields and the $PnP checksum; this file only lays out the fixed parts and
; the init entry point, which BIOS far-calls during POST.
BITS 16
ORG 0

	db	0x55, 0xaa
	db	0			; length in 512-byte units (pvrom-link)
	jmp	near init16		; offset 3: init entry
	times	0x18 - ($ - $$) db 0
	dw	pcir			; PCI data structure
	dw	pnp			; $PnP expansion header
	times	0x80 - ($ - $$) db 0	; 0x20..0x7f: pvrom header (pvrom-link)

pcir:					; PCI Firmware spec data structure
	db	'PCIR'
	times	24 db 0			; vendor, device, ... (pvrom-link)

	times	0xa0 - ($ - $$) db 0
pnp:					; PnP BIOS option-ROM expansion header
	db	'$PnP'
	db	1			; structure revision
	db	2			; length in 16-byte units
	dw	0			; next header: none
	db	0			; reserved
	db	0			; checksum of these 32 bytes (pvrom-link)
	dd	0			; device identifier
	dw	str_vendor		; manufacturer string
	dw	str_product		; product name string
	db	0, 0, 0			; device type code
	db	0			; device indicators
	dw	0			; boot connection vector: none
	dw	0			; disconnect vector: none
	dw	0			; bootstrap entry vector: none
	dw	0			; reserved
	dw	0			; static resource information vector

; Far-called by the BIOS.  Leaves a line on the SeaBIOS debug port so a
; test can see the ROM was run, and changes no register.
init16:
	pushf
	pushad
	push	ds
	push	cs
	pop	ds
	cld
	mov	si, msg
	mov	dx, 0x402
.next:	lodsb
	test	al, al
	jz	.done
	out	dx, al
	jmp	.next
.done:	pop	ds
	popad
	popf
	retf

msg:		db	'pvrom: option ROM init', 10, 0
str_vendor:	db	'pvrom project', 0
str_product:	db	'pvrom paravirtualization ROM', 0
licence:	db	'pvrom: GPL-2.0-only', 0

%if ($ - $$) > 4096
%error "the head must fit below the ELF image at 0x1000"
%endif
