/*
 * smi_json.h - Tasmota-shaped output for a running SMI script.
 *
 * SENSOR message, as Tasmota publishes it every TelePeriod:
 *   {"Time":"2026-11-25T12:00:00","Strom":{"P_in":1234.56,...},"SekHK":{...}}
 * with the script's prefixes, JSON names and precisions. Numbers are
 * formatted like Tasmota's dtostrfd (Arduino dtostrf: add half a unit of the
 * last decimal, then truncate; NaN/Inf as null).
 *
 * Deliberate differences from Tasmota (docs/SMI.md):
 *  - a line never decoded is left out, and a meter without any decoded line
 *    gets no object (Tasmota >= 15.3 does the same; older versions print 0);
 *  - each meter's values are in one object even when the script interleaves
 *    meters' lines (Tasmota then opens the prefix twice);
 *  - names and strings are JSON-escaped (Tasmota writes them raw).
 * A meter whose prefix is "*" is left out, as in Tasmota.
 */
#ifndef METERD_SMI_JSON_H
#define METERD_SMI_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "meterd/smi.h"

/* Formats v with exactly `decimals` decimals like dtostrfd; returns the length. */
size_t smi_json_number(double v, unsigned decimals, char *buf, size_t cap);

/* The whole SENSOR object (no newline). `time` is written as given. */
void smi_json_sensor(FILE *f, const struct smi_rt *rt, const char *time);

/* The same into buf (NUL-terminated); returns the length, or 0 if it did not fit. */
size_t smi_json_sensor_buf(char *buf, size_t cap, const struct smi_rt *rt, const char *time);

/* Tasmota's immediate message for line i (precision + 16):
 * {"Time":"...","<prefix>":{"<json>":<value>}}. */
void smi_json_immediate(FILE *f, const struct smi_rt *rt, unsigned i, const char *time);

/* One row of the web table, in script order: =h rows carry raw HTML. */
struct smi_web_row {
	bool html;          /* =h: `text` is the raw HTML */
	bool hidden;        /* label "*": not shown (value still in JSON) */
	const char *prefix; /* meter prefix ("" when it starts with '*') */
	const char *label, *unit;
	const char *text; /* =h text */
	char value[40];   /* formatted value or string ("" if never decoded) */
};

/* Fills row for line i; false when i is out of range. */
bool smi_web_row_get(const struct smi_rt *rt, unsigned i, struct smi_web_row *row);

#endif
