/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The kernel's view of the pv ops: every CPU state change after early boot
 * goes through a pv_<op>() wrapper of the binding library (guest/bind/pvops.h),
 * which calls through the pv_ops table (native until the ROM is bound) and
 * records the call site in .pvsites; with -DPVOPS_NATIVE the wrappers are the
 * native instructions themselves.
 */
#ifndef KERNEL_PV_H
#define KERNEL_PV_H

#include "guest/bind/pvbind.h"

#endif
