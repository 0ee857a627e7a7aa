/*
 * smi_json.c - Tasmota SENSOR JSON and web rows from an SMI runtime.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "jsonw.h"
#include "smi_json.h"

size_t
smi_json_number(double v, unsigned decimals, char *buf, size_t cap)
{
	char tmp[400];
	size_t n = 0;
	double rounding = 0.5, rem;
	unsigned i;

	if (!isfinite(v)) {
		n = (size_t)snprintf(tmp, sizeof(tmp), "null");
	} else {
		if (decimals > 15)
			decimals = 15;
		if (v < 0) {
			tmp[n++] = '-';
			v = -v;
		}
		/* Arduino dtostrf: add half a unit of the last decimal, then
		 * print the integer part and peel off the decimals one by one. */
		for (i = 0; i < decimals; i++)
			rounding /= 10.0;
		v += rounding;
		{
			double ip = floor(v);
			rem = v - ip;
			n += (size_t)snprintf(tmp + n, sizeof(tmp) - n, "%.0f", ip);
		}
		if (decimals) {
			tmp[n++] = '.';
			for (i = 0; i < decimals; i++) {
				int d;
				rem *= 10.0;
				d = (int)rem;
				if (d > 9)
					d = 9;
				tmp[n++] = (char)('0' + d);
				rem -= d;
			}
		}
		tmp[n] = '\0';
	}
	if (n + 1 > cap)
		return 0;
	memcpy(buf, tmp, n + 1);
	return n;
}

/* One value under its JSON name: the script's precision, or the string. */
static void
put_value(struct jsonw *w, const struct smi_value *v)
{
	char num[400];

	if (v->is_string) {
		jsonw_str(w, v->json, v->text);
		return;
	}
	smi_json_number(v->value, v->decimals, num, sizeof(num));
	jsonw_raw_number(w, v->json, num);
}

/* Written through jsonw like every other JSON meterd makes (valid UTF-8 always). */
void
smi_json_sensor(FILE *f, const struct smi_rt *rt, const char *time)
{
	const struct smi_script *s = rt->s;
	bool temp = false, pressure = false;
	struct jsonw w;
	unsigned m, i;

	jsonw_init(&w, f);
	jsonw_obj_open(&w);
	jsonw_str(&w, "Time", time);
	for (m = 0; m < s->n_meters; m++) {
		bool open = false;
		if (strcmp(s->meters[m].prefix, "*") == 0)
			continue;
		for (i = 0; i < s->n_lines; i++) {
			struct smi_value v;
			if (s->lines[i].meter != m || !smi_value_get(rt, i, &v) || !v.valid)
				continue;
			if (!open) {
				jsonw_key_obj_open(&w, v.prefix);
				open = true;
			}
			put_value(&w, &v);
			temp = temp || strstr(v.json, "Temperature") != NULL;
			pressure = pressure || strstr(v.json, "Pressure") != NULL;
		}
		if (open)
			jsonw_obj_close(&w);
	}
	/* Tasmota appends the units when the message mentions these words. */
	if (temp)
		jsonw_str(&w, "TempUnit", "C");
	if (pressure)
		jsonw_str(&w, "PressureUnit", "hPa");
	jsonw_obj_close(&w);
}

size_t
smi_json_sensor_buf(char *buf, size_t cap, const struct smi_rt *rt, const char *time)
{
	FILE *f;
	long n;

	if (cap == 0 || (f = fmemopen(buf, cap, "w")) == NULL)
		return 0;
	smi_json_sensor(f, rt, time);
	n = ftell(f);
	if (fclose(f) != 0 || n < 0 || (size_t)n >= cap)
		return 0;
	buf[n] = '\0';
	return (size_t)n;
}

void
smi_json_immediate(FILE *f, const struct smi_rt *rt, unsigned i, const char *time)
{
	struct smi_value v;
	struct jsonw     w;

	if (!smi_value_get(rt, i, &v))
		return;
	jsonw_init(&w, f);
	jsonw_obj_open(&w);
	jsonw_str(&w, "Time", time);
	jsonw_key_obj_open(&w, v.prefix);
	put_value(&w, &v);
	jsonw_obj_close(&w);
	jsonw_obj_close(&w);
}

bool
smi_web_row_get(const struct smi_rt *rt, unsigned i, struct smi_web_row *row)
{
	const struct smi_script *s = rt->s;
	struct smi_value v;

	if (i >= s->n_lines)
		return false;
	memset(row, 0, sizeof(*row));
	if (s->lines[i].kind == SMI_LINE_HTML) {
		row->html = true;
		row->text = s->pool + s->lines[i].label;
		return true;
	}
	smi_value_get(rt, i, &v);
	row->prefix = v.prefix[0] == '*' ? "" : v.prefix;
	row->label = v.label;
	row->unit = v.unit;
	row->hidden = strcmp(v.label, "*") == 0;
	if (!v.valid)
		row->value[0] = '\0';
	else if (v.is_string)
		snprintf(row->value, sizeof(row->value), "%s", v.text);
	else
		smi_json_number(v.value, v.decimals, row->value, sizeof(row->value));
	return true;
}
