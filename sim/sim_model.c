/*
 * sim_model.c - value models that move like a real home's meters: a
 * household's electricity and a heating circuit, driven by the simulated
 * time of day and the meter's seeded random generator.
 */
#include <math.h>
#include <time.h>

#include "sim.h"

static double
clampd(double v, double lo, double hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* Local hour of day with fraction, 0 <= h < 24. */
static double
hour_of_day(double t)
{
	struct tm tm;

	sim_localtime(t, &tm);
	return tm.tm_hour + tm.tm_min / 60.0 + (tm.tm_sec + (t - floor(t))) / 3600.0;
}

static double
daylight_hours(double t)
{
	struct tm tm;

	sim_localtime(t, &tm);
	return 12.0 - 4.0 * cos(2 * M_PI * (tm.tm_yday + 10) / 365.0);
}

static double
bump(double h, double centre, double width)
{
	double d = (h - centre) / width;

	return exp(-0.5 * d * d);
}

/* Accumulates value*dt into an integer counter without ever losing or reversing. */
static void
integrate(uint64_t *counter, double *frac, double amount)
{
	double whole;

	if (amount <= 0)
		return;
	*frac += amount;
	whole = floor(*frac);
	*counter += (uint64_t)whole;
	*frac -= whole;
}

/* --- household electricity */

static const double phase_share[3] = {0.45, 0.30, 0.25};

void
sim_house_init(struct sim_house *h, struct sim_rng *r, double t, double import_kwh,
               double export_kwh, double pv_peak_w)
{
	int i;

	h->pv_peak_w = pv_peak_w;
	h->t = t;
	h->cloud = sim_rng_range(r, 0.5, 1.0);
	h->import_e4 = (uint64_t)(import_kwh * 1e7);
	h->export_e4 = (uint64_t)(export_kwh * 1e7);
	/* Dutch meters split the totals in tariffs; keep roughly 45 % low. */
	h->import_tariff_e4[0] = h->import_e4 * 45 / 100;
	h->import_tariff_e4[1] = h->import_e4 - h->import_tariff_e4[0];
	h->export_tariff_e4[0] = h->export_e4 * 30 / 100;
	h->export_tariff_e4[1] = h->export_e4 - h->export_tariff_e4[0];
	for (i = 0; i < 3; i++)
		h->volt[i] = 230.0 + sim_rng_range(r, -2, 2);
	sim_house_step(h, r, t);
}

int
sim_house_tariff(double t)
{
	struct tm tm;

	sim_localtime(t, &tm);
	if (tm.tm_wday == 0 || tm.tm_wday == 6 || tm.tm_hour < 7 || tm.tm_hour >= 23)
		return 1;
	return 2;
}

void
sim_house_step(struct sim_house *h, struct sim_rng *r, double t)
{
	double dt = t - h->t, hod = hour_of_day(t), activity, daily, pv = 0, net = 0;
	double fridge;
	int    i, tar = sim_house_tariff(t) - 1;

	if (dt < 0)
		dt = 0;
	h->t = t;

	/* Standby, a fridge compressor (15 of every 40 minutes) and the daily routine. */
	fridge = fmod(t, 2400.0) < 900.0 ? 85.0 : 0.0;
	activity = 0.6 * bump(hod, 7.25, 0.7) + 0.35 * bump(hod, 12.5, 1.0) +
	           1.0 * bump(hod, 19.5, 1.6) + 0.1 * bump(hod, 15.0, 3.0);
	daily = 160.0 + 700.0 * activity;

	/* Appliances switch on at random, more often when people are active. */
	for (i = 0; i < 3; i++) {
		if (t >= h->appl_until[i])
			h->appl_w[i] = 0;
		if (h->appl_w[i] == 0 &&
		    sim_rng_unit(r) < dt * (0.3 + 3.0 * activity) / 3600.0 / 3.0) {
			h->appl_w[i] = sim_rng_range(r, 400, 2400);
			h->appl_until[i] = t + clampd(-360.0 * log(1 - sim_rng_unit(r)), 60, 2400);
		}
	}

	if (h->pv_peak_w > 0) {
		/* Central Europe: 8 h of daylight at the winter solstice, 16 h in June, noon 13:00. */
		double day = daylight_hours(t), rise = 13.0 - day / 2;
		double sun = hod > rise && hod < rise + day ? sin(M_PI * (hod - rise) / day) : 0;

		sun *= 0.35 + 0.65 * (day - 8) / 8; /* low winter sun */

		h->cloud = clampd(h->cloud + 0.5 * (0.75 - h->cloud) * fmin(dt, 600) / 600 +
		                      0.04 * sim_rng_normal(r) * sqrt(fmin(dt, 600) / 10),
		                  0.15, 1.0);
		pv = h->pv_peak_w * pow(sun, 1.3) * h->cloud;
	}

	for (i = 0; i < 3; i++) {
		double load = (daily * phase_share[i] + h->appl_w[i] + (i == 0 ? fridge : 0)) *
		              (1.0 + 0.02 * sim_rng_normal(r));

		h->p_phase[i] = load - pv / 3.0;
		net += h->p_phase[i];
		h->volt[i] = clampd(h->volt[i] + 0.3 * sim_rng_normal(r) +
		                        0.05 * (230.5 - h->volt[i]) - 0.0005 * h->p_phase[i],
		                    216, 244);
		h->amp[i] = fabs(h->p_phase[i]) / h->volt[i];
	}
	h->p_total = net;

	/* The meter integrates the sum of the phases (balancing meter). */
	if (net > 0) {
		uint64_t before = h->import_e4;

		integrate(&h->import_e4, &h->imp_frac, net * dt * 1e4 / 3600.0);
		h->import_tariff_e4[tar] += h->import_e4 - before;
	} else {
		uint64_t before = h->export_e4;

		integrate(&h->export_e4, &h->exp_frac, -net * dt * 1e4 / 3600.0);
		h->export_tariff_e4[tar] += h->export_e4 - before;
	}
}

/* --- heating circuit */

#define HEAT_UA_W_PER_K 180.0   /* house heat loss */
#define WATER_WH_PER_LK 1.163   /* specific heat of water */
#define TANK_LITRES     200.0
#define TANK_CHARGE_W   9000.0

static double
room_setpoint(double hod)
{
	return hod >= 6.0 && hod < 22.0 ? 21.0 : 17.0;
}

void
sim_heat_init(struct sim_heat *h, struct sim_rng *r, double t, double energy_kwh,
              double volume_m3)
{
	double hod = hour_of_day(t);

	h->t = t;
	h->weather = sim_rng_range(r, -3, 3);
	h->energy_wh = (uint64_t)(energy_kwh * 1000);
	h->volume_ml = (uint64_t)(volume_m3 * 1e6);
	h->room_c = room_setpoint(hod) - 0.3;
	h->tank_c = sim_rng_range(r, 47, 55);
	h->flow_c = 45;
	h->return_c = 35;
	h->hours_s = (uint64_t)(h->energy_wh / 4); /* a few years of service */
	sim_heat_step(h, r, t);
}

void
sim_heat_step(struct sim_heat *h, struct sim_rng *r, double t)
{
	double dt = t - h->t, hod = hour_of_day(t), set = room_setpoint(hod);
	double demand, flow_set, dT, lag, load;

	if (dt < 0)
		dt = 0;
	h->t = t;

	/* Outdoor: daily swing (coldest near 05:00, warmest near 15:00) plus weather. */
	h->weather = clampd(h->weather + 0.05 * sim_rng_normal(r) * sqrt(fmin(dt, 3600) / 60) -
	                        h->weather * 1e-4 * fmin(dt, 3600),
	                    -8, 8);
	h->outdoor = 4.0 + h->weather + 4.0 * cos(2 * M_PI * (hod - 15.0) / 24.0) +
	             0.05 * sim_rng_normal(r);

	/* The room follows its setpoint slowly. */
	h->room_c += (set - h->room_c) * (1 - exp(-dt / 1800.0)) + 0.01 * sim_rng_normal(r);

	/* Hot water: draws in the morning and evening, standing loss, charging hysteresis. */
	if (t >= h->draw_until && sim_rng_unit(r) < dt * (0.2 + 2.0 * (bump(hod, 7, 1) +
	                                                               bump(hod, 20, 1.5))) / 3600)
		h->draw_until = t + sim_rng_range(r, 120, 600);
	h->tank_c -= dt * (0.5 / 3600 + (t < h->draw_until ? 12.0 / 3600 : 0));
	if (h->tank_c < 45)
		h->tank_charging = true;
	if (h->tank_c > 55)
		h->tank_charging = false;
	if (h->tank_charging)
		h->tank_c += dt * TANK_CHARGE_W / (TANK_LITRES * WATER_WH_PER_LK) / 3600;

	/* Space heating demand from the heat loss, off in summer weather. */
	demand = h->outdoor < 18 ? HEAT_UA_W_PER_K * (set - h->outdoor) : 0;
	demand = fmax(demand, 0) + (h->room_c < set ? 300 : 0);
	h->power_w = fmax(0, demand * (1 + 0.03 * sim_rng_normal(r)) +
	                         (h->tank_charging ? TANK_CHARGE_W : 0));
	h->valve_pct = clampd(100.0 * demand / (HEAT_UA_W_PER_K * 35.0), 0, 100);

	/* Heating curve (slope 1.4) for the flow temperature; charging wants 65 degC. */
	flow_set = h->outdoor < 18 ? set + 1.4 * (set - h->outdoor) + 8 : 25;
	if (h->tank_charging)
		flow_set = fmax(flow_set, 65);
	flow_set = clampd(flow_set, 25, 75);
	lag = 1 - exp(-dt / 240.0);
	h->flow_c += (flow_set - h->flow_c) * lag + 0.08 * sim_rng_normal(r);

	load = clampd(h->power_w / 12000.0, 0, 1);
	dT = clampd(6.0 + 10.0 * load + 0.2 * sim_rng_normal(r), 3, 25);
	h->return_c = h->flow_c - dT;
	h->flow_lh = h->power_w > 0 ? h->power_w / (WATER_WH_PER_LK * dT) : 0;
	if (h->power_w > h->max_power_w)
		h->max_power_w = h->power_w;
	if (h->flow_lh > h->max_flow_lh)
		h->max_flow_lh = h->flow_lh;

	integrate(&h->energy_wh, &h->e_frac, h->power_w * dt / 3600.0);
	integrate(&h->volume_ml, &h->v_frac, h->flow_lh * dt / 3.6);
	integrate(&h->hours_s, &h->s_frac, dt);
}
