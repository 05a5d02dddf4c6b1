/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pvbind: the pvrom binding library, the one header a kernel includes.
 *
 * Any 64-bit x86 kernel can drop guest/bind/ in: it finds a pvrom image (boot
 * hand-off first, then the legacy 0xC0000-0xEFFFF scan), copies it out of
 * ROM space, validates the copy with the shared validator (image.h), applies
 * the licence policy, maps the image R+X and its data area RW+NX where the
 * kernel says, runs the ROM's init handshake and fills the pv_ops table
 * (pvops.h) with the ROM's entry points.  Whatever goes wrong, pv_ops stays
 * fully native and the result says why: the library never takes the kernel
 * down for a bad ROM.
 *
 * The kernel supplies memory, mapping and logging through struct pvb_env; the
 * library has no other dependency (freestanding C, no libc, no kernel
 * headers).  Single CPU, boot time only: nothing here is re-entrant except
 * pvb_fixup() and the ops themselves.
 */
#ifndef PVBIND_PVBIND_H
#define PVBIND_PVBIND_H

#include <stdint.h>
#include "abi/pvrom/ops.h"
#include "abi/pvrom/bootinfo.h"
#include "guest/bind/image.h"
#include "guest/bind/pvops.h"

/* Page protections for pvb_env.map. */
#define PVB_PROT_R	1u
#define PVB_PROT_W	2u
#define PVB_PROT_X	4u

/*
 * What the kernel lends the library.  All callbacks are called with
 * interrupts in whatever state the caller of pvb_bind() left them, except
 * around the ROM's init (interrupts off).
 */
struct pvb_env {
	/* One line of log output, no trailing newline.  May be NULL (silent). */
	void (*log)(const char *msg);
	/* Zeroed, physically contiguous, page-aligned memory, never freed:
	 * holds the ROM copy and the data area.  NULL on failure. */
	void *(*alloc_pages)(uint64_t npages);
	uint64_t (*virt_to_phys)(const void *va);
	/* Read access to physical memory, for the ROM scan and the hand-off
	 * copy.  NULL if [pa, pa+len) cannot be reached. */
	const void *(*phys_ptr)(uint64_t pa, uint64_t len);
	/* Map [va, va+len) to [pa, pa+len), 4 KiB pages, PVB_PROT_* bits
	 * (no X means NX).  0 on success.  The kernel flushes its TLB. */
	int (*map)(uint64_t va, uint64_t pa, uint64_t len, unsigned prot);
	/* Page-aligned VA window for data area + image, chosen by the kernel;
	 * nothing else may be mapped there.  It must hold the data area
	 * (data_size + max_cpus * percpu_size, rounded up to pages) followed by
	 * the image text; 1 MiB is plenty for any sane ROM on a few CPUs. */
	uint64_t rom_va;
	uint64_t rom_va_size;
	/* Where the kernel mapped the xAPIC page (UC), 0 = x2APIC mode.  The
	 * LAPIC must be software-enabled before pvb_native_setup/pvb_bind. */
	uint64_t apic_va;
	/*
	 * Call-site patching (patch.c, the last step of pvb_bind).  The
	 * kernel's .pvsites records (__pvsites_start, __pvsites_end) and the
	 * bounds of its text: a record pointing elsewhere is refused.
	 */
	const struct pv_site *sites, *sites_end;
	uint64_t text_start, text_end;
	/*
	 * Write len bytes (at most PVB_POKE_MAX; they may cross one page
	 * boundary) to kernel text at va through a temporary writable,
	 * non-executable alias of the same physical pages, serialise the CPU
	 * (the new bytes may be executed by the very next pv call, even one
	 * inside text_poke), then remove the alias and flush it from the
	 * TLB, so that no mapping of the text is ever writable and executable
	 * at once (Linux's text_poke).  Called with interrupts off, before any
	 * other CPU runs; the bytes at va are not executed meanwhile.  0 on
	 * success.  NULL: no site is patched.
	 */
	int (*text_poke)(uint64_t va, const void *src, uint64_t len);
};

