# Kamstrup MULTICAL 403 heat meter, KMP over the optical eye (1200 baud 8N2, address 0x3F).
#
# meterd device profile (format: core/include/meterd/profile.h). One value per line:
#   key name unit scale type access min max absent description
# key = KMP register id in decimal (reading id "kmp:<key>").
#
# KMP values describe themselves: every reply carries the register's unit code and decimal
# exponent, and the MULTICAL 403's energy unit follows its configuration (kWh, MWh or GJ).
# So unit, scale and type are "-" throughout: the profile only names values. Clock, date
# and *_date registers hold decimal-coded integers (200243 = 20:02:43, 261125 = 2026-11-25);
# the meter's unit ("hh:mm:ss", "yy:mm:dd") says how to read the digits.
#
# Register ids and meanings: Kamstrup KMP description 5512-447 (MULTICAL 601 register list,
# the same ids answer on the 40x per the peers), ../shared/specs/kmp-mbus-wmbus-modbus.md
# section 1, and the register tables of gertvdijk/PyKMP (src/pykmp/constants.py, tested on a
# MULTICAL 403) and nabovarme/MeterLogger. Where the peers disagree on what an energy
# register holds (E2, E7), the name keeps to the register letter.
# A MULTICAL 403 has one flow sensor and two temperature sensors: registers of V2, T3, P1/P2
# are left out, and a register the meter does not have is simply missing from its reply.
# The seed setup reads 60, 86, 87, 74, 68 (one request: 3F 10 05 003C 0056 0057 004A 0044).
# Nothing here is writable: PutRegister/SetClock stay explicit user actions.
#
# key	name	unit	scale	type	access	min	max	absent	description
60	heat_energy_E1	-	-	-	r	-	-	-	E1 heat energy (kWh, MWh or GJ as configured)
94	energy_E2	-	-	-	r	-	-	-	E2 energy register (heat energy E2 in PyKMP, control energy in MeterLogger)
63	cooling_energy_E3	-	-	-	r	-	-	-	E3 cooling energy
61	inlet_energy_E4	-	-	-	r	-	-	-	E4 energy on the inlet (flow) side
62	outlet_energy_E5	-	-	-	r	-	-	-	E5 energy on the outlet (return) side
95	tap_water_energy_E6	-	-	-	r	-	-	-	E6 tap water energy
96	energy_E7	-	-	-	r	-	-	-	E7 energy register (tap water energy E7 in PyKMP)
97	volume_x_T1_E8	-	-	-	r	-	-	-	E8 m3 x T1, for the average inlet temperature
110	volume_x_T2_E9	-	-	-	r	-	-	-	E9 m3 x T2, for the average outlet temperature
266	heat_energy_E1_hires	-	-	-	r	-	-	-	E1 heat energy, high resolution
68	volume_V1	-	-	-	r	-	-	-	V1 volume
239	volume_V1_hires	-	-	-	r	-	-	-	V1 volume, high resolution
72	mass_M1	-	-	-	r	-	-	-	M1 mass
74	flow_V1	-	-	-	r	-	-	-	V1 actual flow
80	power	-	-	-	r	-	-	-	actual heat power
86	flow_temp_T1	-	-	-	r	-	-	-	T1 flow (inlet) temperature
87	return_temp_T2	-	-	-	r	-	-	-	T2 return (outlet) temperature
89	temp_diff_T1_T2	-	-	-	r	-	-	-	T1 - T2 temperature difference
84	pulse_input_A1	-	-	-	r	-	-	-	pulse input A1 (with an input module)
85	pulse_input_B1	-	-	-	r	-	-	-	pulse input B1 (with an input module)
99	info_code	-	-	-	r	-	-	-	info code (error and status bits, 0 = all well)
113	info_event	-	-	-	r	-	-	-	info event counter
175	error_hours	-	-	-	r	-	-	-	error hour counter
1004	operating_hours	-	-	-	r	-	-	-	operating hour counter
1001	serial_number	-	-	-	r	-	-	-	fabrication (serial) number
1002	clock	-	-	-	r	-	-	-	meter clock, hhmmss decimal-coded
1003	date	-	-	-	r	-	-	-	meter date, yymmdd decimal-coded
98	target_date	-	-	-	r	-	-	-	yearly target (billing) date
1005	software_edition	-	-	-	r	-	-	-	software edition
153	config_number_1	-	-	-	r	-	-	-	configuration number, part 1 (DDDEE)
168	config_number_2	-	-	-	r	-	-	-	configuration number, part 2 (FFGGMN)
123	max_flow_date_year	-	-	-	r	-	-	-	date of this year's highest flow
124	max_flow_year	-	-	-	r	-	-	-	this year's highest flow
125	min_flow_date_year	-	-	-	r	-	-	-	date of this year's lowest flow
126	min_flow_year	-	-	-	r	-	-	-	this year's lowest flow
127	max_power_date_year	-	-	-	r	-	-	-	date of this year's highest power
128	max_power_year	-	-	-	r	-	-	-	this year's highest power
129	min_power_date_year	-	-	-	r	-	-	-	date of this year's lowest power
130	min_power_year	-	-	-	r	-	-	-	this year's lowest power
138	max_flow_date_month	-	-	-	r	-	-	-	date of this month's highest flow
139	max_flow_month	-	-	-	r	-	-	-	this month's highest flow
140	min_flow_date_month	-	-	-	r	-	-	-	date of this month's lowest flow
141	min_flow_month	-	-	-	r	-	-	-	this month's lowest flow
142	max_power_date_month	-	-	-	r	-	-	-	date of this month's highest power
143	max_power_month	-	-	-	r	-	-	-	this month's highest power
144	min_power_date_month	-	-	-	r	-	-	-	date of this month's lowest power
145	min_power_month	-	-	-	r	-	-	-	this month's lowest power
146	avg_temp_T1_year	-	-	-	r	-	-	-	this year's average T1
147	avg_temp_T2_year	-	-	-	r	-	-	-	this year's average T2
149	avg_temp_T1_month	-	-	-	r	-	-	-	this month's average T1
150	avg_temp_T2_month	-	-	-	r	-	-	-	this month's average T2
