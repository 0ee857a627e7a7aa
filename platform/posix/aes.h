/*
 * aes.h (platform) - the AES-128 block primitive for the core's
 * decryptors (core/include/meterd/aes.h), from mbedTLS.
 */
#ifndef METERD_PLATFORM_AES_H
#define METERD_PLATFORM_AES_H

#include "meterd/aes.h"

/* mbedTLS's AES (hardware AES-NI where the CPU has it). One thread only: it caches key schedules. */
extern const struct aes128_ops platform_aes128;

#endif