#define PVB_POKE_MAX	16

#define PVB_MODE_AUTO	0	/* pvrom=auto: bind a valid ROM if any */
#define PVB_MODE_OFF	1	/* pvrom=off: native ops only, no scan */

struct pvb_config {
	int mode;			/* PVB_MODE_* */
	int license_any;		/* pvrom.license=any: bind a non-GPL ROM, taint */
	int force_native_backend;	/* pvrom.backend=native: PVROM_INIT_FORCE_NATIVE */
	int patch_off;			/* pvrom.patch=off: every call site keeps
					 * its indirect call */
	int allow_hypercall;		/* 0: init gets PVROM_INIT_NO_HYPERCALL: a
					 * hypercall a host advertises may still hang
					 * the vCPU (abi/SPEC.md), so opt in */
	uint32_t max_cpus;		/* per-CPU slots to provide; 0 means 1, at
					 * most PVROM_MAX_CPUS.  With
					 * more than 1 the kernel must set each CPU's
					 * IA32_TSC_AUX[11:0] to its slot index. */
	/* ROM handed over by a boot loader (bootinfo rom_addr/rom_size/
	 * rom_source); 0 = none.  Tried before the scan, validated the same. */
	uint64_t handoff_pa, handoff_size;
	int handoff_source;		/* PVROM_SRC_* */
	/* Tests only: if non-zero, passed to the ROM as init_args.data_pa
	 * instead of the real address (the data area stays where it is), to
	 * exercise the ROM's per-feature fallbacks.  0 in real use. */
	uint64_t test_data_pa;
	/* Identity given to the ROM's init (truncated to 31 bytes). */
	const char *guest_name, *guest_version, *guest_license;
};

/*
 * Binding failures, one row per code as in PVB_ERRORS (image.h):
 * X(name, message).  They number on from 0x100, above every validator code,
 * so one int (pvb_result.err, pvb_candidate.err) holds either: a candidate
 * is refused by discovery and the validator or by a binding step, and a
 * single code says which without a second "kind" field to keep in step.
 */
#define PVB_BIND_ERRORS(X) \
	X(PVB_B_OFF,         "disabled (pvrom=off)") \
	X(PVB_B_NONE,        "no pvrom image found") \
	X(PVB_B_UNREACHABLE, "ROM memory not reachable (phys_ptr)") \
	X(PVB_B_ENV,         "kernel environment incomplete (struct pvb_env)") \
	X(PVB_B_NOMEM,       "out of memory for the ROM copy or data area") \
	X(PVB_B_VA_WINDOW,   "VA window too small or misaligned for data area + image") \
	X(PVB_B_MAP,         "mapping the ROM failed") \
	X(PVB_B_NO_INIT,     "ROM exports no pvrom_init") \
	X(PVB_B_MISSING_OP,  "ROM lacks an op of the ABI version it claims") \
	X(PVB_B_INIT,        "ROM init handshake failed") \
	X(PVB_B_INIT_RESULT, "ROM init result unusable (wrong ABI major)")

enum pvb_bind_err {
	PVB_B_BASE = 0xFF,		/* the first row is PVB_B_FIRST */
#define PVB_X_ENUM(name, msg) name,
	PVB_BIND_ERRORS(PVB_X_ENUM)
#undef PVB_X_ENUM
	PVB_B_MAX,
	PVB_B_FIRST = PVB_B_BASE + 1
};
PVROM_STATIC_ASSERT((int)PVB_E_MAX <= (int)PVB_B_FIRST, "validator and binding codes overlap");

/* Message and name ("PVB_B_INIT", "PVB_E_CRC") for any code above or of
 * enum pvb_err; never NULL.  Logs carry both: tests grep the names. */
const char *pvb_bind_strerror(int err);
const char *pvb_bind_errname(int err);

