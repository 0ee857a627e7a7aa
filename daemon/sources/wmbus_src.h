/*
 * wmbus_src.h - wireless M-Bus receivers as a meter source.
 *
 * Configuration (meterd.conf(5)):
 *
 *   wmbus "kitchen" {            # a receiver: a dongle, or raw telegrams
 *       port "/dev/ttyUSB0"      # or tcp://host:port, or: file "/path" | file "-" (stdin)
 *       dongle im871a            # im871a | iu891a | amb8465 | cul | raw
 *       mode c1t1                # t1 | c1 | s1 | c1t1 (receive mode set at start)
 *       baud 57600               # default by dongle: 57600, 9600, 38400, raw 9600
 *       rssi yes                 # amb8465: the module appends an RSSI byte
 *       dedup 5s                 # drop a repeat of id + access number within this time
 *   }
 *   wmbus_meter "heat" {         # a meter every receiver listens for
 *       id 67947613              # 8 digits, as printed on the meter
 *       key 28F64A24988064A079AA2C807D6102AE   # AES-128 key, if it encrypts
 *       driver kamstrup          # optional hint (kamstrup: compact frames)
 *       silent 30m               # health "silent" after this (default: 3 intervals)
 *   }
 *
 * Every configured meter joins the seam's catalogue as protocol "wmbus";
 * each telegram from it publishes its records as points named as wired
 * M-Bus values are (mbus_reading_name: energy, volume, flow_temperature ...;
 * maxima "_max", minima "_min", then "_tariffN", "_subunitN", "_storageN")
 * and ends with readings_batch_end. Telegrams that
 * cannot be read count in the meter's health (crc_errors, invalid: no or
 * wrong key). Telegrams of meters not configured are listed in the seam
 * (readings_stranger_heard: the web page shows them) and logged once per id.
 */
#ifndef METERD_SOURCE_WMBUS_H
#define METERD_SOURCE_WMBUS_H

#include <stdint.h>

#include "config.h"
#include "platform/posix/ev.h"
#include "readings.h"

struct wmbus_source;

/* Starts every wmbus receiver of c (none: returns a source that does nothing). NULL: no memory. */
struct wmbus_source *wmbus_source_start(struct ev_loop *loop, struct readings *rd,
                                        const struct cfg *c);
void                 wmbus_source_stop(struct wmbus_source *s);

/* Config checks (sections.def). */
int wmbus_section_check(const struct cfg_section *s, struct cfg_diag *d);
int wmbus_meter_section_check(const struct cfg_section *s, struct cfg_diag *d);

#endif
