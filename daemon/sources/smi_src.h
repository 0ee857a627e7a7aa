/*
 * smi_src.h - a Tasmota SMI script as a meter source: its meters bound to
 * buses by the config's pin map; the script's runtime (smi.h) decodes, this
 * module feeds bytes, sends requests, keeps time, guards totals and
 * publishes each script meter into the seam under its JSON prefix.
 */
#ifndef METERD_SMI_SRC_H
#define METERD_SMI_SRC_H

#include <stddef.h>
#include <stdio.h>

#include "config.h"

struct engine;
struct smi_inst;
struct jsonw;

struct smi_inst *smi_src_new(struct engine *e, const struct cfg_smi *cs);
void             smi_src_free(struct smi_inst *si);

const struct cfg_smi *smi_src_cfg(const struct smi_inst *si);
void                  smi_src_set_cfg(struct smi_inst *si, const struct cfg_smi *cs);
unsigned              smi_src_meter_count(const struct smi_inst *si);

/* The script's part of a SENSOR message: `"Strom":{...},"SekHK":{...}` (no braces), or "". */
size_t smi_src_sensor(struct smi_inst *si, char *buf, size_t cap, const char *time_str);

/* Each script meter's health into the status file, and into the log (SIGUSR1). */
void smi_src_status(const struct smi_inst *si, struct jsonw *w);
void smi_src_log_health(const struct smi_inst *si);

/* Re-judges each script meter's health (the engine's health tick). */
void smi_src_tick(struct smi_inst *si, uint64_t now);

#endif