/*
 * What a call site became, one row per outcome: X(name, short, why).  The
 * first three are patched, the next two kept their indirect call on
 * purpose, the rest were refused (and also kept their call).  The first
 * four double as the plan for an op's sites (pvb_result.op_site).
 */
#define PVB_SITE_OUTCOMES(X) \
	X(PVB_SITE_NATIVE,   "native",      "the op's native sequence inline") \
	X(PVB_SITE_CALL,     "call",        "a direct call") \
	X(PVB_SITE_NOP,      "nop",         "one NOP: the op does nothing here") \
	X(PVB_SITE_KEPT,     "kept",        "indirect call kept (pvrom.patch=off, or no text_poke)") \
	X(PVB_SITE_FAR,      "far",         "indirect call kept: target out of rel32 reach") \
	X(PVB_SITE_RECORD,   "bad-record",  "record names no op of this build, or a length or attributes not its op's") \
	X(PVB_SITE_BOUNDS,   "outside-text","site not inside the kernel text") \
	X(PVB_SITE_BYTES,    "bytes",       "bytes are not the recorded call") \
	X(PVB_SITE_CALLEE_SAVE, "callee-save", "replacement would not keep the callee-save contract") \
	X(PVB_SITE_TOO_LONG, "too-long",    "native sequence longer than the site") \
	X(PVB_SITE_POKE,     "poke-failed", "the kernel's text_poke failed")

enum pvb_site_outcome {
#define PVB_X_ENUM(name, s, why) name,
	PVB_SITE_OUTCOMES(PVB_X_ENUM)
#undef PVB_X_ENUM
	PVB_SITE_MAX,
	PVB_SITE_FIRST_KEPT = PVB_SITE_KEPT,
	PVB_SITE_FIRST_REFUSED = PVB_SITE_RECORD
};

/* Short name and explanation of an outcome (names.c). */
const char *pvb_site_name(unsigned outcome);
const char *pvb_site_why(unsigned outcome);

/* pvb_result.op_rom_kind when the ROM said nothing (1.0 ROM or guest, or
 * the op not the ROM's). */
#define PVB_KIND_NONE	0xff

#define PVB_MAX_CANDIDATES	8	/* refused candidates remembered */

struct pvb_candidate {
	uint64_t pa;			/* where it was found */
	uint32_t size;			/* bytes (length byte * 512) */
	int source;			/* PVROM_SRC_SCAN or the hand-off's source */
	int err;			/* PVB_OK if taken, else why refused */
};

struct pvb_result {
	int bound;			/* 1: pv_ops holds ROM entry points */
	int err;			/* PVB_OK, enum pvb_err or enum pvb_bind_err */
	int32_t detail;			/* init's return value, missing op number, ... */
	char reason[128];		/* one-line explanation when !bound */

	/* where it was found (valid when a candidate passed validation) */
	uint64_t rom_pa;
	uint32_t rom_size;
	int source;			/* PVROM_SRC_* */
	int ncandidates;
	struct pvb_candidate cand[PVB_MAX_CANDIDATES];

	/* versions */
	uint16_t rom_abi_major, rom_abi_minor;		/* from its header */
	uint16_t guest_abi_major, guest_abi_minor;	/* what we were built for */

	/* the ROM's notes and handshake */
	char release[PVROM_NAME_LEN];
	char license[64];
	char vendor[64];
	char backends[64];
	char source_url[128];
	char source_hash[72];
	char build_id[2 * 20 + 1];	/* hex */
	int license_gpl;		/* licence passed pvb_license_gpl_compatible */
	int tainted;			/* bound under license_any with a non-GPL licence */
	char backend[PVROM_BACKEND_LEN + 1];
	uint64_t features;		/* PVROM_FEAT_* from init */

	/* placement */
	uint64_t image_va, image_pa, image_size;	/* mapped R+X text */
	uint64_t data_va, data_size;			/* data_size + max_cpus*percpu */

