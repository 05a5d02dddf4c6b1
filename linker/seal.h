/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Sealing a ROM image: fill in the pvrom header's CRC-32, then the checksum
 * byte that makes the 8-bit sum of the image zero.  Shared by pvrom-link and
 * the tests (which mutate a good image and reseal it so that the check they
 * aim at is reached).
 */
#ifndef PVROM_SEAL_H
#define PVROM_SEAL_H

#include <stdint.h>

/* 'size' is the image size (length byte * 512); rom must hold the header. */
void pvrom_seal(uint8_t *rom, uint32_t size);

#endif /* PVROM_SEAL_H */