	/* per op (this build's enum pvrom_op numbering) */
	uint32_t nops, nbound, nnative;
	uint8_t op_bound[PVROM_OP_COUNT];		/* 1 = ROM, 0 = native */
	uint32_t op_offset[PVROM_OP_COUNT];		/* in the ELF image, if bound */
	uint8_t op_rom_kind[PVROM_OP_COUNT];		/* op_info's PVROM_KIND_*,
							 * or PVB_KIND_NONE */
	uint8_t op_site[PVROM_OP_COUNT];		/* PVB_SITE_NATIVE..KEPT:
							 * what its sites become */
	uint64_t op_target[PVROM_OP_COUNT];		/* PVB_SITE_CALL: callee */

	/* call sites: how many were recorded and how each ended */
	uint32_t nsites;
	uint32_t site_count[PVB_SITE_MAX];
};

/*
 * Set up the native ops now: the LAPIC mode, the TSC rate (from CPUID when
 * it states one, else calibrated against the PIT: ~50 ms), the LAPIC timer
 * rate (against the TSC: 10 ms) and the wall clock (CMOS RTC); interrupts
 * disabled while measuring.  Runs once (later calls return at once).
 * Returns 0 (a missing APIC only disables alarms).
 *
 * pvb_bind() calls it when it binds no ROM, i.e. every op stays native.
 * When a ROM is bound it does not (no PIT time for a ROM that supplies the
 * rate): the ops that ROM leaves native, those of a newer minor, and any
 * pvb_native_<op>() a kernel calls directly set up the time they need on
 * first use (TSC rate, wall clock; the LAPIC timer rate only when a native
 * alarm is armed, as the bound ROM's alarms own the timer).  A kernel that
 * binds nothing (a PVOPS_NATIVE build) calls this instead of pvb_bind();
 * one that wants native time before binding may call it earlier.
 */
int pvb_native_setup(const struct pvb_env *env);

/*
 * Find, validate, map, initialise and bind a ROM; fill *res.  Returns 0 when
 * bound, else the error also stored in res->err; in every case pv_ops is
 * coherent (all native, or ROM for every op the ROM provides).  Call once,
 * on the boot CPU, early (before anything depends on monotonic_ns: the ROM's
 * clock and the native one have different epochs), with the LAPIC mapped
 * and the #GP/#UD handlers already calling pvb_fixup() (the ROM's init may
 * use its fault table), and before any other CPU runs: the last step
 * rewrites every recorded call site (unless cfg->patch_off or
 * env->text_poke is NULL), to what the ROM's op_info says (ABI 1.1), to a
 * direct call of the ROM's export (a 1.0 ROM), or, with no ROM bound, to
 * the op's native sequence.  A refused candidate does not stop the search:
 * the first one that validates and passes the licence policy is bound.
 * When none is (or mode is PVB_MODE_OFF), it calls pvb_native_setup().
 */
int pvb_bind(const struct pvb_env *env, const struct pvb_config *cfg,
	     struct pvb_result *res);

/* Print the binding report, one env->log line per fact (see report.c). */
void pvb_report(const struct pvb_env *env, const struct pvb_result *res);

/*
 * For the kernel's #GP/#UD handler.  Expected faults exist only in the *_safe
 * MSR ops: if *rip is one of the library's own native fault points or an
 * entry of the bound ROM's fault table, set *rip to its fix-up and return 1
 * (the op then returns -PVROM_EFAULT); else return 0 and the fault is real.
 * Safe in any context: reads only data fixed at bind time.
 */
int pvb_fixup(uint64_t *rip, int vector);

/* Names of this build's ops (enum pvrom_op order) and their ABI minor. */
const char *pvb_op_name(unsigned op);
unsigned pvb_op_minor(unsigned op);

/* Small freestanding formatter used by the report; handy for kernels too.
 * %s %c %d %u %x %lx %lu %ld %llx %llu %lld %p %%, width and 0-padding.
 * Always NUL-terminates; returns the untruncated length, as snprintf. */
int pvb_snprintf(char *buf, uint64_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif /* PVBIND_PVBIND_H */
