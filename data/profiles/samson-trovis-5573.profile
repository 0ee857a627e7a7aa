# SAMSON TROVIS 5573 heating controller, Modbus RTU (register list rev 2.54).
#
# meterd device profile (format: core/include/meterd/profile.h). One value per line:
#   key name unit scale type access min max absent description
# blank-separated, "-" = none, the description is the rest of the line.
# key: hr<n> holding register, co<n> coil, n = the wire address (HR40010 -> hr9, CL1 -> co0).
# min/max are in the value's unit (after scale); absent is the raw "no value" word.
#
# Made from the TROVIS-VIEW register export archived in Tom-Bom-badil/samson_trovis_557x
# (templates/5573_rev2.54_registers and _coils @ ca9bc17, see tests/fixtures/modbus and
# tests/fixtures/SOURCES-mbus-kmp-modbus.md): name (umlauts spelled out, the key appended
# where a name repeats), unit, scale = display range / transfer range, signed when the
# transfer range goes below 0, R/RW from the RO flag, range from the transfer range.
# Clock (HHMM) and date (DDMM) registers are packed integers: their 0.01 display scale is
# dropped. 0x7FFF is marked absent wherever the documented range excludes it: the controller
# sends it for a sensor that is not connected (Tom-Bom-badil/trovis-modbus data_model.py).
# Registers inside a readable block but not listed (HR40011, 40012, 40019, 40022 ...) have no
# meaning on the 5573 and are left out. The controller only answers reads inside its blocks
# (40001-40006, 40010-40031, 40034-40043, 40070-40085, 40099-40125, 40133-40163 ...; see
# trovis5573_rev2.54_register_blocks.csv): never plan a read across a block boundary; the
# block lines below say where they are.
# Writes need the key (e.g. 1732) written to HR40145 first (hr144).
#
# Readable blocks (trovis5573_rev2.54_register_blocks.csv): reads inside one are answered,
# reads across two are refused with exception 02. The read plan joins the values of a block
# into as few reads as it can and never crosses its ends (profile.h, daemon/mbplan.h).
#	first	last	registers
block	hr0	hr5	# HR40001-40006
block	hr9	hr30	# HR40010-40031
block	hr33	hr42	# HR40034-40043
block	hr69	hr84	# HR40070-40085
block	hr98	hr124	# HR40099-40125
block	hr132	hr162	# HR40133-40163
block	hr299	hr319	# HR40300-40320
block	hr899	hr931	# HR40900-40932
block	hr999	hr1044	# HR41000-41045
block	hr1045	hr1071	# HR41046-41072
block	hr1089	hr1103	# HR41090-41104
block	hr1199	hr1243	# HR41200-41244
block	hr1253	hr1271	# HR41254-41272
block	hr1799	hr1808	# HR41800-41809
block	hr1809	hr1812	# HR41810-41813
block	hr1826	hr1849	# HR41827-41850
block	hr1862	hr1870	# HR41863-41871
block	hr1999	hr2000	# HR42000-42001
block	hr2199	hr2202	# HR42200-42203
block	hr6399	hr6428	# HR46400-46429
block	hr6469	hr6498	# HR46470-46499
block	hr6499	hr6529	# HR46500-46530
block	hr6530	hr6561	# HR46531-46562
block	hr6562	hr6592	# HR46563-46593
block	hr6593	hr6623	# HR46594-46624
block	hr6624	hr6657	# HR46625-46658
block	hr6749	hr6779	# HR46750-46780
block	hr6780	hr6811	# HR46781-46812
block	hr6812	hr6842	# HR46813-46843
block	hr6843	hr6873	# HR46844-46874
block	hr6874	hr6907	# HR46875-46908
block	hr6999	hr7029	# HR47000-47030
block	hr7030	hr7061	# HR47031-47062
block	hr7062	hr7092	# HR47063-47093
block	hr7093	hr7123	# HR47094-47124
block	hr7124	hr7157	# HR47125-47158
block	hr7249	hr7279	# HR47250-47280
block	hr7280	hr7311	# HR47281-47312
block	hr7312	hr7342	# HR47313-47343
block	hr7343	hr7373	# HR47344-47374
block	hr7374	hr7407	# HR47375-47408
block	hr7499	hr7529	# HR47500-47530
block	hr7530	hr7561	# HR47531-47562
block	hr7562	hr7592	# HR47563-47593
block	hr7593	hr7623	# HR47594-47624
block	hr7624	hr7657	# HR47625-47658
block	hr7749	hr7779	# HR47750-47780
block	hr7780	hr7811	# HR47781-47812
block	hr7812	hr7842	# HR47813-47843
block	hr7843	hr7873	# HR47844-47874
block	hr7874	hr7907	# HR47875-47908
block	hr7999	hr8029	# HR48000-48030
block	hr8030	hr8061	# HR48031-48062
block	hr8062	hr8092	# HR48063-48093
block	hr8093	hr8123	# HR48094-48124
block	hr8124	hr8157	# HR48125-48158
block	hr8249	hr8279	# HR48250-48280
block	hr8280	hr8311	# HR48281-48312
block	hr8312	hr8342	# HR48313-48343
block	hr8343	hr8373	# HR48344-48374
block	hr8374	hr8407	# HR48375-48408
block	hr8499	hr8529	# HR48500-48530
block	hr8530	hr8561	# HR48531-48562
block	hr8562	hr8592	# HR48563-48593
block	hr8593	hr8623	# HR48594-48624
block	hr8624	hr8657	# HR48625-48658
block	hr8749	hr8779	# HR48750-48780
block	hr8780	hr8811	# HR48781-48812
block	hr8812	hr8842	# HR48813-48843
block	hr8843	hr8873	# HR48844-48874
block	hr8874	hr8907	# HR48875-48908
block	hr8999	hr9029	# HR49000-49030
block	hr9030	hr9061	# HR49031-49062
block	hr9062	hr9092	# HR49063-49093
block	hr9093	hr9123	# HR49094-49124
block	hr9124	hr9157	# HR49125-49158
block	hr9249	hr9279	# HR49250-49280
block	hr9280	hr9311	# HR49281-49312
block	hr9312	hr9342	# HR49313-49343
block	hr9343	hr9373	# HR49344-49374
block	hr9374	hr9407	# HR49375-49408
#
# key	name	unit	scale	type	access	min	max	absent	description
hr0	Erzeugnisnummer	-	1	u16	r	5000	6000	0x7FFF	HR40001: Erzeugnisnummer, Gerätekennung | product number / device id (e.g. 5573)
hr1	Anlage	-	0.1	u16	r	1	50	0x7FFF	HR40002: Anlagenkennziffer | system code (Anlage, scaled 0.1 e.g. 21 -> 2.1)
hr2	Firmware-Version	-	0.01	u16	r	0	10	0x7FFF	HR40003: Firmwareversion | firmware version (scaled 0.01)
hr3	Hardware-Version	-	0.01	u16	r	0	10	0x7FFF	HR40004: Hardwareversion | hardware version
hr4	Sonderfunktionen	-	1	u16	rw	0	6000	0x7FFF	HR40005: Reglerupdate via Modbus / Reglerneustart
hr5	Regler-ID	-	1	u16	r	0	65535	-	HR40006: Regler-ID (interne Seriennummer) | controller serial
hr9	Aussentemp_AF1	°C	0.1	s16	rw	-40	160	0x7FFF	HR40010: Meßwert des Eingangs AF1 (CL88) | outdoor temperature AF1 (measured, may be overwritten by external value)
hr12	Vorlauftemp_VF1	°C	0.1	s16	r	-40	160	0x7FFF	HR40013: Meßwert des Eingangs VF1 | flow temperature VF1
hr13	Vorlauftemp_VF2	°C	0.1	s16	r	-40	160	0x7FFF	HR40014: Meßwert des Eingangs VF2 | flow temperature VF2
hr14	Vorlauftemp_VF3	°C	0.1	s16	r	-40	160	0x7FFF	HR40015: Meßwert des Eingangs VF3 | flow temperature VF3
hr15	Vorlauftemp_VF4	°C	0.1	s16	r	-40	160	0x7FFF	HR40016: Meßwert des Eingangs VF4 | flow temperature VF4
hr16	Rueckltemp_RueF1	°C	0.1	s16	r	-40	160	0x7FFF	HR40017: Meßwert des Eingangs RüF1 | return temperature RueF1
hr17	Rueckltemp_RueF2	°C	0.1	s16	r	-40	160	0x7FFF	HR40018: Meßwert des Eingangs RüF2 | return temperature RueF2
hr19	Raumtemp_RF1	°C	0.1	s16	r	-40	160	0x7FFF	HR40020: Meßwert des Eingangs RF1 | room temperature RF1
hr20	Raumtemp_RF2	°C	0.1	s16	r	-40	160	0x7FFF	HR40021: Meßwert des Eingangs RF2 | room temperature RF2
hr22	Speichertemp_SF1	°C	0.1	s16	r	-40	160	0x7FFF	HR40023: Meßwert des Eingangs SF1 | storage (DHW tank) temperature SF1
hr23	Speichertemp_SF2	°C	0.1	s16	r	-40	160	0x7FFF	HR40024: Meßwert des Eingangs SF2 | storage temperature SF2
hr25	Ferngeber_FG1	K	0.1	s16	r	-5	2000	0x7FFF	HR40026: Meßwert des Eingangs FG1 | remote adjuster FG1
hr26	Ferngeber_FG2	K	0.1	s16	r	-5	2000	0x7FFF	HR40027: Meßwert des Eingangs FG2 | remote adjuster FG2
hr30	AA_0-10V	V	0.1	u16	rw	0	10	0x7FFF	HR40031: Analogausgang 0-10V | analog output 0-10 V
hr41	AE_0-10V	V	0.01	u16	r	0	10	0x7FFF	HR40042: Analogeingang 0-10V | analog input 0-10 V
hr42	Sommer_AT-Mittel	°C	0.1	s16	r	-40	160	0x7FFF	HR40043: Tagesdurchschnittstemperatur während Sommerbetrieb
hr69	Soll_BTR_Rk1	-	1	u16	rw	2	5	0x7FFF	HR40070: Betriebsart Sollvorgabe am Regler für Hk1
hr70	Soll_BTR_Rk2	-	1	u16	rw	2	5	0x7FFF	HR40071: Betriebsart Sollvorgabe am Regler für Hk2
hr72	Soll_BTR_TW	-	1	u16	rw	2	5	0x7FFF	HR40073: Betriebsart Sollvorgabe am Regler für TWW
hr73	Soll_BTR_Rk1_ges	-	1	u16	rw	2	5	0x7FFF	HR40074: Betriebsart Soll, incl. externer Vorgaben für Hk1
hr74	Soll_BTR_Rk2_ges	-	1	u16	rw	2	5	0x7FFF	HR40075: Betriebsart Soll, incl. externer Vorgaben für Hk2
hr76	Soll_BTR_TW_ges	-	1	u16	rw	2	5	0x7FFF	HR40077: Betriebsart Soll, incl. externer Vorgaben für TWW
hr77	Zeit_Timer_Rk1	min	1	u16	rw	0	65535	-	HR40078: Zeit bis CL89 und CL116 (Hk1) wieder autark
hr78	Zeit_Timer_Rk2	min	1	u16	rw	0	65535	-	HR40079: Zeit bis CL91 und CL118 (Hk2) wieder autark
hr80	Zeit_Timer_TW	min	1	u16	rw	0	65535	-	HR40081: Zeit bis CL95 (TWW) wieder autark
hr81	Anlage_Hilfsreg_hr81	-	1	u16	r	0	65535	-	HR40082: Anlagenschema-Hilfsregister
hr82	Anlage_Hilfsreg_hr82	-	1	u16	r	0	65535	-	HR40083: Anlagenschema-Hilfsregister
hr83	Anlage_Hilfsreg_hr83	-	1	u16	r	0	65535	-	HR40084: Anlagenschema-Hilfsregister
hr84	Sensor_Belegung	-	1	u16	r	0	65535	-	HR40085: Sensor-Belegungsregister
hr98	MaxVorlSollw	°C	0.1	u16	r	5	130	0x7FFF	HR40099: Maximaler Vorlaufsollwert des Reglers
hr99	Uhrzeit	-	1	u16	rw	0	2359	0x7FFF	HR40100: Uhrzeit | clock HHMM | packed HHMM
hr100	Datum	-	1	u16	rw	101	3112	0x7FFF	HR40101: Datum | date DDMM | packed DDMM
hr101	Jahr	-	1	u16	rw	2000	2098	0x7FFF	HR40102: Jahr | year
hr102	Schalterposition	-	1	u16	r	0	10	0x7FFF	HR40103: 0=PA, 2=Hand, 4=Info, 5=Betriebsart | rotary switch position (0=PA,2=manual,4=info,5=mode)
hr105	BetriebsArt_Rk1	-	1	u16	rw	2	5	0x7FFF	HR40106: 2=Stdby, 4=Sonne, 5=Mond (CL89) | operating mode Rk1 (2=standby, 4=day/sun, 5=night/moon)
hr106	Stellsignal_Rk1	%	1	u16	rw	0	100	0x7FFF	HR40107: Stellsignal Rk1 [0...100%] (CL90) | control signal Rk1 0..100 % (valve position demand)
hr107	BetriebsArt_Rk2	-	1	u16	rw	2	5	0x7FFF	HR40108: 2=Stdby, 4=Sonne, 5=Mond (CL91) | operating mode Rk2
hr108	Stellsignal_Rk2	%	1	u16	rw	0	100	0x7FFF	HR40109: Stellsignal Rk2 [0...100%] (CL92) | control signal Rk2 0..100 %
hr111	BetriebsArt_TW	-	1	u16	rw	2	5	0x7FFF	HR40112: 2=Stdby, 4=Sonne, 5=Mond (CL95) | operating mode DHW
hr112	Sommer_Dat_Anf	-	1	u16	rw	101	3112	0x7FFF	HR40113: Datum Beginn Sommerzeitraum (CO5, Fb04) | packed DDMM
hr113	Sommer_Dat_End	-	1	u16	rw	101	3112	0x7FFF	HR40114: Datum Ende Sommerzeitraum (CO5, Fb04) | packed DDMM
hr114	Sommer_Tagz_ein	-	1	u16	rw	1	3	0x7FFF	HR40115: Anzahl Tage für Sommerbetrieb ein (CO5, Fb04)
hr115	Sommer_Tagz_aus	-	1	u16	rw	1	3	0x7FFF	HR40116: Anzahl Tage für Sommerbetrieb aus (CO5, Fb04)
hr116	Sommer_AT-Wert	°C	0.1	u16	rw	0	30	0x7FFF	HR40117: AT-Grenzwert Sommerbetrieb (CO5, Fb04)
hr117	AT_Verzoegerung	K/h	1	u16	rw	1	6	0x7FFF	HR40118: Verzögerung AT-Anpassung (CO5,Fb05; CO5,Fb06)
hr120	TempuewAbweichung	°C	0.1	u16	rw	1	30	0x7FFF	HR40121: Temperaturüberwachung: Regelabweichung (CO5,Fb19)
hr121	TempuewZeitfenstr	min	1	u16	rw	1	120	0x7FFF	HR40122: Temperaturüberwachung: Zeitfenster (CO5,Fb19)
hr122	Frostschutz_GW	°C	0.1	s16	rw	-15	3	0x7FFF	HR40123: Frostschutzgrenzwert (CO5, Fb09)
hr123	Anfang_AT_0V	°C	0.1	s16	rw	-50	100	0x7FFF	HR40124: Übertragungsbereichsanfang, AT 0V (CO5,Fb23)
hr124	Ende_AT_10V	°C	0.1	s16	rw	-50	100	0x7FFF	HR40125: Übertragungsbereichsende, AT 10V (CO5,Fb23)
hr132	Max_kW_WMZ_1	kW	0.1	u16	rw	0.1	6500	-	HR40133: Maximalgrenzwert ([kW], CO6->Fb12) WMZ#1
hr133	Max_H_WMZ_1	kW	0.1	u16	rw	0.1	6500	-	HR40134: Maximalgrenzwert Heizbetrieb ([kW], CO6->Fb12) #1
hr134	Max_T_WMZ_1	kW	0.1	u16	rw	0.1	6500	-	HR40135: Maximalgrenzwert Trinkwasser ([kW], CO6->Fb12) #1
hr135	Beg_WMZ	-	0.1	u16	rw	0.1	10	0x7FFF	HR40136: Begrenzungsfaktor Leistung
hr138	Kp_Korr_Dfluss	-	0.1	u16	rw	0.1	10	0x7FFF	HR40139: Begrenzungsfaktor Durchfluss
hr139	Max_m3-h_WMZ	m3/h	0.01	u16	rw	0.01	650	-	HR40140: Maximalgrenzwert ([m3/h], CO6->Fb11)
hr140	Max_H_m3-h_WMZ	m3/h	0.01	u16	rw	0.01	650	-	HR40141: Maximalgrenzwert Heizbetr. ([m3/h], CO6->Fb11)
hr141	Max_T_m3-h_WMZ	m3/h	0.01	u16	rw	0.01	650	-	HR40142: Maximalgrenzwert Trinkw. ([m3/h], CO6->Fb11)
hr142	Stationsadresse	-	1	u16	r	1	32000	0x7FFF	HR40143: Stationsadresse (Kaltstart 255) | station address (Modbus slave id)
hr144	Write-En_Modem	-	1	u16	rw	0	1999	0x7FFF	HR40145: Modem-Schreibfreigabe (Schlüsselzahleingabe) | write-enable key (modem/Modbus write access)
hr145	Zykl_Init_Modem	min	1	u16	rw	1	255	0x7FFF	HR40146: Modem-Zyklische Initialisierung
hr146	Wahlpause_Modem	min	1	u16	rw	1	255	0x7FFF	HR40147: Modem-Wahlpause
hr147	AnwWdh_Modem	-	1	u16	rw	1	99	0x7FFF	HR40148: Modem-Anzahl der Anwahlversuche
hr148	Timeout_Modem	min	1	u16	rw	1	255	0x7FFF	HR40149: Modem-Timeout
hr149	FehlerstatusReg_hr149	-	1	u16	r	0	65535	-	HR40150: Fehlerstatusregister (CL1) | error status register (CL1)
hr151	FehlerstatArchiv_hr151	-	1	u16	rw	0	65535	-	HR40152: Fehlerstatusarchiv
hr153	FehlerzaehlerReg_hr153	-	1	u16	rw	0	65535	-	HR40154: Fehlerzählerregister
hr154	FehlerStoeranwahl	-	1	u16	rw	0	65535	-	HR40155: Störanwahl und Displayanzeige Error (Bits des FSR)
hr159	Max_m3-h_WMZ_2	m3/h	0.01	u16	rw	0.01	650	-	HR40160: Maximalgrenzwert ([m3/h], CO6->Fb13) WMZ#2
hr160	Kp_Korr_Dfluss_2	-	0.1	u16	rw	0.1	10	0x7FFF	HR40161: Begrenzungsfaktor Durchfluss WMZ#2
hr161	Max_kW_WMZ_2	kW	0.1	u16	rw	0.1	6500	-	HR40162: Maximalgrenzwert ([kW], CO6->Fb14) WMZ#2
hr162	Beg_kW_WMZ_2	-	0.1	u16	rw	0.1	10	0x7FFF	HR40163: Begrenzungsfaktor Leistung WMZ#2
hr299	DlogZykluszeit	min	1	u16	rw	0	65535	-	HR40300: Datenlogger: Zykluszeit in Minuten
hr300	DlogAnalogReg_01	-	1	u16	rw	0	65535	-	HR40301: Datenlogger: Vorlaufsollwert Rk1 (HR 41000)
hr301	DlogAnalogReg_02	-	1	u16	rw	0	65535	-	HR40302: Datenlogger: Vorlaufsollwert Rk2 (HR 41200)
hr302	DlogAnalogReg_03	-	1	u16	rw	0	65535	-	HR40303: Datenlogger: Analoger Datenpunkt #3
hr303	DlogAnalogReg_04	-	1	u16	rw	0	65535	-	HR40304: Datenlogger: Analoger Datenpunkt #4
hr304	DlogAnalogReg_05	-	1	u16	rw	0	65535	-	HR40305: Datenlogger: Analoger Datenpunkt #5
hr305	DlogAnalogReg_06	-	1	u16	rw	0	65535	-	HR40306: Datenlogger: Analoger Datenpunkt #6
hr306	DlogAnalogReg_07	-	1	u16	rw	0	65535	-	HR40307: Datenlogger: Analoger Datenpunkt #7
hr307	DlogAnalogReg_08	-	1	u16	rw	0	65535	-	HR40308: Datenlogger: Analoger Datenpunkt #8
hr308	DlogAnalogReg_09	-	1	u16	rw	0	65535	-	HR40309: Datenlogger: Analoger Datenpunkt #9
hr309	DlogAnalogReg_10	-	1	u16	rw	0	65535	-	HR40310: Datenlogger: Analoger Datenpunkt #10
hr310	DlogBinaerReg_01	-	1	u16	rw	0	65535	-	HR40311: Datenlogger: Binärer Datenpunkt #01
hr311	DlogBinaerReg_02	-	1	u16	rw	0	65535	-	HR40312: Datenlogger: Binärer Datenpunkt #02
hr312	DlogBinaerReg_03	-	1	u16	rw	0	65535	-	HR40313: Datenlogger: Binärer Datenpunkt #03
hr313	DlogBinaerReg_04	-	1	u16	rw	0	65535	-	HR40314: Datenlogger: Binärer Datenpunkt #04
hr314	DlogBinaerReg_05	-	1	u16	rw	0	65535	-	HR40315: Datenlogger: Binärer Datenpunkt #05
hr315	DlogBinaerReg_06	-	1	u16	rw	0	65535	-	HR40316: Datenlogger: Binärer Datenpunkt #06
hr316	DlogBinaerReg_07	-	1	u16	rw	0	65535	-	HR40317: Datenlogger: Binärer Datenpunkt #07
hr317	DlogBinaerReg_08	-	1	u16	rw	0	65535	-	HR40318: Datenlogger: Binärer Datenpunkt #08
hr318	DlogBinaerReg_09	-	1	u16	rw	0	65535	-	HR40319: Datenlogger: Binärer Datenpunkt #09
hr319	DlogBinaerReg_10	-	1	u16	rw	0	65535	-	HR40320: Datenlogger: Binärer Datenpunkt #10
hr928	Q1_HeizKL_RK1	m3/h	0.01	u16	rw	0.01	650	-	HR40929: Durchfluss 1. Punkt RK1 (KL nach 4 Punkten)
hr929	Q2_HeizKL_RK1	m3/h	0.01	u16	rw	0.01	650	-	HR40930: Durchfluss 2. Punkt RK1 (KL nach 4 Punkten)
hr930	Q3_HeizKL_RK1	m3/h	0.01	u16	rw	0.01	650	-	HR40931: Durchfluss 3. Punkt RK1 (KL nach 4 Punkten)
hr931	Q4_HeizKL_RK1	m3/h	0.01	u16	rw	0.01	650	-	HR40932: Durchfluss 4. Punkt RK1 (KL nach 4 Punkten)
hr999	VorlSollw_Rk1	°C	0.1	u16	rw	5	130	0x7FFF	HR41000: Vorlaufsollwert Rk1 (CL116)
hr1000	MaxVorl_Rk1	°C	0.1	u16	rw	5	130	0x7FFF	HR41001: Maximale Vorlauftemperatur Rk1
hr1001	MinVorl_Rk1	°C	0.1	u16	rw	5	130	0x7FFF	HR41002: Minimale Vorlauftemperatur Rk1
hr1002	Tag_Soll_Rk1	°C	0.1	u16	rw	0	40	0x7FFF	HR41003: Raumsollwert Tag Rk1
hr1003	Nacht_Soll_Rk1	°C	0.1	u16	rw	0	40	0x7FFF	HR41004: Raumsollwert Nacht Rk1
hr1005	Steig_HeizKL_Rk1	-	0.1	u16	rw	0.2	3.2	0x7FFF	HR41006: Steigung VL Heizkennlinie Rk1 (KL nach Steigung)
hr1006	Niv_HeizKL_Rk1	K	0.1	s16	rw	-30	30	0x7FFF	HR41007: Niveau VL Heizkennlinie Rk1 (KL nach Steigung)
hr1008	Stg_RuecklKL_Rk1	-	0.1	u16	rw	0.2	3.2	0x7FFF	HR41009: Steigung Rücklaufkennlinie Rk1 (KL nach Steigung)
hr1009	Niv_RuecklKL_Rk1	K	0.1	s16	rw	-30	30	0x7FFF	HR41010: Niveau Rücklaufkennlinie Rk1 (KL nach Steigung)
hr1010	MaxRueckl_Rk1	°C	0.1	u16	rw	5	90	0x7FFF	HR41011: Maximale Rücklauftemperatur Rk1
hr1011	FussRueckl_Rk1	°C	0.1	u16	rw	5	90	0x7FFF	HR41012: Fußpunkt Rücklauftemperatur Rk1
hr1012	AT1_HeizKL_Rk1	°C	0.1	s16	rw	-30	50	0x7FFF	HR41013: Außentemperatur 1.Punkt Rk1 (KL nach 4 Punkten)
hr1013	AT2_HeizKL_Rk1	°C	0.1	s16	rw	-30	50	0x7FFF	HR41014: Außentemperatur 2.Punkt Rk1 (KL nach 4 Punkten)
hr1014	AT3_HeizKL_Rk1	°C	0.1	s16	rw	-30	50	0x7FFF	HR41015: Außentemperatur 3.Punkt Rk1 (KL nach 4 Punkten)
hr1015	AT4_HeizKL_Rk1	°C	0.1	s16	rw	-30	50	0x7FFF	HR41016: Außentemperatur 4.Punkt Rk1 (KL nach 4 Punkten)
hr1016	VT1_T_HeizKL_Rk1	°C	0.1	u16	rw	5	150	0x7FFF	HR41017: Vorlauftemperatur Tag 1.Punkt Rk1 (KL 4 Punkte)
hr1017	VT2_T_HeizKL_Rk1	°C	0.1	u16	rw	5	150	0x7FFF	HR41018: Vorlauftemperatur Tag 2.Punkt Rk1 (KL 4 Punkte)
hr1018	VT3_T_HeizKL_Rk1	°C	0.1	u16	rw	5	150	0x7FFF	HR41019: Vorlauftemperatur Tag 3.Punkt Rk1 (KL 4 Punkte)
hr1019	VT4_T_HeizKL_Rk1	°C	0.1	u16	rw	5	150	0x7FFF	HR41020: Vorlauftemperatur Tag 4.Punkt Rk1 (KL 4 Punkte)
hr1020	VT1_N_HeizKL_Rk1	°C	0.1	u16	rw	5	150	0x7FFF	HR41021: Vorlauftemperatur Nacht 1.Punkt Rk1 (KL 4 Punkte)
hr1021	VT2_N_HeizKL_Rk1	°C	0.1	u16	rw	5	150	0x7FFF	HR41022: Vorlauftemperatur Nacht 2.Punkt Rk1 (KL 4 Punkte)
hr1022	VT3_N_HeizKL_Rk1	°C	0.1	u16	rw	5	150	0x7FFF	HR41023: Vorlauftemperatur Nacht 3.Punkt Rk1 (KL 4 Punkte)
hr1023	VT4_N_HeizKL_Rk1	°C	0.1	u16	rw	5	150	0x7FFF	HR41024: Vorlauftemperatur Nacht 4.Punkt Rk1 (KL 4 Punkte)
hr1024	RL1_HeizKL_Rk1	°C	0.1	u16	rw	5	90	0x7FFF	HR41025: Rücklauftemperatur 1.Punkt Rk1 (KL nach 4 Punkten)
hr1025	RL2_HeizKL_Rk1	°C	0.1	u16	rw	5	90	0x7FFF	HR41026: Rücklauftemperatur 2.Punkt Rk1 (KL nach 4 Punkten)
hr1026	RL3_HeizKL_Rk1	°C	0.1	u16	rw	5	90	0x7FFF	HR41027: Rücklauftemperatur 3.Punkt Rk1 (KL nach 4 Punkten)
hr1027	RL4_HeizKL_Rk1	°C	0.1	u16	rw	5	90	0x7FFF	HR41028: Rücklauftemperatur 4.Punkt Rk1 (KL nach 4 Punkten)
hr1028	P1_HeizKL_RK1	kW	0.1	u16	rw	0.1	6500	-	HR41029: Leistung 1. Punkt RK1 (KL nach 4 Punkten)
hr1029	P2_HeizKL_RK1	kW	0.1	u16	rw	0.1	6500	-	HR41030: Leistung 2. Punkt RK1 (KL nach 4 Punkten)
hr1030	P3_HeizKL_RK1	kW	0.1	u16	rw	0.1	6500	-	HR41031: Leistung 3. Punkt RK1 (KL nach 4 Punkten)
hr1031	P4_HeizKL_RK1	kW	0.1	u16	rw	0.1	6500	-	HR41032: Leistung 4. Punkt RK1 (KL nach 4 Punkten)
hr1032	RuecklSollw_Rk1	°C	0.1	u16	rw	5	90	0x7FFF	HR41033: Rücklaufsollwert Rk1 (CL117)
hr1033	Beg_Rueckl_Rk1	-	0.1	u16	rw	0.1	10	0x7FFF	HR41034: Begrenzungsfaktor Rücklauf Rk1 (CO1, Fb03)
hr1035	AT_Aus_Nennb_Rk1	°C	0.1	u16	rw	0	50	0x7FFF	HR41036: AT-Abschaltwert Nennbetrieb Rk1
hr1036	AT_Aus_Reduz_Rk1	°C	0.1	s16	rw	-30	50	0x7FFF	HR41037: AT-Abschaltwert Reduzierbetrieb Rk1
hr1037	AT_Ein_Nennb_Rk1	°C	0.1	s16	rw	-30	5	0x7FFF	HR41038: AT-Einschaltwert Nennbetrieb Rk1
hr1038	UeberhoehungSoll	°C	0.1	u16	rw	0	50	0x7FFF	HR41039: Überhöhung Sollwert Primärtauscherregelung
hr1039	Soll_bin_Bedarf	°C	0.1	u16	rw	5	90	0x7FFF	HR41040: Sollwert bei binärer Bedarfsverarbeitung
hr1040	Zykluszeit_Rk1	min	1	u16	rw	1	100	0x7FFF	HR41041: Zykluszeit Rk1 (CO1, Fb09)
hr1041	TagSoll_FW_Rk1	°C	0.1	u16	rw	5	130	0x7FFF	HR41042: Sollwert Tagbetrieb Rk1 (Festwertregelung)
hr1042	NachtSoll_FW_Rk1	°C	0.1	u16	rw	5	130	0x7FFF	HR41043: Sollwert Nachtbetrieb Rk1 (Festwertregelung)
hr1043	Kp_Kuzztadap_Rk1	-	0.1	u16	rw	0	25	0x7FFF	HR41044: Kp (Verstärung) Kurzzeitadaption Rk1 (C01F09)
hr1044	SonderPufferSoll	°C	0.1	u16	rw	0.5	130	0x7FFF	HR41045: Sonder-Pufferspeichersollwert, Anl 14,15 (CL113)
hr1045	Q_Sollw_RK1	m3/h	0.01	u16	r	0.01	650	-	HR41046: Aktiver Sollwert Durchfluss RK1
hr1046	P_Sollw_RK1	kW	0.1	u16	r	0.1	6500	-	HR41047: Aktiver Sollwert Leistung RK1
hr1053	Anfang_Bed_in_0V_hr1053	°C	0.1	u16	rw	0	150	0x7FFF	HR41054: Übertragungsbereichsanfang, Bedarf 0V (CO1, Fb16)
hr1054	Ende_Bed_in_10V_hr1054	°C	0.1	u16	rw	0	150	0x7FFF	HR41055: Übertragungsbereichsende, Bedarf 10V (CO1, Fb16)
hr1055	Starttemp_Rk1	°C	0.1	u16	rw	20	60	0x7FFF	HR41056: CO1, Fb05: Starttemperatur Rk1
hr1056	Anfang_Bedarf_0V	°C	0.1	u16	rw	0	150	0x7FFF	HR41057: Übertragungsbereichsanfang, Bedarf 0V (CO1, Fb18)
hr1057	Ende_Bedarf_10V	°C	0.1	u16	rw	0	150	0x7FFF	HR41058: Übertragungsbereichsende, Bedarf 10V (CO1, Fb18)
hr1058	Tempanstieg_Rk1	°C/h	0.1	u16	rw	1	10	0x7FFF	HR41059: CO1, Fb05: Temperaturanstieg Rk1
hr1059	MaxTemp_Rk1	°C	0.1	u16	rw	25	60	0x7FFF	HR41060: CO1, Fb05: Maximaltemperatur Rk1
hr1060	HalteMaxTemp_Rk1	d	1	u16	rw	1	10	0x7FFF	HR41061: CO1, Fb05: Haltezeit Maximaltemperatur Rk1
hr1061	TempAbsenkng_Rk1	°C/h	0.1	u16	rw	0	10	0x7FFF	HR41062: CO1, Fb05: Temperaturabsenkung Rk1
hr1062	RegdiffVorl_Rk1	°C	0.1	s16	r	-100	100	0x7FFF	HR41063: Regeldifferenz Vorlauf Rk1
hr1063	Beg_Regdiff_Rk1	K	0.1	u16	rw	2	10	0x7FFF	HR41064: Maximale Regelabweichung Rk1 (CO1, Fb13)
hr1064	Kp_Rk1_Y1	-	0.1	u16	rw	0.1	50	0x7FFF	HR41065: Proportionalverstärkung Rk1(Y1)
hr1065	Tn_Rk1_Y1	s	1	u16	rw	1	999	0x7FFF	HR41066: Nachstellzeit Rk1(Y1)
hr1066	Ty_Rk1	s	1	u16	rw	15	240	0x7FFF	HR41067: Laufzeit Stellantrieb Rk1 (bei 3-Punkt)
hr1067	Tv_Y1	s	1	u16	rw	0	999	0x7FFF	HR41068: Vorhaltezeit Y1 (bei 0...10V)
hr1068	Schaltdiff_Rk1	K	0.1	u16	rw	1	30	0x7FFF	HR41069: Schaltdifferenz Rk1 (bei 2-Punkt)
hr1069	MinEin_Rk1	min	1	u16	rw	0	10	0x7FFF	HR41070: Minimale Einschaltzeit Rk1 (bei 2-Punkt)
hr1070	MinAus_Rk1	min	1	u16	rw	0	10	0x7FFF	HR41071: Minimale Ausschaltzeit Rk1 (bei 2-Punkt)
hr1071	UP_Nachl_Rk1	-	1	u16	rw	0	10	0x7FFF	HR41072: Faktor UP-Nachlaufzeit Rk1
hr1089	AktuelMittelw_Y1	-	1	u16	rw	0	65535	-	HR41090: Aktueller Mittelwert, Y1 bei aktiver Regelung
hr1090	LMonatMittelw_Y1	-	1	u16	rw	0	65535	-	HR41091: Mittelwert letzter Monat, Y1 bei aktiver Regelung
hr1091	VMonatMittelw_Y1	-	1	u16	rw	0	65535	-	HR41092: Mittelwert vorletzter Monat, Y1 bei aktiv. Regel.
hr1099	PufferladMinSoll	°C	0.1	u16	rw	0	90	0x7FFF	HR41100: Minimaler Sollwert Pufferladung, 0=AT
hr1100	Pufferlad_Ende	°C	0.1	u16	rw	0	90	0x7FFF	HR41101: Pufferladung beenden, 0=AT
hr1101	PufferladUeberhoeh	°C	0.1	u16	rw	0	50	0x7FFF	HR41102: Überhöhung Ladetemperatur Pufferladung
hr1102	Pufferlad_Nachl	°C	0.1	u16	rw	0	10	0x7FFF	HR41103: Faktor Nachlaufzeit Pufferladung
hr1103	Pufferstatus	-	1	u16	r	0	6	0x7FFF	HR41104: 0=Stdby,1=Überw,3=Anf,4=Lad,5=Nachl,6=Entladschutz
hr1199	VorlSollw_Rk2	°C	0.1	u16	rw	5	130	0x7FFF	HR41200: Vorlaufsollwert Rk2 (CL118)
hr1200	MaxVorl_Rk2	°C	0.1	u16	rw	5	130	0x7FFF	HR41201: Maximale Vorlauftemperatur Rk2
hr1201	MinVorl_Rk2	°C	0.1	u16	rw	5	130	0x7FFF	HR41202: Minimale Vorlauftemperatur Rk2
hr1202	Tag_Soll_Rk2	°C	0.1	u16	rw	0	40	0x7FFF	HR41203: Raumsollwert Tag Rk2
hr1203	Nacht_Soll_Rk2	°C	0.1	u16	rw	0	40	0x7FFF	HR41204: Raumsollwert Nacht Rk2
hr1205	Steig_HeizKL_Rk2	-	0.1	u16	rw	0.2	3.2	0x7FFF	HR41206: Steigung VL Heizkennlinie Rk2 (KL nach Steigung)
hr1206	Niv_HeizKL_Rk2	K	0.1	s16	rw	-30	30	0x7FFF	HR41207: Niveau VL Heizkennlinie Rk2 (KL nach Steigung)
hr1208	Stg_RuecklKL_Rk2	-	0.1	u16	rw	0.2	3.2	0x7FFF	HR41209: Steigung Rücklaufkennlinie Rk2 (KL nach Steigung)
hr1209	Niv_RuecklKL_Rk2	K	0.1	s16	rw	-30	30	0x7FFF	HR41210: Niveau Rücklaufkennlinie Rk2 (KL nach Steigung)
hr1210	MaxRueckl_Rk2	°C	0.1	u16	rw	5	90	0x7FFF	HR41211: Maximale Rücklauftemperatur Rk2 (KL nach Steigung)
hr1211	FussRueckl_Rk2	°C	0.1	u16	rw	5	90	0x7FFF	HR41212: Fußpunkt Rücklauftemperatur Rk2 (KL nach Steigung)
hr1212	AT1_HeizKL_Rk2	°C	0.1	s16	rw	-30	50	0x7FFF	HR41213: Außentemperatur 1.Punkt Rk2 (KL nach 4 Punkten)
hr1213	AT2_HeizKL_Rk2	°C	0.1	s16	rw	-30	50	0x7FFF	HR41214: Außentemperatur 2.Punkt Rk2 (KL nach 4 Punkten)
hr1214	AT3_HeizKL_Rk2	°C	0.1	s16	rw	-30	50	0x7FFF	HR41215: Außentemperatur 3.Punkt Rk2 (KL nach 4 Punkten)
hr1215	AT4_HeizKL_Rk2	°C	0.1	s16	rw	-30	50	0x7FFF	HR41216: Außentemperatur 4.Punkt Rk2 (KL nach 4 Punkten)
hr1216	VT1_T_HeizKL_Rk2	°C	0.1	u16	rw	5	150	0x7FFF	HR41217: Vorlauftemperatur Tag 1.Punkt Rk2 (KL 4 Punkte)
hr1217	VT2_T_HeizKL_Rk2	°C	0.1	u16	rw	5	150	0x7FFF	HR41218: Vorlauftemperatur Tag 2.Punkt Rk2 (KL 4 Punkte)
hr1218	VT3_T_HeizKL_Rk2	°C	0.1	u16	rw	5	150	0x7FFF	HR41219: Vorlauftemperatur Tag 3.Punkt Rk2 (KL 4 Punkte)
hr1219	VT4_T_HeizKL_Rk2	°C	0.1	u16	rw	5	150	0x7FFF	HR41220: Vorlauftemperatur Tag 4.Punkt Rk2 (KL 4 Punkte)
hr1220	VT1_N_HeizKL_Rk2	°C	0.1	u16	rw	5	150	0x7FFF	HR41221: Vorlauftemperatur Nacht 1.Punkt Rk2 (KL 4 Punkte)
hr1221	VT2_N_HeizKL_Rk2	°C	0.1	u16	rw	5	150	0x7FFF	HR41222: Vorlauftemperatur Nacht 2.Punkt Rk2 (KL 4 Punkte)
hr1222	VT3_N_HeizKL_Rk2	°C	0.1	u16	rw	5	150	0x7FFF	HR41223: Vorlauftemperatur Nacht 3.Punkt Rk2 (KL 4 Punkte)
hr1223	VT4_N_HeizKL_Rk2	°C	0.1	u16	rw	5	150	0x7FFF	HR41224: Vorlauftemperatur Nacht 4.Punkt Rk2 (KL 4 Punkte)
hr1224	RL1_HeizKL_Rk2	°C	0.1	u16	rw	5	90	0x7FFF	HR41225: Rücklauftemperatur 1.Punkt Rk2 (KL nach 4 Punkten)
hr1225	RL2_HeizKL_Rk2	°C	0.1	u16	rw	5	90	0x7FFF	HR41226: Rücklauftemperatur 2.Punkt Rk2 (KL nach 4 Punkten)
hr1226	RL3_HeizKL_Rk2	°C	0.1	u16	rw	5	90	0x7FFF	HR41227: Rücklauftemperatur 3.Punkt Rk2 (KL nach 4 Punkten)
hr1227	RL4_HeizKL_Rk2	°C	0.1	u16	rw	5	90	0x7FFF	HR41228: Rücklauftemperatur 4.Punkt Rk2 (KL nach 4 Punkten)
hr1232	RuecklSollw_Rk2	°C	0.1	u16	rw	5	90	0x7FFF	HR41233: Rücklaufsollwert Rk2 (CL119)
hr1233	Beg_Rueckl_Rk2	-	0.1	u16	rw	0.1	10	0x7FFF	HR41234: Begrenzungsfaktor Rücklauf Rk2 (CO2, Fb03)
hr1235	AT_Aus_Nennb_Rk2	°C	0.1	u16	rw	0	50	0x7FFF	HR41236: AT-Abschaltwert Nennbetrieb Rk2
hr1236	AT_Aus_Reduz_Rk2	°C	0.1	s16	rw	-30	50	0x7FFF	HR41237: AT-Abschaltwert Reduzierbetrieb Rk2
hr1237	AT_Ein_Nennb_Rk2	°C	0.1	s16	rw	-30	5	0x7FFF	HR41238: AT-Einschaltwert Nennbetrieb Rk2
hr1240	Zykluszeit_Rk2	min	1	u16	rw	1	100	0x7FFF	HR41241: Zykluszeit Rk2 (CO2, Fb09)
hr1241	TagSoll_FW_Rk2	°C	0.1	u16	rw	5	130	0x7FFF	HR41242: Sollwert Tagbetrieb Rk2 (Festwertregelung)
hr1242	NachtSoll_FW_Rk2	°C	0.1	u16	rw	5	130	0x7FFF	HR41243: Sollwert Nachtbetrieb Rk2 (Festwertregelung)
hr1243	Kp_Kuzztadap_Rk2	-	0.1	u16	rw	0	25	0x7FFF	HR41244: Kp (Verstärung) Kurzzeitadaption Rk2 (C02F09)
hr1253	Anfang_Bed_in_0V_hr1253	°C	0.1	u16	rw	0	150	0x7FFF	HR41254: Übertragungsbereichsanfang, Bedarf 0V (CO2, Fb16)
hr1254	Ende_Bed_in_10V_hr1254	°C	0.1	u16	rw	0	150	0x7FFF	HR41255: Übertragungsbereichsende, Bedarf 10V (CO2, Fb16)
hr1255	Starttemp_Rk2	°C	0.1	u16	rw	20	60	0x7FFF	HR41256: CO2, Fb05: Starttemperatur Rk2
hr1258	Tempanstieg_Rk2	°C/h	0.1	u16	rw	1	10	0x7FFF	HR41259: CO2, Fb05: Temperaturanstieg Rk2
hr1259	MaxTemp_Rk2	°C	0.1	u16	rw	25	60	0x7FFF	HR41260: CO2, Fb05: Maximaltemperatur Rk2
hr1260	HalteMaxTemp_Rk2	d	1	u16	rw	1	10	0x7FFF	HR41261: CO2, Fb05: Haltezeit Maximaltemperatur Rk2
hr1261	TempAbsenkng_Rk2	°C/h	0.1	u16	rw	0	10	0x7FFF	HR41262: CO2, Fb05: Temperaturabsenkung Rk2
hr1262	RegdiffVorl_Rk2	°C	0.1	s16	r	-100	100	0x7FFF	HR41263: Regeldifferenz Vorlauf Rk2
hr1263	Beg_Regdiff_Rk2	K	0.1	u16	rw	2	10	0x7FFF	HR41264: Maximale Regelabweichung Rk2 (CO2, Fb13)
hr1264	Kp_Rk2	-	0.1	u16	rw	0.1	50	0x7FFF	HR41265: Proportionalverstärkung Rk2
hr1265	Tn_Rk2	s	1	u16	rw	1	999	0x7FFF	HR41266: Nachstellzeit Rk2
hr1266	Ty_Rk2	s	1	u16	rw	15	240	0x7FFF	HR41267: Laufzeit Stellantrieb Rk2
hr1267	Tv_Y2	s	1	u16	rw	0	999	0x7FFF	HR41268: Vorhaltezeit Y2
hr1268	Schaltdiff_Rk2	K	0.1	u16	rw	1	30	0x7FFF	HR41269: Schaltdifferenz Rk2 (bei 2-Punkt)
hr1269	MinEin_Rk2	min	1	u16	rw	0	10	0x7FFF	HR41270: Minimale Einschaltzeit Rk2 (bei 2-Punkt)
hr1270	MinAus_Rk2	min	1	u16	rw	0	10	0x7FFF	HR41271: Minimale Ausschaltzeit Rk2 (bei 2-Punkt)
hr1271	UP_Nachl_Rk2	-	1	u16	rw	0	10	0x7FFF	HR41272: Faktor UP-Nachlaufzeit Rk2
hr1799	TW_Sollw	°C	0.1	u16	rw	20	90	0x7FFF	HR41800: Trinkwasser (Speicher) -Sollwert
hr1800	MaxTW_Sollw	°C	0.1	u16	rw	5	90	0x7FFF	HR41801: Maximale Einstellgrenztemperatur TW-Sollwert
hr1801	MinTW_Sollw	°C	0.1	u16	rw	5	90	0x7FFF	HR41802: Minimale Einstellgrenztemperatur TW-Sollwert
hr1802	Schaltdiff_TW	K	0.1	u16	rw	0	30	0x7FFF	HR41803: Schaltdifferenz Trinkwasser (bzgl. TW_Sollw)
hr1803	LadTempueberh_TW	K	0.1	u16	rw	0	50	0x7FFF	HR41804: Ladetemperaturüberhöhung (bzgl. TW_Sollw)
hr1804	Nachlauf_SLP	-	0.1	u16	rw	0.1	10	0x7FFF	HR41805: Nachlauffaktor der SLP
hr1805	Max_Lade_TW	°C	0.1	u16	rw	0	90	0x7FFF	HR41806: Maximale Ladetemperatur_TW
hr1806	TW_Haltewert	°C	0.1	u16	rw	20	90	0x7FFF	HR41807: Haltewert Trinkwasser
hr1807	Aktiver_TW_Sollw	°C	0.1	u16	r	5	90	0x7FFF	HR41808: Aktiver Trinkwassersollwert
hr1808	Sonder_TW_Sollw	°C	0.1	u16	rw	5	90	0x7FFF	HR41809: Sonder-Trinkwassersollwert (CL112)
hr1809	Solar_UP_EIN	°C	0.1	u16	rw	1	40	0x7FFF	HR41810: Solarkreispumpe EIN
hr1810	Solar_UP_AUS	°C	0.1	u16	rw	1	40	0x7FFF	HR41811: Solarkreispumpe AUS
hr1811	Solar_max_Speich	°C	0.1	u16	rw	20	90	0x7FFF	HR41812: Maximale Speichertemperatur
hr1812	Solarbetr_h	h	1	u16	rw	0	65535	-	HR41813: Solarkreisbetriebsstunden (Reset durch „0“)
hr1826	Speicherstatus	-	1	u16	r	0	6	0x7FFF	HR41827: 0=Stdby,1=Überw,2=Zirk,3=Anf,4=Lad,5=Nachl,6=Entls
hr1827	RuecklSollw_TW	°C	0.1	u16	rw	5	90	0x7FFF	HR41828: Maximale Rücklauftemperatur TW
hr1828	Beg_Rueckl_TW	-	0.1	u16	rw	0.1	10	0x7FFF	HR41829: Begrenzungsfaktor Rücklauf TW (CO4, Fb03)
hr1829	ThermDes_Sollw	°C	0.1	u16	rw	60	90	0x7FFF	HR41830: Desinfektionstemperatur
hr1830	ThermDes_Tag	-	1	u16	rw	0	7	0x7FFF	HR41831: Wochentag der thermischen Desinfektion
hr1831	ThermDes_Start	-	0.01	u16	rw	0	23.45	0x7FFF	HR41832: Startzeit der thermischen Desinfektion
hr1832	ThermDes_Stop	-	0.01	u16	rw	0	23.45	0x7FFF	HR41833: Stoppzeit der thermischen Desinfektion
hr1833	Zeit_Parallel_TW	min	1	u16	rw	0	10	0x7FFF	HR41834: Zeit bis Abbruch Parallellauf (CO4, Fb06)
hr1834	GT_Parallel_TW	°C	0.1	u16	rw	20	90	0x7FFF	HR41835: VL-Grenztemperatur für Parallellauf (CO4, Fb06)
hr1835	Zeit_Vorrang_TW	min	1	u16	rw	2	10	0x7FFF	HR41836: Zeit bis Trinkwasservorrang (CO4, Fb08/ 09)
hr1836	Beg_Inversreg_TW	-	0.1	u16	rw	0.1	10	0x7FFF	HR41837: Einflussfaktor Inversregelung (CO4, Fb08)
hr1837	Aktiver_LadeSoll	°C	0.1	u16	r	20	90	0x7FFF	HR41838: Aktiver Ladetemperatur-Sollwert
hr1838	ThermDes_Halte	min	1	u16	rw	0	255	0x7FFF	HR41839: Haltezeit Desinfektionstemperatur
hr1839	Vorrang_TW_RK	-	1	u16	rw	0	7	0x7FFF	HR41840: RK-Auswahl: 1=RK1;2=RK2;3=RK1+2
hr1840	Stellwert_TW	%	1	u16	rw	0	100	0x7FFF	HR41841: Sollstellwert TW-Kreis in Anlage 11.5
hr1849	Sperrzeit_Entlad	min	1	u16	rw	5	255	0x7FFF	HR41850: Sperrzeit nach Entladeschutz aktiv (PA9, P16)
hr1862	Regeldiff_TW	°C	0.1	s16	r	-100	100	0x7FFF	HR41863: Regeldifferenz TW-Kreis
hr1863	Beg_Rdiff_TW	K	0.1	u16	rw	2	10	0x7FFF	HR41864: Maximale Regelabweichung TW-Kreis (CO4, Fb13)
hr1864	Kp_TW	-	0.1	u16	rw	0.1	50	0x7FFF	HR41865: Proportionalverstärkung TW-Kreis
hr1865	Tn_TW	s	1	u16	rw	1	999	0x7FFF	HR41866: Nachstellzeit TW-Kreis
hr1866	Ty_TW	s	1	u16	rw	15	240	0x7FFF	HR41867: Laufzeit Stellantrieb TW-Kreis (bei 3-Punkt)
hr1867	Tv_TW	s	1	u16	rw	0	999	0x7FFF	HR41868: Vorhaltezeit TW-Kreis
hr1868	Schaltdiff_TW_2P	K	0.1	u16	rw	1	30	0x7FFF	HR41869: Schaltdifferenz TW-Kreis (bei 2-Punkt)
hr1869	MinEin_TW	min	1	u16	rw	0	10	0x7FFF	HR41870: Minimale Einschaltzeit TW-Kreis (bei 2-Punkt)
hr1870	MinAus_TW	min	1	u16	rw	0	10	0x7FFF	HR41871: Minimale Ausschaltzeit TW-Kreis (bei 2-Punkt)
hr1999	Start_Kesselpu	°C	0.1	u16	rw	20	90	0x7FFF	HR42000: Starttemperatur Kesselpumpe (PA5)
hr2000	Hyst_Kesselpu	°C	0.1	u16	rw	0	30	0x7FFF	HR42001: Hysterese Kesselpumpe (PA5)
hr2202	AT_aus_Hyst	°C	0.1	u16	rw	0.6	10	0x7FFF	HR42203: Hysterese der AT-Abschaltwerte
hr6399	HR46400	-	1	u16	r	0	65535	-	HR46400: Testregister für den internen Gebrauch
hr6400	HR46401	-	1	u16	r	0	65535	-	HR46401: Testregister für den internen Gebrauch
hr6401	HR46402	-	1	u16	r	0	65535	-	HR46402: Testregister für den internen Gebrauch
hr6402	HR46403	-	1	u16	r	0	65535	-	HR46403: Testregister für den internen Gebrauch
hr6403	HR46404	-	1	u16	r	0	65535	-	HR46404: Testregister für den internen Gebrauch
hr6404	HR46405	-	1	u16	r	0	65535	-	HR46405: Testregister für den internen Gebrauch
hr6405	HR46406	-	1	u16	r	0	65535	-	HR46406: Testregister für den internen Gebrauch
hr6406	HR46407	-	1	u16	rw	0	65535	-	HR46407: Testregister für den internen Gebrauch
hr6407	HR46408	-	1	u16	r	0	65535	-	HR46408: Testregister für den internen Gebrauch
hr6408	HR46409	-	1	u16	r	0	65535	-	HR46409: Testregister für den internen Gebrauch
hr6409	HR46410	-	1	u16	r	0	65535	-	HR46410: Testregister für den internen Gebrauch
hr6410	HR46411	-	1	u16	r	0	65535	-	HR46411: Testregister für den internen Gebrauch
hr6411	HR46412	-	1	u16	r	0	65535	-	HR46412: Testregister für den internen Gebrauch
hr6412	HR46413	-	1	u16	r	0	65535	-	HR46413: Testregister für den internen Gebrauch
hr6413	HR46414	-	1	u16	r	0	65535	-	HR46414: Testregister für den internen Gebrauch
hr6414	HR46415	-	1	u16	r	0	65535	-	HR46415: Testregister für den internen Gebrauch
hr6415	HR46416	-	1	u16	r	0	65535	-	HR46416: Testregister für den internen Gebrauch
hr6416	HR46417	-	1	u16	r	0	65535	-	HR46417: Testregister für den internen Gebrauch
hr6417	HR46418	-	1	u16	r	0	65535	-	HR46418: Testregister für den internen Gebrauch
hr6418	HR46419	-	1	u16	r	0	65535	-	HR46419: Testregister für den internen Gebrauch
hr6428	Anzahl_MDB_Anfr	-	1	u16	r	0	65535	-	HR46429: Anzahl Modbus-Anfragen in der vergangenen Minute
hr6469	1WMZ_Adresse	-	1	u16	rw	0	255	0x7FFF	HR46470: Zählerbusadresse WMZ1
hr6470	1WMZ_Typ	-	1	u16	rw	0	5	0x7FFF	HR46471: Typenschlüssel (2=1434, 3=CAL3, 4=APAtO, 5=SLS)
hr6471	1WMZ_Ausl	-	1	u16	rw	0	3	0x7FFF	HR46472: Auslesemodus 0=24h, 1=Cont, 2=Coil(CL16), 129=TarE
hr6472	2WMZ_Adresse	-	1	u16	rw	0	255	0x7FFF	HR46473: Zählerbusadresse WMZ2
hr6473	2WMZ_Typ	-	1	u16	rw	0	5	0x7FFF	HR46474: Typenschlüssel (2=1434, 3=CAL3, 4=APAtO, 5=SLS)
hr6474	2WMZ_Ausl	-	1	u16	rw	0	3	0x7FFF	HR46475: Auslesemodus 0=24h, 1=Cont, 2=Coil(CL17)
hr6475	3WMZ_Adresse	-	1	u16	rw	0	255	0x7FFF	HR46476: Zählerbusadresse WMZ3
hr6476	3WMZ_Typ	-	1	u16	rw	0	5	0x7FFF	HR46477: Typenschlüssel (2=1434, 3=CAL3, 4=APAtO, 5=SLS)
hr6477	3WMZ_Ausl	-	1	u16	rw	0	3	0x7FFF	HR46478: Auslesemodus 0=24h, 1=Cont, 2=Coil(CL18)
hr6478	4WMZ_Adresse	-	1	u16	rw	0	255	0x7FFF	HR46479: Zählerbusadresse WMZ4
hr6479	4WMZ_Typ	-	1	u16	rw	0	5	0x7FFF	HR46480: Typenschlüssel (2=1434, 3=CAL3, 4=APAtO, 5=SLS)
hr6480	4WMZ_Ausl	-	1	u16	rw	0	3	0x7FFF	HR46481: Auslesemodus 0=24h, 1=Cont, 2=Coil(CL252)
hr6481	5WMZ_Adresse	-	1	u16	rw	0	255	0x7FFF	HR46482: Zählerbusadresse WMZ5
hr6482	5WMZ_Typ	-	1	u16	rw	0	5	0x7FFF	HR46483: Typenschlüssel (2=1434, 3=CAL3, 4=APAtO, 5=SLS)
hr6483	5WMZ_Ausl	-	1	u16	rw	0	3	0x7FFF	HR46484: Auslesemodus 0=24h, 1=Cont, 2=Coil(CL253)
hr6484	6WMZ_Adresse	-	1	u16	rw	0	255	0x7FFF	HR46485: Zählerbusadresse WMZ6
hr6485	6WMZ_Typ	-	1	u16	rw	0	5	0x7FFF	HR46486: Typenschlüssel (2=1434, 3=CAL3, 4=APAtO, 5=SLS)
hr6486	6WMZ_Ausl	-	1	u16	rw	0	3	0x7FFF	HR46487: Auslesemodus 0=24h, 1=Cont, 2=Coil(CL254)
hr6487	M-Bus_Ausleseint	s	1	u16	rw	3	43200	-	HR46488: M-Bus Ausleseintervall
hr6489	Modul-Kennung	-	1	u16	r	5000	6000	0x7FFF	HR46490: Erzeugnisnummer, Gerätekennung = 5573
hr6490	Hardw-Vers_M-Bus	-	0.01	u16	r	0	10	0x7FFF	HR46491: Hardware-Version des 5573
hr6491	Software-Version	-	0.01	u16	r	0	10	0x7FFF	HR46492: Software-Version des 5573
hr6492	Modul-Freischltg	-	1	u16	rw	0	65535	-	HR46493: erst: 0x1732 (5938), dann 2 oder 9999 schreiben
hr6493	Bootprog-Version	-	0.01	u16	r	0	10	0x7FFF	HR46494: Bootprogramm-Version des 5573
hr6494	Modul-Serial-No	-	1	u16	rw	0	65535	-	HR46495: Seriennummer  des 5573
hr6495	FehlerstatusReg_hr6495	-	1	u16	r	0	65535	-	HR46496: Fehlerstatusregister
hr6496	FehlerstatArchiv_hr6496	-	1	u16	rw	0	65535	-	HR46497: Fehlerstatusarchiv
hr6497	FehlerzaehlerReg_hr6497	-	1	u16	rw	0	65535	-	HR46498: Fehlerzählerregister
hr6498	ResetzaehlerReg	-	1	u16	rw	0	65535	-	HR46499: Resetzählerregister
hr6499	1SysWMZFLAG	-	1	u16	r	0	32767	-	HR46500: WMZ1 Betriebszustand
hr6500	1SysFSR	-	1	u16	r	0	32767	-	HR46501: WMZ1 Fehlerstatus-Register
hr6501	1VDatum	-	1	u16	r	101	3112	0x7FFF	HR46502: WMZ1 Lesedatum Volumen | packed DDMM
hr6502	1VZeit	-	1	u16	r	0	2359	0x7FFF	HR46503: WMZ1 Leseuhrzeit Volumen | packed HHMM
hr6503	1tBtre3	-	1	u16	r	0	65535	-	HR46504: WMZ1 Betriebszeit x 10^3
hr6504	1tBtre0	-	1	u16	r	0	65535	-	HR46505: WMZ1 Betriebszeit x 10^0
hr6505	1Qe4	-	10000	u16	r	0	99990000	0x7FFF	HR46506: WMZ1 Durchfluß (10^4)
hr6506	1Qe0	-	1	u16	r	0	9999	0x7FFF	HR46507: WMZ1 Durchfluß (10^0)
hr6507	1Qe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR46508: WMZ1 Durchfluß (10^-3)
hr6508	1QEinh	-	1	u16	r	0	1	0x7FFF	HR46509: WMZ1 Einheit Durchfluß, 0=m³/h, 1=l/h
hr6509	1Ve4	-	10000	u16	r	0	99990000	0x7FFF	HR46510: WMZ1 Volumen (10^4)
hr6510	1Ve0	-	1	u16	r	0	9999	0x7FFF	HR46511: WMZ1 Volumen (10^0)
hr6511	1Ve-3	-	0.001	u16	r	0	0.999	0x7FFF	HR46512: WMZ1 Volumen (10^-3)
hr6512	1VEinh	-	1	u16	r	0	1	0x7FFF	HR46513: WMZ1 Einheit Volumen, 0=m³, 1=l
hr6513	1Pe4	-	10000	u16	r	0	99990000	0x7FFF	HR46514: WMZ1 Leistung (10^4)
hr6514	1Pe0	-	1	u16	r	0	9999	0x7FFF	HR46515: WMZ1 Leistung (10^0)
hr6515	1Pe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR46516: WMZ1 Leistung (10^-3)
hr6516	1PEinh	-	1	u16	r	0	1	0x7FFF	HR46517: WMZ1 Einheit Leistung, 0=kW, 1=MW
hr6517	1We4	-	10000	u16	r	0	99990000	0x7FFF	HR46518: WMZ1 Arbeit (10^4)
hr6518	1We0	-	1	u16	r	0	9999	0x7FFF	HR46519: WMZ1 Arbeit (10^0)
hr6519	1We-3	-	0.001	u16	r	0	0.999	0x7FFF	HR46520: WMZ1 Arbeit (10^-3)
hr6520	1WEinh	-	1	u16	r	0	2	0x7FFF	HR46521: WMZ1 Einheit Arbeit, 0=MWh, 1=kWh, 2=GJ
hr6521	1_Hersteller-ID	-	1	u16	r	0	65535	-	HR46522: WMZ1 Hersteller-Identifikation
hr6522	1VLe0	-	1	u16	r	0	200	0x7FFF	HR46523: WMZ1 Vorlauftemperatur (10^0)
hr6523	1VLe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR46524: WMZ1 Vorlauftemperatur (10^-3)
hr6524	1VLEinh	-	1	u16	r	0	1	0x7FFF	HR46525: WMZ1 Einheit Vorlauftemperatur, 0=°C
hr6525	1_WMZ-Firmware	-	0.01	u16	r	0	650	-	HR46526: WMZ1 Firmware-Version Zähler
hr6526	1RLe0	-	1	u16	r	0	200	0x7FFF	HR46527: WMZ1 Rücklauftemperatur (10^0)
hr6527	1RLe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR46528: WMZ1 Rücklauftemperatur (10^-3)
hr6528	1RLEinh	-	1	u16	r	0	1	0x7FFF	HR46529: WMZ1 Einheit Rücklauftemperatur, 0=°C
hr6529	1SysANSWER-OK	-	1	u16	rw	0	65535	-	HR46530: WMZ1 Testregister für den internen Gebrauch
hr6530	1SysAnsFail	-	1	u16	rw	0	65535	-	HR46531: WMZ1 Testregister für den internen Gebrauch
hr6531	1SysZeroBack	-	1	u16	rw	0	65535	-	HR46532: WMZ1 Testregister für den internen Gebrauch
hr6535	1STagDatum	-	1	u16	r	101	3112	0x7FFF	HR46536: WMZ1 Lesedatum Stichtag | packed DDMM
hr6536	1STagZeit	-	1	u16	r	0	2359	0x7FFF	HR46537: WMZ1 Leseuhrzeit Stichtag | packed HHMM
hr6537	1WSTag1e4	-	10000	u16	r	0	99990000	0x7FFF	HR46538: WMZ1 Arbeit Stichtag1 (10^4)
hr6538	1WSTag1e0	-	1	u16	r	0	9999	0x7FFF	HR46539: WMZ1 Arbeit Stichtag1 (10^0)
hr6539	1WSTag1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR46540: WMZ1 Arbeit Stichtag1 (10^-3)
hr6540	1WSTag1Einh	-	1	u16	r	0	2	0x7FFF	HR46541: WMZ1 Einheit Arbeit Stichtag 1,0=MWh,1=kWh,2=GJ
hr6541	1STag1Jahr	-	1	u16	r	1990	2099	0x7FFF	HR46542: WMZ1 Jahr Stichtag 1
hr6542	1STag1Datum	-	1	u16	r	101	3112	0x7FFF	HR46543: WMZ1 Datum Stichtag 1 | packed DDMM
hr6543	1VSTag1e4	-	10000	u16	r	0	99990000	0x7FFF	HR46544: WMZ1 Volumen Stichtag1 (10^4)
hr6544	1VSTag1e0	-	1	u16	r	0	9999	0x7FFF	HR46545: WMZ1 Volumen Stichtag1 (10^0)
hr6545	1VSTag1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR46546: WMZ1 Volumen Stichtag1 (10^-3)
hr6546	1VSTag1Einh	-	1	u16	r	0	1	0x7FFF	HR46547: WMZ1 Einheit Volumen Stichtag1, 0=m³, 1=l
hr6547	1WSTag2e4	-	10000	u16	r	0	99990000	0x7FFF	HR46548: WMZ1 Arbeit Stichtag2 (10^4)
hr6548	1WSTag2e0	-	1	u16	r	0	9999	0x7FFF	HR46549: WMZ1 Arbeit Stichtag2 (10^0)
hr6549	1WSTag2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR46550: WMZ1 Arbeit Stichtag2 (10^-3)
hr6550	1WSTag2Einh	-	1	u16	r	0	2	0x7FFF	HR46551: WMZ1 Einheit Arbeit Stichtag 2,0=MWh,1=kWh,2=GJ
hr6551	1STag2Jahr	-	1	u16	r	1990	2099	0x7FFF	HR46552: WMZ1 Jahr Stichtag2
hr6552	1STag2Datum	-	1	u16	r	101	3112	0x7FFF	HR46553: WMZ1 Datum Stichtag2 | packed DDMM
hr6553	1VSTag2e4	-	10000	u16	r	0	99990000	0x7FFF	HR46554: WMZ1 Volumen Stichtag2 (10^4)
hr6554	1VSTag2e0	-	1	u16	r	0	9999	0x7FFF	HR46555: WMZ1 Volumen Stichtag2 (10^0)
hr6555	1VSTag2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR46556: WMZ1 Volumen Stichtag2 (10^-3)
hr6556	1VSTag2Einh	-	1	u16	r	0	1	0x7FFF	HR46557: WMZ1 Einheit Volumen Stichtag2, 0=m³, 1=l
hr6557	1WDev1e4	-	10000	u16	r	0	99990000	0x7FFF	HR46558: WMZ1 Arbeit Device1 (10^4)
hr6558	1WDev1e0	-	1	u16	r	0	9999	0x7FFF	HR46559: WMZ1 Arbeit Device1 (10^0)
hr6559	1WDev1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR46560: WMZ1 Arbeit Device1 (10^-3)
hr6560	1WDev1Einh	-	1	u16	r	0	2	0x7FFF	HR46561: WMZ1 Device1-Arbeit Einheit,0=MWh,1=kWh,2=GJ
hr6561	1VDev1e4	-	10000	u16	r	0	99990000	0x7FFF	HR46562: WMZ1 Volumen Device1 (10^4)
hr6562	1VDev1e0	-	1	u16	r	0	9999	0x7FFF	HR46563: WMZ1 Volumen Device1 (10^0)
hr6563	1VDev1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR46564: WMZ1 Volumen Device1 (10^-3)
hr6564	1VDev1Einh	-	1	u16	r	0	1	0x7FFF	HR46565: WMZ1 Einheit Volumen Device1, 0=m³, 1=l
hr6565	1WDev2e4	-	10000	u16	r	0	99990000	0x7FFF	HR46566: WMZ1 Arbeit Device2 (10^4)
hr6566	1WDev2e0	-	1	u16	r	0	9999	0x7FFF	HR46567: WMZ1 Arbeit Device2 (10^0)
hr6567	1WDev2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR46568: WMZ1 Arbeit Device2 (10^-3)
hr6568	1WDev2Einh	-	1	u16	r	0	2	0x7FFF	HR46569: WMZ1 Einheit Arbeit Device2,0=MWh,1=kWh,2=GJ
hr6569	1VDev2e4	-	10000	u16	r	0	99990000	0x7FFF	HR46570: WMZ1 Volumen Device2 (10^4)
hr6570	1VDev2e0	-	1	u16	r	0	9999	0x7FFF	HR46571: WMZ1 Volumen Device2 (10^0)
hr6571	1VDev2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR46572: WMZ1 Volumen Device2 (10^-3)
hr6572	1VDev2Einh	-	1	u16	r	0	1	0x7FFF	HR46573: WMZ1 Einheit Volumen Device2, 0=m³, 1=l
hr6573	1WTa1e4	-	10000	u16	r	0	99990000	0x7FFF	HR46574: WMZ1 Arbeit Tarif1 (10^4)
hr6574	1WTa1e0	-	1	u16	r	0	9999	0x7FFF	HR46575: WMZ1 Arbeit Tarif1 (10^0)
hr6575	1WTa1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR46576: WMZ1 Arbeit Tarif1 (10^-3)
hr6576	1WTa1Einh	-	1	u16	r	0	2	0x7FFF	HR46577: WMZ1 Einheit Arbeit Tarif1,0=MWh,1=kWh,2=GJ
hr6577	1VTa1e4	-	10000	u16	r	0	99990000	0x7FFF	HR46578: WMZ1 Volumen Tarif1 (10^4)
hr6578	1VTa1e0	-	1	u16	r	0	9999	0x7FFF	HR46579: WMZ1 Volumen Tarif1 (10^0)
hr6579	1VTa1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR46580: WMZ1 Volumen Tarif1 (10^-3)
hr6580	1VTa1Einh	-	1	u16	r	0	1	0x7FFF	HR46581: WMZ1 Einheit Volumen Tarif1, 0=m³, 1=l
hr6581	1WTa2e4	-	10000	u16	r	0	99990000	0x7FFF	HR46582: WMZ1 Arbeit Tarif2 (10^4)
hr6582	1WTa2e0	-	1	u16	r	0	9999	0x7FFF	HR46583: WMZ1 Arbeit Tarif2 (10^0)
hr6583	1WTa2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR46584: WMZ1 Arbeit Tarif2 (10^-3)
hr6584	1WTa2Einh	-	1	u16	r	0	2	0x7FFF	HR46585: WMZ1 Einheit Arbeit Tarif2,0=MWh,1=kWh,2=GJ
hr6585	1VTa2e4	-	10000	u16	r	0	99990000	0x7FFF	HR46586: WMZ1 Volumen Tarif2 (10^4)
hr6586	1VTa2e0	-	1	u16	r	0	9999	0x7FFF	HR46587: WMZ1 Volumen Tarif2 (10^0)
hr6587	1VTa2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR46588: WMZ1 Volumen Tarif2 (10^-3)
hr6588	1VTa2Einh	-	1	u16	r	0	1	0x7FFF	HR46589: WMZ1 Einheit Volumen Tarif2, 0=m³, 1=l
hr6589	1SysIDHB	-	1	u16	r	0	9999	0x7FFF	HR46590: WMZ1 Identnummer obere 4 Stellen
hr6590	1SysIDLB	-	1	u16	r	0	9999	0x7FFF	HR46591: WMZ1 Identnummer untere 4 Stellen
hr6591	1Dev1HCAe7	-	10000000	u16	r	0	99990000000	0x7FFF	HR46592: WMZ1 Device 1 Zählen ohne Einheit (10^7)
hr6592	1Dev1HCAe4	-	10000	u16	r	0	99990000	0x7FFF	HR46593: WMZ1 Device 1 Zählen ohne Einheit (10^4)
hr6593	1Dev1HCAe0	-	0.001	u16	r	0	0.999	0x7FFF	HR46594: WMZ1 Device 1 Zählen ohne Einheit (10^0)
hr6594	1Dev2HCAe7	-	10000000	u16	r	0	99990000000	0x7FFF	HR46595: WMZ1 Device 2 Zählen ohne Einheit (10^7)
hr6595	1Dev2HCAe4	-	10000	u16	r	0	99990000	0x7FFF	HR46596: WMZ1 Device 2 Zählen ohne Einheit (10^4)
hr6596	1Dev2HCAe0	-	0.001	u16	r	0	0.999	0x7FFF	HR46597: WMZ1 Device 2 Zählen ohne Einheit (10^0)
hr6597	1Dev3HCAe7	-	10000000	u16	r	0	99990000000	0x7FFF	HR46598: WMZ1 Device 3 Zählen ohne Einheit (10^7)
hr6598	1Dev3HCAe4	-	10000	u16	r	0	99990000	0x7FFF	HR46599: WMZ1 Device 3 Zählen ohne Einheit (10^4)
hr6599	1Dev3HCAe0	-	0.001	u16	r	0	0.999	0x7FFF	HR46600: WMZ1 Device 3 Zählen ohne Einheit (10^0)
hr6600	1QDev1Nr5e4	-	10000	u16	r	0	99990000	0x7FFF	HR46601: WMZ1 Qmax Dev1 Speichernr5 10^4
hr6601	1QDev1Nr5e0	-	1	u16	r	0	9999	0x7FFF	HR46602: WMZ1 Qmax Dev1 Speichernr5 10^0
hr6602	1QDev1Nr5e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR46603: WMZ1 Qmax Dev1 Speichernr5 10^-3
hr6603	1QDev1Nr5Einh	-	1	u16	r	0	1	0x7FFF	HR46604: WMZ1 Einheit Q_maxDev1Spnr5,0=m³/h,1=l/h
hr6604	1Dev1Nr5Jahr	-	1	u16	r	1990	2099	0x7FFF	HR46605: WMZ1 Jahr für Dev1maxStorNr5
hr6605	1Dev1Nr5Datum	-	1	u16	r	101	3112	0x7FFF	HR46606: WMZ1 Datum für Dev1maxStorNr5 | packed DDMM
hr6606	1Dev1Nr5Zeit	-	1	u16	r	0	2359	0x7FFF	HR46607: WMZ1 Uhrzeit für Dev1maxStorNr5 | packed HHMM
hr6607	1PDev1Nr1e4	-	10000	u16	r	0	99990000	0x7FFF	HR46608: WMZ1 Pmax für Dev1StorNr1 (10^4)
hr6608	1PDev1Nr1e0	-	1	u16	r	0	9999	0x7FFF	HR46609: WMZ1 Pmax für Dev1StorNr1 (10^0)
hr6609	1PDev1Nr1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR46610: WMZ1 Pmax für Dev1StorNr1 (10^-3)
hr6610	1PDev1Nr1Einh	-	1	u16	r	0	1	0x7FFF	HR46611: WMZ1 Einheit PmaxDev1StorNr1, 0=kW, 1=MW
hr6611	1Dev1Nr1Jahr	-	1	u16	r	1990	2099	0x7FFF	HR46612: WMZ1 Jahr für Dev1maxStorNr1
hr6612	1Dev1Nr1Datum	-	1	u16	r	101	3112	0x7FFF	HR46613: WMZ1 Datum für Dev1maxStorNr1 | packed DDMM
hr6613	1Dev1Nr1Zeit	-	1	u16	r	0	2359	0x7FFF	HR46614: WMZ1 Uhrzeit für Dev1maxStorNr1 | packed HHMM
hr6614	1Pmaxe4	-	10000	u16	r	0	99990000	0x7FFF	HR46615: WMZ1 Leistung max (10^4)
hr6615	1Pmaxe0	-	1	u16	r	0	9999	0x7FFF	HR46616: WMZ1 Leistung max (10^0)
hr6616	1Pmaxe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR46617: WMZ1 Leistung max (10^-3)
hr6617	1PmaxEinh	-	1	u16	r	0	1	0x7FFF	HR46618: WMZ1 Einheit Leistung max, 0=kW, 1=MW
hr6618	1Qmaxe4	-	10000	u16	r	0	99990000	0x7FFF	HR46619: WMZ1 Durchfluß max (10^4)
hr6619	1Qmaxe0	-	1	u16	r	0	9999	0x7FFF	HR46620: WMZ1 Durchfluß max (10^0)
hr6620	1Qmaxe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR46621: WMZ1 Durchfluß max (10^-3)
hr6621	1QmaxEinh	-	1	u16	r	0	1	0x7FFF	HR46622: WMZ1 Einheit Durchfluß max,0=m³/h,1=l/h
hr6623	1VLmaxe0	-	1	u16	r	0	200	0x7FFF	HR46624: WMZ1 Vorlauftemperatur max (10^0)
hr6624	1VLmaxe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR46625: WMZ1 Vorlauftemperatur max (10^-3)
hr6625	1VLmaxEinh	-	1	u16	r	0	1	0x7FFF	HR46626: WMZ1 Einheit Vorlauftemperatur max, 0=°C
hr6627	1RLmaxe0	-	1	u16	r	0	200	0x7FFF	HR46628: WMZ1 Rücklauftemperatur max (10^0)
hr6628	1RLmaxe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR46629: WMZ1 Rücklauftemperatur max (10^-3)
hr6629	1RLmaxEinh	-	1	u16	r	0	1	0x7FFF	HR46630: WMZ1 Einheit Rücklauftemperatur max, 0=°C
hr6630	1SysSlaveadr	-	1	u16	r	0	255	0x7FFF	HR46631: WMZ1 echte WMZ-Adresse nach Zählerantwort
hr6631	1DeltaTe0	-	1	u16	r	0	200	0x7FFF	HR46632: WMZ1 Differenz (Vorlauf-Rücklauf) (10^0)
hr6632	1DeltaTe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR46633: WMZ1 Differenz (Vorlauf-Rücklauf) (10^-3)
hr6633	1VTa3e4	-	10000	u16	r	0	99990000	0x7FFF	HR46634: WMZ1 Volumen Tarif3 (10^4)
hr6634	1VTa3e0	-	1	u16	r	0	9999	0x7FFF	HR46635: WMZ1 Volumen Tarif3 (10^0)
hr6635	1VTa3e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR46636: WMZ1 Volumen Tarif3 (10^-3)
hr6636	1VTa3Einh	-	1	u16	r	0	1	0x7FFF	HR46637: WMZ1 Einheit Volumen Tarif3, 0=m³, 1=l
hr6637	1PTa1Nr24e4	-	10000	u16	r	0	99990000	0x7FFF	HR46638: WMZ1 P Tarif1StorNr24 (10^4)
hr6638	1PTa1Nr24e0	-	1	u16	r	0	9999	0x7FFF	HR46639: WMZ1 P Tarif1StorNr24 (10^0)
hr6639	1PTa1Nr24e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR46640: WMZ1 P Tarif1StorNr24 (10^-3)
hr6640	1PTa1Nr24Einh	-	1	u16	r	0	1	0x7FFF	HR46641: WMZ1 Einheit PTarif1StorNr24, 0=kW, 1=MW
hr6641	1QTa1Nr24e4	-	10000	u16	r	0	99990000	0x7FFF	HR46642: WMZ1 Q Tarif1StorNr24 (10^4)
hr6642	1QTa1Nr24e0	-	1	u16	r	0	9999	0x7FFF	HR46643: WMZ1 Q Tarif1StorNr24 (10^0)
hr6643	1QTa1Nr24e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR46644: WMZ1 Q Tarif1StorNr24 (10^-3)
hr6644	1QTa1Nr24Einh	-	1	u16	r	0	1	0x7FFF	HR46645: WMZ1 EinheitQTarif1StorNr24,0=m³/h,1=l/h
hr6645	1tErrore3	h	1000	u16	r	0	9999000	0x7FFF	HR46646: WMZ1 Fehlerzeit x 10^3 in Stunden
hr6646	1tErrore0	h	1	u16	r	0	999	0x7FFF	HR46647: WMZ1 Fehlerzeit x 10^0 in Stunden
hr6647	1tInfoe3	-	1	u16	r	0	1	0x7FFF	HR46648: WMZ1 Info (10^3)
hr6648	1tInfoe0	-	1	u16	r	0	1	0x7FFF	HR46649: WMZ1 Info (10^0)
hr6649	1WMZJahr	-	1	u16	r	1990	2099	0x7FFF	HR46650: WMZ1 Jahr
hr6650	1WMZDatum	-	1	u16	r	101	3112	0x7FFF	HR46651: WMZ1 Datum | packed DDMM
hr6651	1WMZZeit	-	1	u16	r	0	2359	0x7FFF	HR46652: WMZ1 Zeit | packed HHMM
hr6652	1WSTag3e4	-	10000	u16	r	0	99990000	0x7FFF	HR46653: WMZ1 Arbeit Stichtag3 (10^4)
hr6653	1WSTag3e0	-	1	u16	r	0	9999	0x7FFF	HR46654: WMZ1 Arbeit Stichtag3 (10^0)
hr6654	1WSTag3e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR46655: WMZ1 Arbeit Stichtag3 (10^-3)
hr6655	1WSTag3Einh	-	1	u16	r	0	32	0x7FFF	HR46656: WMZ1 Einheit Arbeit Stichtag 3, 0=MWh,1=kWh,2=GJ
hr6656	1STag3Jahr	-	1	u16	r	1990	2099	0x7FFF	HR46657: WMZ1 Jahr Stichtag3
hr6657	1STag3Datum	-	1	u16	r	101	3112	0x7FFF	HR46658: WMZ1 Datum Stichtag3 | packed DDMM
hr6749	EZ1_SysWMZFLAG	-	1	u16	r	0	32767	-	HR46750: EZ1 Betriebszustand
hr6750	EZ1_SysFSR	-	1	u16	r	0	32767	-	HR46751: EZ1 Fehlerstatus-Register
hr6751	EZ1_VDatum	-	1	u16	r	101	3112	0x7FFF	HR46752: EZ1 Lesedatum Energie | packed DDMM
hr6752	EZ1_VZeit	-	1	u16	r	0	2359	0x7FFF	HR46753: EZ1 Leseuhrzeit Energie | packed HHMM
hr6753	EZ1_tBtre3	-	1	u16	r	0	65535	-	HR46754: EZ1 Betriebszeit x 10^3
hr6754	EZ1_tBtre0	-	1	u16	r	0	65535	-	HR46755: EZ1 Betriebszeit x 10^0
hr6755	EZ1_U_3phas	V	1	u16	r	0	9999	0x7FFF	HR46756: EZ1 Spannung 3-phasig in ganzen Volt
hr6756	EZ1_U1	V	1	u16	r	0	9999	0x7FFF	HR46757: EZ1 Spannung Phase 1 in ganzen Volt
hr6757	EZ1_U2	V	1	u16	r	0	9999	0x7FFF	HR46758: EZ1 Spannung Phase 2 in ganzen Volt
hr6758	EZ1_U3	V	1	u16	r	0	9999	0x7FFF	HR46759: EZ1 Spannung Phase 3 in ganzen Volt
hr6759	1cos_phi_3phas	%	0.1	s16	r	-100	100	0x7FFF	HR46760: EZ1 Leistungsfaktor Sys (10^-3)
hr6760	EZ1_cos_phi1	%	0.1	s16	r	-100	100	0x7FFF	HR46761: EZ1 Leistungsfaktor Phase 1 (10^-3)
hr6761	EZ1_cos_phi2	%	0.1	s16	r	-100	100	0x7FFF	HR46762: EZ1 Leistungsfaktor Phase 2 (10^-3)
hr6762	EZ1_cos_phi3	%	0.1	s16	r	-100	100	0x7FFF	HR46763: EZ1 Leistungsfaktor Phase 3 (10^-3)
hr6763	EZ1_Pe4	-	10000	u16	r	0	99990000	0x7FFF	HR46764: EZ1 Leistung gesamt (10^4)
hr6764	EZ1_Pe0	-	1	u16	r	0	9999	0x7FFF	HR46765: EZ1 Leistung gesamt (10^0)
hr6765	EZ1_Pe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR46766: EZ1 Leistung gesamt (10^-3)
hr6766	EZ1_PEinh	-	1	u16	r	0	1	0x7FFF	HR46767: EZ1 Einheit Leistung, 0=kW, 1=MW
hr6767	EZ1_We4	-	10000	u16	r	0	99990000	0x7FFF	HR46768: EZ1 Wirkenergie gesamt (10^4)
hr6768	EZ1_We0	-	1	u16	r	0	9999	0x7FFF	HR46769: EZ1 Wirkenergie gesamt (10^0)
hr6769	EZ1_We-3	-	0.001	u16	r	0	0.999	0x7FFF	HR46770: EZ1 Wirkenergie gesamt (10^-3)
hr6770	EZ1_WEinh	-	1	u16	r	0	32	0x7FFF	HR46771: EZ1 Einheit Arbeit, 0=MWh, 1=kWh, 30=GWh
hr6771	EZ1_Mfact-ID	-	1	u16	r	0	65535	-	HR46772: EZ1 Hersteller-Identifikation
hr6774	EZ1_Frequenz	Hz	0.01	u16	r	0	655.35	-	HR46775: EZ1 Frequenz in 100tel Hz
hr6775	EZ1_EZ-Firmware	-	0.01	u16	r	0	650	-	HR46776: EZ1 Firmware-Version Zähler
hr6776	EZ1_Phasenfolge	-	1	u16	r	0	132	0x7FFF	HR46777: EZ1 Phasenfolge moegliche Werte: 123 oder 132
hr6777	EZ1_U_Wandler	-	1	u16	r	1	65535	-	HR46778: EZ1 Spannungswandlerverhältnis
hr6778	EZ1_I_Wandler	-	1	u16	r	1	65535	-	HR46779: EZ1 Stromwandlerverhältnis
hr6779	EZ1_SysANSWER-OK	-	1	u16	rw	0	65535	-	HR46780: EZ1 Testregister für den internen Gebrauch
hr6780	EZ1_SysAnsFail	-	1	u16	rw	0	65535	-	HR46781: EZ1 Testregister für den internen Gebrauch
hr6781	EZ1_SysZeroBack	-	1	u16	rw	0	65535	-	HR46782: EZ1 Testregister für den internen Gebrauch
hr6785	EZ1_STagDatum	-	1	u16	r	101	3112	0x7FFF	HR46786: EZ1 Lesedatum Stichtag | packed DDMM
hr6786	EZ1_STagZeit	-	1	u16	r	0	2359	0x7FFF	HR46787: EZ1 Leseuhrzeit Stichtag | packed HHMM
hr6787	EZ1_WSTag1e4	-	10000	u16	r	0	99990000	0x7FFF	HR46788: EZ1 Wirkenergie gesamt Stichtag 1 (10^4)
hr6788	EZ1_WSTag1e0	-	1	u16	r	0	9999	0x7FFF	HR46789: EZ1 Wirkenergie gesamt Stichtag 1 (10^0)
hr6789	EZ1_WSTag1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR46790: EZ1 Wirkenergie gesamt Stichtag 1 (10^-3)
hr6790	EZ1_WSTag1Einh	-	1	u16	r	0	32	0x7FFF	HR46791: EZ1 Einheit Arbeit Stichtag 1, 0=MWh,1=kWh,30=GWh
hr6791	EZ1_STag1Jahr	-	1	u16	r	1990	2099	0x7FFF	HR46792: EZ1 Jahr Stichtag 1
hr6792	EZ1_STag1Datum	-	1	u16	r	101	3112	0x7FFF	HR46793: EZ1 Datum Stichtag 1 | packed DDMM
hr6797	EZ1_WSTag2e4	-	10000	u16	r	0	99990000	0x7FFF	HR46798: EZ1 Wirkenergie gesamt Stichtag 2 (10^4)
hr6798	EZ1_WSTag2e0	-	1	u16	r	0	9999	0x7FFF	HR46799: EZ1 Wirkenergie gesamt Stichtag 2 (10^0)
hr6799	EZ1_WSTag2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR46800: EZ1 Wirkenergie gesamt Stichtag 2 (10^-3)
hr6800	EZ1_WSTag2Einh	-	1	u16	r	0	32	0x7FFF	HR46801: EZ1 Einheit Arbeit Stichtag 2, 0=MWh,1=kWh,30=GWh
hr6801	EZ1_STag2Jahr	-	1	u16	r	1990	2099	0x7FFF	HR46802: EZ1 Jahr Stichtag2
hr6802	EZ1_STag2Datum	-	1	u16	r	101	3112	0x7FFF	HR46803: EZ1 Datum Stichtag2 | packed DDMM
hr6803	EZ1_Pe4_Phase1	-	10000	u16	r	0	99990000	0x7FFF	HR46804: EZ1 Wirkleistung in Phase 1 (10^4)
hr6804	EZ1_Pe0_Phase1	-	1	u16	r	0	9999	0x7FFF	HR46805: EZ1 Wirkleistung in Phase 1 (10^0)
hr6805	EZ1_Pe-3_Phase1	-	0.001	u16	r	0	0.999	0x7FFF	HR46806: EZ1 Wirkleistung in Phase 1 (10^-3)
hr6806	EZ1_P-Ph1-Einh	-	1	u16	r	0	1	0x7FFF	HR46807: EZ1 Einheit Wirkleistung in Phase 1, 0=kW, 1=MW
hr6807	EZ1_WDev1e4	-	10000	u16	r	0	99990000	0x7FFF	HR46808: EZ1 Energie Device 1 (10^4)
hr6808	EZ1_WDev1e0	-	1	u16	r	0	9999	0x7FFF	HR46809: EZ1 Energie Device 1 (10^0)
hr6809	EZ1_WDev1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR46810: EZ1 Energie Device 1 (10^-3)
hr6810	EZ1_WDev1Einh	-	1	u16	r	0	32	0x7FFF	HR46811: EZ1 Einheit Arbeit Device 1, 0=MWh, 1=kWh, 30=GWh
hr6811	EZ1_Pe4_Phase2	-	10000	u16	r	0	99990000	0x7FFF	HR46812: EZ1 Wirkleistung in Phase 2 (10^4)
hr6812	EZ1_Pe0_Phase2	-	1	u16	r	0	9999	0x7FFF	HR46813: EZ1 Wirkleistung in Phase 2 (10^0)
hr6813	EZ1_Pe-3_Phas2	-	0.001	u16	r	0	0.999	0x7FFF	HR46814: EZ1 Wirkleistung in Phase 2 (10^-3)
hr6814	EZ1_P-Ph2-Einh	-	1	u16	r	0	1	0x7FFF	HR46815: EZ1 Einheit Wirkleistung in Phase 2, 0=kW, 1=MW
hr6815	EZ1_WDev2e4	-	10000	u16	r	0	99990000	0x7FFF	HR46816: EZ1 Energie Device 2 (10^4)
hr6816	EZ1_WDev2e0	-	1	u16	r	0	9999	0x7FFF	HR46817: EZ1 Energie Device 2 (10^0)
hr6817	EZ1_WDev2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR46818: EZ1 Energie Device 2 (10^-3)
hr6818	EZ1_WDev2Einh	-	1	u16	r	0	32	0x7FFF	HR46819: EZ1 Einheit Arbeit Device 2, 0=MWh, 1=kWh, 30=GWh
hr6819	EZ1_Pe4_Phase3	-	10000	u16	r	0	99990000	0x7FFF	HR46820: EZ1 Wirkleistung in Phase 3 (10^4)
hr6820	EZ1_Pe0_Phase3	-	1	u16	r	0	9999	0x7FFF	HR46821: EZ1 Wirkleistung in Phase 3 (10^0)
hr6821	EZ1_Pe-3_Phas3	-	0.001	u16	r	0	0.999	0x7FFF	HR46822: EZ1 Wirkleistung in Phase 3 (10^-3)
hr6822	EZ1_P-Ph3-Einh	-	1	u16	r	0	1	0x7FFF	HR46823: EZ1 Einheit Wirkleistung in Phase 3, 0=kW, 1=MW
hr6823	EZ1_WTa1e4	-	10000	u16	r	0	99990000	0x7FFF	HR46824: EZ1 Energie Tarif 1 (10^4)
hr6824	EZ1_WTa1e0	-	1	u16	r	0	9999	0x7FFF	HR46825: EZ1 Energie Tarif 1 (10^0)
hr6825	EZ1_WTa1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR46826: EZ1 Energie Tarif 1 (10^-3)
hr6826	EZ1_WTa1Einh	-	1	u16	r	0	32	0x7FFF	HR46827: EZ1 Einheit Arbeit Tarif 1, 0=MWh, 1=kWh, 30=GWh
hr6827	EZ1_S_Syse4	-	10000	u16	r	0	99990000	0x7FFF	HR46828: EZ1 Scheinleistung Sys (10^4)
hr6828	EZ1_S_Syse0	-	1	u16	r	0	9999	0x7FFF	HR46829: EZ1 Scheinleistung Sys  (10^0)
hr6829	EZ1_S_Syse-3	-	0.001	u16	r	0	0.999	0x7FFF	HR46830: EZ1 Scheinleistung Sys  (10^-3)
hr6830	EZ1_S_SysEinh	-	1	u16	r	0	1	0x7FFF	HR46831: EZ1 Scheinleistung Einheit, 0=kVAh, 1=MVAh
hr6831	EZ1_WTa2e4	-	10000	u16	r	0	99990000	0x7FFF	HR46832: EZ1 Energie Tarif 2 (10^4)
hr6832	EZ1_WTa2e0	-	1	u16	r	0	9999	0x7FFF	HR46833: EZ1 Energie Tarif 2 (10^0)
hr6833	EZ1_WTa2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR46834: EZ1 Energie Tarif 2 (10^-3)
hr6834	EZ1_WTa2Einh	-	1	u16	r	0	32	0x7FFF	HR46835: EZ1 Einheit Arbeit Tarif 2, 0=MWh, 1=kWh, 30=GWh
hr6835	EZ1_Q_Syse4	-	10000	u16	r	0	99990000	0x7FFF	HR46836: EZ1 Blindleistung Sys (10^4)
hr6836	EZ1_Q_Syse0	-	1	u16	r	0	9999	0x7FFF	HR46837: EZ1 Blindleistung Sys (10^0)
hr6837	EZ1_Q_Syse-3	-	0.001	u16	r	0	0.999	0x7FFF	HR46838: EZ1 Blindleistung Sys (10^-3)
hr6838	EZ1_Q_SysEinh	-	1	u16	r	0	1	0x7FFF	HR46839: EZ1 Einheit Blindleistung Sys,  0=kvarh, 1=Mvarh
hr6839	EZ1_SysIDHB	-	1	u16	r	0	9999	0x7FFF	HR46840: EZ1 Identnummer obere 4 Stellen
hr6840	EZ1_SysIDLB	-	1	u16	r	0	9999	0x7FFF	HR46841: EZ1 Identnummer untere 4 Stellen
hr6841	1_W_Bezug_ph1e4	-	10000000	u16	r	0	99990000000	0x7FFF	HR46842: EZ1 Wirkenergie Bezug Phase 1 (10^4)
hr6842	1_W_Bezug_ph1e0	-	10000	u16	r	0	99990000	0x7FFF	HR46843: EZ1 Wirkenergie Bezug Phase 1 (10^0)
hr6843	1_W_Bezug_ph1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR46844: EZ1 Wirkenergie Bezug Phase 1 (10^-3)
hr6844	1_W_Bezug_ph1Ein	-	1	u16	r	0	32	0x7FFF	HR46845: EZ1 Einheit PWirk Bezug Phase1, 0=MWh,1=kWh,30=GWh
hr6845	1_W_Bezug_ph2e4	-	10000000	u16	r	0	99990000000	0x7FFF	HR46846: EZ1 Wirkenergie Bezug Phase 2 (10^4)
hr6846	1_W_Bezug_ph2e0	-	10000	u16	r	0	99990000	0x7FFF	HR46847: EZ1 Wirkenergie Bezug Phase 2 (10^0)
hr6847	1_W_Bezug_ph2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR46848: EZ1 Wirkenergie Bezug Phase 2 (10^-3)
hr6848	1_W_Bezug_ph2Ein	-	1	u16	r	0	32	0x7FFF	HR46849: EZ1 Einheit PWirk Bezug Phase2, 0=MWh,1=kWh,30=GWh
hr6849	1_W_Bezug_ph3e4	-	10000000	u16	r	0	99990000000	0x7FFF	HR46850: EZ1 Wirkenergie Bezug Phase 3 (10^4)
hr6850	1_W_Bezug_ph3e0	-	10000	u16	r	0	99990000	0x7FFF	HR46851: EZ1 Wirkenergie Bezug Phase 3 (10^0)
hr6851	1_W_Bezug_ph3e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR46852: EZ1 Wirkenergie Bezug Phase 3 (10^-3)
hr6852	1_W_Bezug_ph3Ein	-	1	u16	r	0	32	0x7FFF	HR46853: EZ1 Einheit PWirk Bezug Phase3, 0=MWh,1=kWh,30=GWh
hr6853	1_W_Liefg_gese4	-	10000000	u16	r	0	99990000000	0x7FFF	HR46854: EZ1 Wirkenergie Lieferung gesamt (10^4)
hr6854	1_W_Liefg_gese0	-	10000	u16	r	0	99990000	0x7FFF	HR46855: EZ1 Wirkenergie Lieferung gesamt  (10^0)
hr6855	1_W_Liefg_gese-3	-	0.001	u16	r	0	0.999	0x7FFF	HR46856: EZ1 Wirkenergie Lieferung gesamt  (10^-3)
hr6856	1_W_Liefg_gesEin	-	1	u16	r	0	32	0x7FFF	HR46857: EZ1 Einheit PWirk Lieferung ge. 0=MWh,1=kWh,30=GWh
hr6857	EZ1_PDev1Nr1e4	-	10000	u16	r	0	99990000	0x7FFF	HR46858: EZ1 Pmax für Dev1StorNr1 (10^4)
hr6858	EZ1_PDev1Nr1e0	-	1	u16	r	0	9999	0x7FFF	HR46859: EZ1 Pmax für Dev1StorNr1 (10^0)
hr6859	EZ1_PDev1Nr1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR46860: EZ1 Pmax für Dev1StorNr1 (10^-3)
hr6860	EZ1_PDev1Nr1Einh	-	1	u16	r	0	1	0x7FFF	HR46861: EZ1 Einheit PmaxDev1StorNr1, 0=kW, 1=MW
hr6861	EZ1_Dev1Nr1Jahr	-	1	u16	r	1990	2099	0x7FFF	HR46862: EZ1 Jahr für Dev1maxStorNr1
hr6862	EZ1_Dev1Nr1Datum	-	1	u16	r	101	3112	0x7FFF	HR46863: EZ1 Datum für Dev1maxStorNr1 | packed DDMM
hr6863	EZ1_Dev1Nr1Zeit	-	1	u16	r	0	2359	0x7FFF	HR46864: EZ1 Uhrzeit für Dev1maxStorNr1 | packed HHMM
hr6864	EZ1_Pmaxe4	-	10000	u16	r	0	99990000	0x7FFF	HR46865: EZ1 Leistung max (10^4)
hr6865	EZ1_Pmaxe0	-	1	u16	r	0	9999	0x7FFF	HR46866: EZ1 Leistung max (10^0)
hr6866	EZ1_Pmaxe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR46867: EZ1 Leistung max (10^-3)
hr6867	EZ1_PmaxEinh	-	1	u16	r	0	1	0x7FFF	HR46868: EZ1 Einheit Leistung max, 0=kW, 1=MW
hr6868	1_W_Liefg_ph1e4	-	10000000	u16	r	0	99990000000	0x7FFF	HR46869: EZ1 Wirkenergie Lieferung Phase 1 (10^4)
hr6869	1_W_Liefg_ph1e0	-	10000	u16	r	0	99990000	0x7FFF	HR46870: EZ1 Wirkenergie Lieferung Phase 1 (10^0)
hr6870	1_W_Liefg_ph1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR46871: EZ1 Wirkenergie Lieferung Phase 1 (10^-3)
hr6871	1_W_Liefg_ph1Ein	-	1	u16	r	0	32	0x7FFF	HR46872: EZ1 Einheit PWirk Liefg. Ph.1, 0=MWh,1=kWh,30=GWh
hr6872	1_W_Liefg_ph2e4	-	10000000	u16	r	0	99990000000	0x7FFF	HR46873: EZ1 Wirkenergie Lieferung Phase 2 (10^4)
hr6873	1_W_Liefg_ph2e0	-	10000	u16	r	0	99990000	0x7FFF	HR46874: EZ1 Wirkenergie Lieferung Phase 2 (10^0)
hr6874	1_W_Liefg_ph2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR46875: EZ1 Wirkenergie Lieferung Phase 2 (10^-3)
hr6875	1_W_Liefg_ph2Ein	-	1	u16	r	0	32	0x7FFF	HR46876: EZ1 Einheit PWirk Liefg. Ph.2, 0=MWh,1=kWh,30=GWh
hr6876	1_W_Liefg_ph3e4	-	10000000	u16	r	0	99990000000	0x7FFF	HR46877: EZ1 Wirkenergie Lieferung Phase 3 (10^4)
hr6877	1_W_Liefg_ph3e0	-	10000	u16	r	0	99990000	0x7FFF	HR46878: EZ1 Wirkenergie Lieferung Phase 3 (10^0)
hr6878	1_W_Liefg_ph3e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR46879: EZ1 Wirkenergie Lieferung Phase 3 (10^-3)
hr6879	1_W_Liefg_ph3Ein	-	1	u16	r	0	32	0x7FFF	HR46880: EZ1 Einheit PWirk Liefg. Ph.3, 0=MWh,1=kWh,30=GWh
hr6880	EZ1_SysSlaveadr	-	1	u16	r	0	255	0x7FFF	HR46881: EZ1 echte WMZ-Adresse nach Zählerantwort
hr6881	EZ1_WTa3e4	-	10000	u16	r	0	99990000	0x7FFF	HR46882: EZ1 Energie Tarif 3 (10^4)
hr6882	EZ1_WTa3e0	-	1	u16	r	0	9999	0x7FFF	HR46883: EZ1 Energie Tarif 3 (10^0)
hr6883	EZ1_WTa3e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR46884: EZ1 Energie Tarif 3 (10^-3)
hr6884	EZ1_WTa3Einh	-	1	u16	r	0	32	0x7FFF	HR46885: EZ1 Einheit Arbeit Tarif 3, 0=MWh, 1=kWh, 30=GWh
hr6885	EZ1_WTa4e4	-	10000	u16	r	0	99990000	0x7FFF	HR46886: EZ1 Energie Tarif 4 (10^4)
hr6886	EZ1_WTa4e0	-	1	u16	r	0	9999	0x7FFF	HR46887: EZ1 Energie Tarif 4 (10^0)
hr6887	EZ1_WTa4e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR46888: EZ1 Energie Tarif 4 (10^-3)
hr6888	EZ1_WTa4Einh	-	1	u16	r	0	32	0x7FFF	HR46889: EZ1 Einheit Arbeit Tarif 4, 0=MWh, 1=kWh, 30=GWh
hr6889	EZ1_I_3phas	-	1	s16	r	-32768	32767	-	HR46890: EZ1 Stromstärke 3-phasig
hr6890	EZ1_I_Phase_1	-	1	s16	r	-32768	32767	-	HR46891: EZ1 Stromstärke Phase 1
hr6891	EZ1_I_Phase_2	-	1	s16	r	-32768	32767	-	HR46892: EZ1 Stromstärke Phase 2
hr6892	EZ1_I_Phase_3	-	1	s16	r	-32768	32767	-	HR46893: EZ1 Stromstärke Phase 3
hr6893	EZ1_I_neutral	-	1	s16	r	-32768	32767	-	HR46894: EZ1 Stromstärke neutral
hr6894	EZ1_I_Einheit	-	1	u16	r	0	3	0x7FFF	HR46895: EZ1 Stromstärken Einheit, 0=mA, 3=A
hr6895	EZ1_tErrore3	h	1000	u16	r	0	9999000	0x7FFF	HR46896: EZ1 Fehlerzeit x 10^3 in Stunden
hr6896	EZ1_tErrore0	h	1	u16	r	0	999	0x7FFF	HR46897: EZ1 Fehlerzeit x 10^0 in Stunden
hr6897	EZ1_ANZ_U_AUSFe4	-	1	u16	r	0	65535	-	HR46898: EZ1 Anzahl der Spannungsausfaelle (10^4)
hr6898	EZ1_ANZ_U_AUSFe0	-	1	u16	r	0	65535	-	HR46899: EZ1 Anzahl der Spannungsausfaelle (10^0)
hr6899	EZ1_WMZJahr	-	1	u16	r	1990	2099	0x7FFF	HR46900: EZ1 Jahr
hr6900	EZ1_WMZDatum	-	1	u16	r	101	3112	0x7FFF	HR46901: EZ1 Datum | packed DDMM
hr6901	EZ1_WMZZeit	-	1	u16	r	0	2359	0x7FFF	HR46902: EZ1 Zeit | packed HHMM
hr6902	EZ1_WSTag3e4	-	10000	u16	r	0	99990000	0x7FFF	HR46903: EZ1 Wirkenergie gesamt Stichtag 3 (10^4)
hr6903	EZ1_WSTag3e0	-	1	u16	r	0	9999	0x7FFF	HR46904: EZ1 Wirkenergie gesamt Stichtag 3 (10^0)
hr6904	EZ1_WSTag3e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR46905: EZ1 Wirkenergie gesamt Stichtag 3 (10^-3)
hr6905	EZ1_WSTag3Einh	-	1	u16	r	0	32	0x7FFF	HR46906: EZ1 Einheit Arbeit Stichtag 3, 0=MWh,1=kWh,30=GWh
hr6906	EZ1_STag3Jahr	-	1	u16	r	1990	2099	0x7FFF	HR46907: EZ1 Jahr Stichtag 3
hr6907	EZ1_STag3Datum	-	1	u16	r	101	3112	0x7FFF	HR46908: EZ1 Datum Stichtag 3 | packed DDMM
hr6999	2SysWMZFLAG	-	1	u16	r	0	32767	-	HR47000: WMZ2 Betriebszustand
hr7000	2SysFSR	-	1	u16	r	0	32767	-	HR47001: WMZ2 Fehlerstatus-Register
hr7001	2VDatum	-	1	u16	r	101	3112	0x7FFF	HR47002: WMZ2 Lesedatum Volumen | packed DDMM
hr7002	2VZeit	-	1	u16	r	0	2359	0x7FFF	HR47003: WMZ2 Leseuhrzeit Volumen | packed HHMM
hr7003	2tBtre3	-	1	u16	r	0	65535	-	HR47004: WMZ2 Betriebszeit x 10^3
hr7004	2tBtre0	-	1	u16	r	0	65535	-	HR47005: WMZ2 Betriebszeit x 10^0
hr7005	2Qe4	-	10000	u16	r	0	99990000	0x7FFF	HR47006: WMZ2 Durchfluß (10^4)
hr7006	2Qe0	-	1	u16	r	0	9999	0x7FFF	HR47007: WMZ2 Durchfluß (10^0)
hr7007	2Qe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47008: WMZ2 Durchfluß (10^-3)
hr7008	2QEinh	-	1	u16	r	0	1	0x7FFF	HR47009: WMZ2 Einheit Durchfluß, 0=m³/h, 1=l/h
hr7009	2Ve4	-	10000	u16	r	0	99990000	0x7FFF	HR47010: WMZ2 Volumen (10^4)
hr7010	2Ve0	-	1	u16	r	0	9999	0x7FFF	HR47011: WMZ2 Volumen (10^0)
hr7011	2Ve-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47012: WMZ2 Volumen (10^-3)
hr7012	2VEinh	-	1	u16	r	0	1	0x7FFF	HR47013: WMZ2 Einheit Volumen, 0=m³, 1=l
hr7013	2Pe4	-	10000	u16	r	0	99990000	0x7FFF	HR47014: WMZ2 Leistung (10^4)
hr7014	2Pe0	-	1	u16	r	0	9999	0x7FFF	HR47015: WMZ2 Leistung (10^0)
hr7015	2Pe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47016: WMZ2 Leistung (10^-3)
hr7016	2PEinh	-	1	u16	r	0	1	0x7FFF	HR47017: WMZ2 Einheit Leistung, 0=kW, 1=MW
hr7017	2We4	-	10000	u16	r	0	99990000	0x7FFF	HR47018: WMZ2 Arbeit (10^4)
hr7018	2We0	-	1	u16	r	0	9999	0x7FFF	HR47019: WMZ2 Arbeit (10^0)
hr7019	2We-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47020: WMZ2 Arbeit (10^-3)
hr7020	2WEinh	-	1	u16	r	0	2	0x7FFF	HR47021: WMZ2 Einheit Arbeit, 0=MWh, 1=kWh, 2=GJ
hr7021	2_Hersteller-ID	-	1	u16	r	0	65535	-	HR47022: WMZ2 Hersteller-Identifikation
hr7022	2VLe0	-	1	u16	r	0	200	0x7FFF	HR47023: WMZ2 Vorlauftemperatur (10^0)
hr7023	2VLe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47024: WMZ2 Vorlauftemperatur (10^-3)
hr7024	2VLEinh	-	1	u16	r	0	1	0x7FFF	HR47025: WMZ2 Einheit Vorlauftemperatur, 0=°C
hr7025	2_WMZ-Firmware	-	0.01	u16	r	0	650	-	HR47026: WMZ2 Firmware-Version Zähler
hr7026	2RLe0	-	1	u16	r	0	200	0x7FFF	HR47027: WMZ2 Rücklauftemperatur (10^0)
hr7027	2RLe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47028: WMZ2 Rücklauftemperatur (10^-3)
hr7028	2RLEinh	-	1	u16	r	0	1	0x7FFF	HR47029: WMZ2 Einheit Rücklauftemperatur, 0=°C
hr7029	2SysANSWER-OK	-	1	u16	rw	0	65535	-	HR47030: WMZ2 Testregister für den internen Gebrauch
hr7030	2SysAnsFail	-	1	u16	rw	0	65535	-	HR47031: WMZ2 Testregister für den internen Gebrauch
hr7031	2SysZeroBack	-	1	u16	rw	0	65535	-	HR47032: WMZ2 Testregister für den internen Gebrauch
hr7035	2STagDatum	-	1	u16	r	101	3112	0x7FFF	HR47036: WMZ2 Lesedatum Stichtag | packed DDMM
hr7036	2STagZeit	-	1	u16	r	0	2359	0x7FFF	HR47037: WMZ2 Leseuhrzeit Stichtag | packed HHMM
hr7037	2WSTag1e4	-	10000	u16	r	0	99990000	0x7FFF	HR47038: WMZ2 Arbeit Stichtag1 (10^4)
hr7038	2WSTag1e0	-	1	u16	r	0	9999	0x7FFF	HR47039: WMZ2 Arbeit Stichtag1 (10^0)
hr7039	2WSTag1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47040: WMZ2 Arbeit Stichtag1 (10^-3)
hr7040	2WSTag1Einh	-	1	u16	r	0	2	0x7FFF	HR47041: WMZ2 Einheit Arbeit Stichtag 1,0=MWh,1=kWh,2=GJ
hr7041	2STag1Jahr	-	1	u16	r	1990	2099	0x7FFF	HR47042: WMZ2 Jahr Stichtag 1
hr7042	2STag1Datum	-	1	u16	r	101	3112	0x7FFF	HR47043: WMZ2 Datum Stichtag 1 | packed DDMM
hr7043	2VSTag1e4	-	10000	u16	r	0	99990000	0x7FFF	HR47044: WMZ2 Volumen Stichtag1 (10^4)
hr7044	2VSTag1e0	-	1	u16	r	0	9999	0x7FFF	HR47045: WMZ2 Volumen Stichtag1 (10^0)
hr7045	2VSTag1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47046: WMZ2 Volumen Stichtag1 (10^-3)
hr7046	2VSTag1Einh	-	1	u16	r	0	1	0x7FFF	HR47047: WMZ2 Einheit Volumen Stichtag1, 0=m³, 1=l
hr7047	2WSTag2e4	-	10000	u16	r	0	99990000	0x7FFF	HR47048: WMZ2 Arbeit Stichtag2 (10^4)
hr7048	2WSTag2e0	-	1	u16	r	0	9999	0x7FFF	HR47049: WMZ2 Arbeit Stichtag2 (10^0)
hr7049	2WSTag2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47050: WMZ2 Arbeit Stichtag2 (10^-3)
hr7050	2WSTag2Einh	-	1	u16	r	0	2	0x7FFF	HR47051: WMZ2 Einheit Arbeit Stichtag 2,0=MWh,1=kWh,2=GJ
hr7051	2STag2Jahr	-	1	u16	r	1990	2099	0x7FFF	HR47052: WMZ2 Jahr Stichtag2
hr7052	2STag2Datum	-	1	u16	r	101	3112	0x7FFF	HR47053: WMZ2 Datum Stichtag2 | packed DDMM
hr7053	2VSTag2e4	-	10000	u16	r	0	99990000	0x7FFF	HR47054: WMZ2 Volumen Stichtag2 (10^4)
hr7054	2VSTag2e0	-	1	u16	r	0	9999	0x7FFF	HR47055: WMZ2 Volumen Stichtag2 (10^0)
hr7055	2VSTag2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47056: WMZ2 Volumen Stichtag2 (10^-3)
hr7056	2VSTag2Einh	-	1	u16	r	0	1	0x7FFF	HR47057: WMZ2 Einheit Volumen Stichtag2, 0=m³, 1=l
hr7057	2WDev1e4	-	10000	u16	r	0	99990000	0x7FFF	HR47058: WMZ2 Arbeit Device1 (10^4)
hr7058	2WDev1e0	-	1	u16	r	0	9999	0x7FFF	HR47059: WMZ2 Arbeit Device1 (10^0)
hr7059	2WDev1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47060: WMZ2 Arbeit Device1 (10^-3)
hr7060	2WDev1Einh	-	1	u16	r	0	2	0x7FFF	HR47061: WMZ2 Device1-Arbeit Einheit,0=MWh,1=kWh,2=GJ
hr7061	2VDev1e4	-	10000	u16	r	0	99990000	0x7FFF	HR47062: WMZ2 Volumen Device1 (10^4)
hr7062	2VDev1e0	-	1	u16	r	0	9999	0x7FFF	HR47063: WMZ2 Volumen Device1 (10^0)
hr7063	2VDev1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47064: WMZ2 Volumen Device1 (10^-3)
hr7064	2VDev1Einh	-	1	u16	r	0	1	0x7FFF	HR47065: WMZ2 Einheit Volumen Device1, 0=m³, 1=l
hr7065	2WDev2e4	-	10000	u16	r	0	99990000	0x7FFF	HR47066: WMZ2 Arbeit Device2 (10^4)
hr7066	2WDev2e0	-	1	u16	r	0	9999	0x7FFF	HR47067: WMZ2 Arbeit Device2 (10^0)
hr7067	2WDev2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47068: WMZ2 Arbeit Device2 (10^-3)
hr7068	2WDev2Einh	-	1	u16	r	0	2	0x7FFF	HR47069: WMZ2 Einheit Arbeit Device2,0=MWh,1=kWh,2=GJ
hr7069	2VDev2e4	-	10000	u16	r	0	99990000	0x7FFF	HR47070: WMZ2 Volumen Device2 (10^4)
hr7070	2VDev2e0	-	1	u16	r	0	9999	0x7FFF	HR47071: WMZ2 Volumen Device2 (10^0)
hr7071	2VDev2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47072: WMZ2 Volumen Device2 (10^-3)
hr7072	2VDev2Einh	-	1	u16	r	0	1	0x7FFF	HR47073: WMZ2 Einheit Volumen Device2, 0=m³, 1=l
hr7073	2WTa1e4	-	10000	u16	r	0	99990000	0x7FFF	HR47074: WMZ2 Arbeit Tarif1 (10^4)
hr7074	2WTa1e0	-	1	u16	r	0	9999	0x7FFF	HR47075: WMZ2 Arbeit Tarif1 (10^0)
hr7075	2WTa1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47076: WMZ2 Arbeit Tarif1 (10^-3)
hr7076	2WTa1Einh	-	1	u16	r	0	2	0x7FFF	HR47077: WMZ2 Einheit Arbeit Tarif1,0=MWh,1=kWh,2=GJ
hr7077	2VTa1e4	-	10000	u16	r	0	99990000	0x7FFF	HR47078: WMZ2 Volumen Tarif1 (10^4)
hr7078	2VTa1e0	-	1	u16	r	0	9999	0x7FFF	HR47079: WMZ2 Volumen Tarif1 (10^0)
hr7079	2VTa1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47080: WMZ2 Volumen Tarif1 (10^-3)
hr7080	2VTa1Einh	-	1	u16	r	0	1	0x7FFF	HR47081: WMZ2 Einheit Volumen Tarif1, 0=m³, 1=l
hr7081	2WTa2e4	-	10000	u16	r	0	99990000	0x7FFF	HR47082: WMZ2 Arbeit Tarif2 (10^4)
hr7082	2WTa2e0	-	1	u16	r	0	9999	0x7FFF	HR47083: WMZ2 Arbeit Tarif2 (10^0)
hr7083	2WTa2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47084: WMZ2 Arbeit Tarif2 (10^-3)
hr7084	2WTa2Einh	-	1	u16	r	0	2	0x7FFF	HR47085: WMZ2 Einheit Arbeit Tarif2,0=MWh,1=kWh,2=GJ
hr7085	2VTa2e4	-	10000	u16	r	0	99990000	0x7FFF	HR47086: WMZ2 Volumen Tarif2 (10^4)
hr7086	2VTa2e0	-	1	u16	r	0	9999	0x7FFF	HR47087: WMZ2 Volumen Tarif2 (10^0)
hr7087	2VTa2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47088: WMZ2 Volumen Tarif2 (10^-3)
hr7088	2VTa2Einh	-	1	u16	r	0	1	0x7FFF	HR47089: WMZ2 Einheit Volumen Tarif2, 0=m³, 1=l
hr7089	2SysIDHB	-	1	u16	r	0	9999	0x7FFF	HR47090: WMZ2 Identnummer obere 4 Stellen
hr7090	2SysIDLB	-	1	u16	r	0	9999	0x7FFF	HR47091: WMZ2 Identnummer untere 4 Stellen
hr7091	2Dev1HCAe7	-	10000000	u16	r	0	99990000000	0x7FFF	HR47092: WMZ2 Device 1 Zählen ohne Einheit (10^7)
hr7092	2Dev1HCAe4	-	10000	u16	r	0	99990000	0x7FFF	HR47093: WMZ2 Device 1 Zählen ohne Einheit (10^4)
hr7093	2Dev1HCAe0	-	0.001	u16	r	0	0.999	0x7FFF	HR47094: WMZ2 Device 1 Zählen ohne Einheit (10^0)
hr7094	2Dev2HCAe7	-	10000000	u16	r	0	99990000000	0x7FFF	HR47095: WMZ2 Device 2 Zählen ohne Einheit (10^7)
hr7095	2Dev2HCAe4	-	10000	u16	r	0	99990000	0x7FFF	HR47096: WMZ2 Device 2 Zählen ohne Einheit (10^4)
hr7096	2Dev2HCAe0	-	0.001	u16	r	0	0.999	0x7FFF	HR47097: WMZ2 Device 2 Zählen ohne Einheit (10^0)
hr7097	2Dev3HCAe7	-	10000000	u16	r	0	99990000000	0x7FFF	HR47098: WMZ2 Device 3 Zählen ohne Einheit (10^7)
hr7098	2Dev3HCAe4	-	10000	u16	r	0	99990000	0x7FFF	HR47099: WMZ2 Device 3 Zählen ohne Einheit (10^4)
hr7099	2Dev3HCAe0	-	0.001	u16	r	0	0.999	0x7FFF	HR47100: WMZ2 Device 3 Zählen ohne Einheit (10^0)
hr7100	2QDev1Nr5e4	-	10000	u16	r	0	99990000	0x7FFF	HR47101: WMZ2 Qmax Dev1 Speichernr5 10^4
hr7101	2QDev1Nr5e0	-	1	u16	r	0	9999	0x7FFF	HR47102: WMZ2 Qmax Dev1 Speichernr5 10^0
hr7102	2QDev1Nr5e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47103: WMZ2 Qmax Dev1 Speichernr5 10^-3
hr7103	2QDev1Nr5Einh	-	1	u16	r	0	1	0x7FFF	HR47104: WMZ2 Einheit Q_maxDev1Spnr5,0=m³/h,1=l/h
hr7104	2Dev1Nr5Jahr	-	1	u16	r	1990	2099	0x7FFF	HR47105: WMZ2 Jahr für Dev1maxStorNr5
hr7105	2Dev1Nr5Datum	-	1	u16	r	101	3112	0x7FFF	HR47106: WMZ2 Datum für Dev1maxStorNr5 | packed DDMM
hr7106	2Dev1Nr5Zeit	-	1	u16	r	0	2359	0x7FFF	HR47107: WMZ2 Uhrzeit für Dev1maxStorNr5 | packed HHMM
hr7107	2PDev1Nr1e4	-	10000	u16	r	0	99990000	0x7FFF	HR47108: WMZ2 Pmax für Dev1StorNr1 (10^4)
hr7108	2PDev1Nr1e0	-	1	u16	r	0	9999	0x7FFF	HR47109: WMZ2 Pmax für Dev1StorNr1 (10^0)
hr7109	2PDev1Nr1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47110: WMZ2 Pmax für Dev1StorNr1 (10^-3)
hr7110	2PDev1Nr1Einh	-	1	u16	r	0	1	0x7FFF	HR47111: WMZ2 Einheit PmaxDev1StorNr1, 0=kW, 1=MW
hr7111	2Dev1Nr1Jahr	-	1	u16	r	1990	2099	0x7FFF	HR47112: WMZ2 Jahr für Dev1maxStorNr1
hr7112	2Dev1Nr1Datum	-	1	u16	r	101	3112	0x7FFF	HR47113: WMZ2 Datum für Dev1maxStorNr1 | packed DDMM
hr7113	2Dev1Nr1Zeit	-	1	u16	r	0	2359	0x7FFF	HR47114: WMZ2 Uhrzeit für Dev1maxStorNr1 | packed HHMM
hr7114	2Pmaxe4	-	10000	u16	r	0	99990000	0x7FFF	HR47115: WMZ2 Leistung max (10^4)
hr7115	2Pmaxe0	-	1	u16	r	0	9999	0x7FFF	HR47116: WMZ2 Leistung max (10^0)
hr7116	2Pmaxe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47117: WMZ2 Leistung max (10^-3)
hr7117	2PmaxEinh	-	1	u16	r	0	1	0x7FFF	HR47118: WMZ2 Einheit Leistung max, 0=kW, 1=MW
hr7118	2Qmaxe4	-	10000	u16	r	0	99990000	0x7FFF	HR47119: WMZ2 Durchfluß max (10^4)
hr7119	2Qmaxe0	-	1	u16	r	0	9999	0x7FFF	HR47120: WMZ2 Durchfluß max (10^0)
hr7120	2Qmaxe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47121: WMZ2 Durchfluß max (10^-3)
hr7121	2QmaxEinh	-	1	u16	r	0	1	0x7FFF	HR47122: WMZ2 Einheit Durchfluß max,0=m³/h,1=l/h
hr7123	2VLmaxe0	-	1	u16	r	0	200	0x7FFF	HR47124: WMZ2 Vorlauftemperatur max (10^0)
hr7124	2VLmaxe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47125: WMZ2 Vorlauftemperatur max (10^-3)
hr7125	2VLmaxEinh	-	1	u16	r	0	1	0x7FFF	HR47126: WMZ2 Einheit Vorlauftemperatur max, 0=°C
hr7127	2RLmaxe0	-	1	u16	r	0	200	0x7FFF	HR47128: WMZ2 Rücklauftemperatur max (10^0)
hr7128	2RLmaxe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47129: WMZ2 Rücklauftemperatur max (10^-3)
hr7129	2RLmaxEinh	-	1	u16	r	0	1	0x7FFF	HR47130: WMZ2 Einheit Rücklauftemperatur max, 0=°C
hr7130	2SysSlaveadr	-	1	u16	r	0	255	0x7FFF	HR47131: WMZ2 echte WMZ-Adresse nach Zählerantwort
hr7131	2DeltaTe0	-	1	u16	r	0	200	0x7FFF	HR47132: WMZ2 Differenz (Vorlauf-Rücklauf) (10^0)
hr7132	2DeltaTe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47133: WMZ2 Differenz (Vorlauf-Rücklauf) (10^-3)
hr7133	2VTa3e4	-	10000	u16	r	0	99990000	0x7FFF	HR47134: WMZ2 Volumen Tarif3 (10^4)
hr7134	2VTa3e0	-	1	u16	r	0	9999	0x7FFF	HR47135: WMZ2 Volumen Tarif3 (10^0)
hr7135	2VTa3e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47136: WMZ2 Volumen Tarif3 (10^-3)
hr7136	2VTa3Einh	-	1	u16	r	0	1	0x7FFF	HR47137: WMZ2 Einheit Volumen Tarif3, 0=m³, 1=l
hr7137	2PTa1Nr24e4	-	10000	u16	r	0	99990000	0x7FFF	HR47138: WMZ2 P Tarif1StorNr24 (10^4)
hr7138	2PTa1Nr24e0	-	1	u16	r	0	9999	0x7FFF	HR47139: WMZ2 P Tarif1StorNr24 (10^0)
hr7139	2PTa1Nr24e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47140: WMZ2 P Tarif1StorNr24 (10^-3)
hr7140	2PTa1Nr24Einh	-	1	u16	r	0	1	0x7FFF	HR47141: WMZ2 Einheit PTarif1StorNr24, 0=kW, 1=MW
hr7141	2QTa1Nr24e4	-	10000	u16	r	0	99990000	0x7FFF	HR47142: WMZ2 Q Tarif1StorNr24 (10^4)
hr7142	2QTa1Nr24e0	-	1	u16	r	0	9999	0x7FFF	HR47143: WMZ2 Q Tarif1StorNr24 (10^0)
hr7143	2QTa1Nr24e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47144: WMZ2 Q Tarif1StorNr24 (10^-3)
hr7144	2QTa1Nr24Einh	-	1	u16	r	0	1	0x7FFF	HR47145: WMZ2 EinheitQTarif1StorNr24,0=m³/h,1=l/h
hr7145	2tErrore3	h	1000	u16	r	0	9999000	0x7FFF	HR47146: WMZ2 Fehlerzeit x 10^3 in Stunden
hr7146	2tErrore0	h	1	u16	r	0	999	0x7FFF	HR47147: WMZ2 Fehlerzeit x 10^0 in Stunden
hr7147	2tInfoe3	-	1	u16	r	0	1	0x7FFF	HR47148: WMZ2 Info (10^3)
hr7148	2tInfoe0	-	1	u16	r	0	1	0x7FFF	HR47149: WMZ2 Info (10^0)
hr7149	2WMZJahr	-	1	u16	r	1990	2099	0x7FFF	HR47150: WMZ2 Jahr
hr7150	2WMZDatum	-	1	u16	r	101	3112	0x7FFF	HR47151: WMZ2 Datum | packed DDMM
hr7151	2WMZZeit	-	1	u16	r	0	2359	0x7FFF	HR47152: WMZ2 Zeit | packed HHMM
hr7152	2WSTag3e4	-	10000	u16	r	0	99990000	0x7FFF	HR47153: WMZ2 Arbeit Stichtag3 (10^4)
hr7153	2WSTag3e0	-	1	u16	r	0	9999	0x7FFF	HR47154: WMZ2 Arbeit Stichtag3 (10^0)
hr7154	2WSTag3e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47155: WMZ2 Arbeit Stichtag3 (10^-3)
hr7155	2WSTag3Einh	-	1	u16	r	0	32	0x7FFF	HR47156: WMZ2 Einheit Arbeit Stichtag 3, 0=MWh,1=kWh,2=GJ
hr7156	2STag3Jahr	-	1	u16	r	1990	2099	0x7FFF	HR47157: WMZ2 Jahr Stichtag3
hr7157	2STag3Datum	-	1	u16	r	101	3112	0x7FFF	HR47158: WMZ2 Datum Stichtag3 | packed DDMM
hr7249	EZ2_SysWMZFLAG	-	1	u16	r	0	32767	-	HR47250: EZ2 Betriebszustand
hr7250	EZ2_SysFSR	-	1	u16	r	0	32767	-	HR47251: EZ2 Fehlerstatus-Register
hr7251	EZ2_VDatum	-	1	u16	r	101	3112	0x7FFF	HR47252: EZ2 Lesedatum Energie | packed DDMM
hr7252	EZ2_VZeit	-	1	u16	r	0	2359	0x7FFF	HR47253: EZ2 Leseuhrzeit Energie | packed HHMM
hr7253	EZ2_tBtre3	-	1	u16	r	0	65535	-	HR47254: EZ2 Betriebszeit x 10^3
hr7254	EZ2_tBtre0	-	1	u16	r	0	65535	-	HR47255: EZ2 Betriebszeit x 10^0
hr7255	EZ2_U_3phas	V	1	u16	r	0	9999	0x7FFF	HR47256: EZ2 Spannung 3-phasig in ganzen Volt
hr7256	EZ2_U1	V	1	u16	r	0	9999	0x7FFF	HR47257: EZ2 Spannung Phase 1 in ganzen Volt
hr7257	EZ2_U2	V	1	u16	r	0	9999	0x7FFF	HR47258: EZ2 Spannung Phase 2 in ganzen Volt
hr7258	EZ2_U3	V	1	u16	r	0	9999	0x7FFF	HR47259: EZ2 Spannung Phase 3 in ganzen Volt
hr7259	2cos_phi_3phas	%	0.1	s16	r	-100	100	0x7FFF	HR47260: EZ2 Leistungsfaktor Sys (10^-3)
hr7260	EZ2_cos_phi1	%	0.1	s16	r	-100	100	0x7FFF	HR47261: EZ2 Leistungsfaktor Phase 1 (10^-3)
hr7261	EZ2_cos_phi2	%	0.1	s16	r	-100	100	0x7FFF	HR47262: EZ2 Leistungsfaktor Phase 2 (10^-3)
hr7262	EZ2_cos_phi3	%	0.1	s16	r	-100	100	0x7FFF	HR47263: EZ2 Leistungsfaktor Phase 3 (10^-3)
hr7263	EZ2_Pe4	-	10000	u16	r	0	99990000	0x7FFF	HR47264: EZ2 Leistung gesamt (10^4)
hr7264	EZ2_Pe0	-	1	u16	r	0	9999	0x7FFF	HR47265: EZ2 Leistung gesamt (10^0)
hr7265	EZ2_Pe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47266: EZ2 Leistung gesamt (10^-3)
hr7266	EZ2_PEinh	-	1	u16	r	0	1	0x7FFF	HR47267: EZ2 Einheit Leistung, 0=kW, 1=MW
hr7267	EZ2_We4	-	10000	u16	r	0	99990000	0x7FFF	HR47268: EZ2 Wirkenergie gesamt (10^4)
hr7268	EZ2_We0	-	1	u16	r	0	9999	0x7FFF	HR47269: EZ2 Wirkenergie gesamt (10^0)
hr7269	EZ2_We-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47270: EZ2 Wirkenergie gesamt (10^-3)
hr7270	EZ2_WEinh	-	1	u16	r	0	32	0x7FFF	HR47271: EZ2 Einheit Arbeit, 0=MWh, 1=kWh, 30=GWh
hr7271	EZ2_Mfact-ID	-	1	u16	r	0	65535	-	HR47272: EZ2 Hersteller-Identifikation
hr7274	EZ2_Frequenz	Hz	0.01	u16	r	0	655.35	-	HR47275: EZ2 Frequenz in 100tel Hz
hr7275	EZ2_EZ-Firmware	-	0.01	u16	r	0	650	-	HR47276: EZ2 Firmware-Version Zähler
hr7276	EZ2_Phasenfolge	-	1	u16	r	0	132	0x7FFF	HR47277: EZ2 Phasenfolge moegliche Werte: 123 oder 132
hr7277	EZ2_U_Wandler	-	1	u16	r	1	65535	-	HR47278: EZ2 Spannungswandlerverhältnis
hr7278	EZ2_I_Wandler	-	1	u16	r	1	65535	-	HR47279: EZ2 Stromwandlerverhältnis
hr7279	EZ2_SysANSWER-OK	-	1	u16	rw	0	65535	-	HR47280: EZ2 Testregister für den internen Gebrauch
hr7280	EZ2_SysAnsFail	-	1	u16	rw	0	65535	-	HR47281: EZ2 Testregister für den internen Gebrauch
hr7281	EZ2_SysZeroBack	-	1	u16	rw	0	65535	-	HR47282: EZ2 Testregister für den internen Gebrauch
hr7285	EZ2_STagDatum	-	1	u16	r	101	3112	0x7FFF	HR47286: EZ2 Lesedatum Stichtag | packed DDMM
hr7286	EZ2_STagZeit	-	1	u16	r	0	2359	0x7FFF	HR47287: EZ2 Leseuhrzeit Stichtag | packed HHMM
hr7287	EZ2_WSTag1e4	-	10000	u16	r	0	99990000	0x7FFF	HR47288: EZ2 Wirkenergie gesamt Stichtag 1 (10^4)
hr7288	EZ2_WSTag1e0	-	1	u16	r	0	9999	0x7FFF	HR47289: EZ2 Wirkenergie gesamt Stichtag 1 (10^0)
hr7289	EZ2_WSTag1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47290: EZ2 Wirkenergie gesamt Stichtag 1 (10^-3)
hr7290	EZ2_WSTag1Einh	-	1	u16	r	0	32	0x7FFF	HR47291: EZ2 Einheit Arbeit Stichtag 1, 0=MWh,1=kWh,30=GWh
hr7291	EZ2_STag1Jahr	-	1	u16	r	1990	2099	0x7FFF	HR47292: EZ2 Jahr Stichtag 1
hr7292	EZ2_STag1Datum	-	1	u16	r	101	3112	0x7FFF	HR47293: EZ2 Datum Stichtag 1 | packed DDMM
hr7297	EZ2_WSTag2e4	-	10000	u16	r	0	99990000	0x7FFF	HR47298: EZ2 Wirkenergie Stichtag 2 (10^4)
hr7298	EZ2_WSTag2e0	-	1	u16	r	0	9999	0x7FFF	HR47299: EZ2 Wirkenergie Stichtag 2 (10^0)
hr7299	EZ2_WSTag2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47300: EZ2 Wirkenergie Stichtag 2 (10^-3)
hr7300	EZ2_WSTag2Einh	-	1	u16	r	0	32	0x7FFF	HR47301: EZ2 Einheit Arbeit Stichtag 2, 0=MWh,1=kWh,30=GWh
hr7301	EZ2_STag2Jahr	-	1	u16	r	1990	2099	0x7FFF	HR47302: EZ2 Jahr Stichtag 2
hr7302	EZ2_STag2Datum	-	1	u16	r	101	3112	0x7FFF	HR47303: EZ2 Datum Stichtag 2 | packed DDMM
hr7303	EZ2_Pe4_Phase1	-	10000	u16	r	0	99990000	0x7FFF	HR47304: EZ2 Wirkleistung in Phase 1 (10^4)
hr7304	EZ2_Pe0_Phase1	-	1	u16	r	0	9999	0x7FFF	HR47305: EZ2 Wirkleistung in Phase 1 (10^0)
hr7305	EZ2_Pe-3_Phase1	-	0.001	u16	r	0	0.999	0x7FFF	HR47306: EZ2 Wirkleistung in Phase 1 (10^-3)
hr7306	EZ2_P-Ph1-Einh	-	1	u16	r	0	1	0x7FFF	HR47307: EZ2 Einheit Wirkleistung in Phase 1, 0=kW, 1=MW
hr7307	EZ2_WDev1e4	-	10000	u16	r	0	99990000	0x7FFF	HR47308: EZ2 Energie Device 1 (10^4)
hr7308	EZ2_WDev1e0	-	1	u16	r	0	9999	0x7FFF	HR47309: EZ2 Energie Device 1 (10^0)
hr7309	EZ2_WDev1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47310: EZ2 Energie Device 1 (10^-3)
hr7310	EZ2_WDev1Einh	-	1	u16	r	0	32	0x7FFF	HR47311: EZ2 Einheit Arbeit Device 1, 0=MWh,1=kWh,30=GWh
hr7311	EZ2_Pe4_Phase2	-	10000	u16	r	0	99990000	0x7FFF	HR47312: EZ2 Wirkleistung in Phase 2 (10^4)
hr7312	EZ2_Pe0_Phase2	-	1	u16	r	0	9999	0x7FFF	HR47313: EZ2 Wirkleistung in Phase 2 (10^0)
hr7313	EZ2_Pe-3_Phas2	-	0.001	u16	r	0	0.999	0x7FFF	HR47314: EZ2 Wirkleistung in Phase 2 (10^-3)
hr7314	EZ2_P-Ph2-Einh	-	1	u16	r	0	1	0x7FFF	HR47315: EZ2 Einheit Wirkleistung in Phase 2, 0=kW, 1=MW
hr7315	EZ2_WDev2e4	-	10000	u16	r	0	99990000	0x7FFF	HR47316: EZ2 Energie Device 2 (10^4)
hr7316	EZ2_WDev2e0	-	1	u16	r	0	9999	0x7FFF	HR47317: EZ2 Energie Device 2 (10^0)
hr7317	EZ2_WDev2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47318: EZ2 Energie Device 2 (10^-3)
hr7318	EZ2_WDev2Einh	-	1	u16	r	0	32	0x7FFF	HR47319: EZ2 Einheit Arbeit Device 2, 0=MWh,1=kWh,30=GWh
hr7319	EZ2_Pe4_Phase3	-	10000	u16	r	0	99990000	0x7FFF	HR47320: EZ2 Wirkleistung in Phase 3 (10^4)
hr7320	EZ2_Pe0_Phase3	-	1	u16	r	0	9999	0x7FFF	HR47321: EZ2 Wirkleistung in Phase 3 (10^0)
hr7321	EZ2_Pe-3_Phas3	-	0.001	u16	r	0	0.999	0x7FFF	HR47322: EZ2 Wirkleistung in Phase 3 (10^-3)
hr7322	EZ2_P-Ph3-Einh	-	1	u16	r	0	1	0x7FFF	HR47323: EZ2 Einheit Wirkleistung in Phase 3, 0=kW, 1=MW
hr7323	EZ2_WTa1e4	-	10000	u16	r	0	99990000	0x7FFF	HR47324: EZ2 Energie Tarif 1 (10^4)
hr7324	EZ2_WTa1e0	-	1	u16	r	0	9999	0x7FFF	HR47325: EZ2 Energie Tarif 1 (10^0)
hr7325	EZ2_WTa1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47326: EZ2 Energie Tarif 1 (10^-3)
hr7326	EZ2_WTa1Einh	-	1	u16	r	0	32	0x7FFF	HR47327: EZ2 Einheit Arbeit Tarif 1, 0=MWh,1=kWh,30=GWh
hr7327	EZ2_S_Syse4	-	10000	u16	r	0	99990000	0x7FFF	HR47328: EZ2 Scheinleistung Sys (10^4)
hr7328	EZ2_S_Syse0	-	1	u16	r	0	9999	0x7FFF	HR47329: EZ2 Scheinleistung Sys  (10^0)
hr7329	EZ2_S_Syse-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47330: EZ2 Scheinleistung Sys  (10^-3)
hr7330	EZ2_S_SysEinh	-	1	u16	r	0	1	0x7FFF	HR47331: EZ2 Scheinleistung Einheit, 0=kVAh, 1=MVAh
hr7331	EZ2_WTa2e4	-	10000	u16	r	0	99990000	0x7FFF	HR47332: EZ2 Energie Tarif 2 (10^4)
hr7332	EZ2_WTa2e0	-	1	u16	r	0	9999	0x7FFF	HR47333: EZ2 Energie Tarif 2 (10^0)
hr7333	EZ2_WTa2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47334: EZ2 Energie Tarif 2 (10^-3)
hr7334	EZ2_WTa2Einh	-	1	u16	r	0	32	0x7FFF	HR47335: EZ2 Einheit Energie Tarif 2, 0=MWh,1=kWh,30=GWh
hr7335	EZ2_Q_Syse4	-	10000	u16	r	0	99990000	0x7FFF	HR47336: EZ2 Blindleistung Sys (10^4)
hr7336	EZ2_Q_Syse0	-	1	u16	r	0	9999	0x7FFF	HR47337: EZ2 Blindleistung Sys (10^0)
hr7337	EZ2_Q_Syse-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47338: EZ2 Blindleistung Sys (10^-3)
hr7338	EZ2_Q_SysEinh	-	1	u16	r	0	1	0x7FFF	HR47339: EZ2 Einheit Blindleistung Sys, 0=kvarh, 1=Mvarh
hr7339	EZ2_SysIDHB	-	1	u16	r	0	9999	0x7FFF	HR47340: EZ2 Identnummer obere 4 Stellen
hr7340	EZ2_SysIDLB	-	1	u16	r	0	9999	0x7FFF	HR47341: EZ2 Identnummer untere 4 Stellen
hr7341	2W_Bezug_ph1e4	-	10000000	u16	r	0	99990000000	0x7FFF	HR47342: EZ2 Wirkenergie Bezug Phase 1 (10^4)
hr7342	2W_Bezug_ph1e0	-	10000	u16	r	0	99990000	0x7FFF	HR47343: EZ2 Wirkenergie Bezug Phase 1 (10^0)
hr7343	2W_Bezug_ph1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47344: EZ2 Wirkenergie Bezug Phase 1 (10^-3)
hr7344	2W_Bezug_ph1Ein	-	1	u16	r	0	32	0x7FFF	HR47345: EZ2 Einheit PWirk Bezug Phase1, 0=MWh,1=kWh,30=GWh
hr7345	2W_Bezug_ph2e4	-	10000000	u16	r	0	99990000000	0x7FFF	HR47346: EZ2 Wirkenergie Bezug Phase 2 (10^4)
hr7346	2W_Bezug_ph2e0	-	10000	u16	r	0	99990000	0x7FFF	HR47347: EZ2 Wirkenergie Bezug Phase 2 (10^0)
hr7347	2W_Bezug_ph2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47348: EZ2 Wirkenergie Bezug Phase 2 (10^-3)
hr7348	2W_Bezug_ph2Ein	-	1	u16	r	0	32	0x7FFF	HR47349: EZ2 Einheit PWirk Bezug Phase2, 0=MWh,1=kWh,30=GWh
hr7349	2W_Bezug_ph3e4	-	10000000	u16	r	0	99990000000	0x7FFF	HR47350: EZ2 Wirkenergie Bezug Phase 3 (10^4)
hr7350	2W_Bezug_ph3e0	-	10000	u16	r	0	99990000	0x7FFF	HR47351: EZ2 Wirkenergie Bezug Phase 3 (10^0)
hr7351	2W_Bezug_ph3e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47352: EZ2 Wirkenergie Bezug Phase 3 (10^-3)
hr7352	2W_Bezug_ph3Ein	-	1	u16	r	0	32	0x7FFF	HR47353: EZ2 Einheit PWirk Bezug Phase3, 0=MWh,1=kWh,30=GWh
hr7353	2W_Liefg_gese4	-	10000000	u16	r	0	99990000000	0x7FFF	HR47354: EZ2 Wirkenergie Lieferung gesamt (10^4)
hr7354	2W_Liefg_gese0	-	10000	u16	r	0	99990000	0x7FFF	HR47355: EZ2 Wirkenergie Lieferung gesamt  (10^0)
hr7355	2W_Liefg_gese-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47356: EZ2 Wirkenergie Lieferung gesamt  (10^-3)
hr7356	2W_Liefg_gesEin	-	1	u16	r	0	32	0x7FFF	HR47357: EZ2 Einheit PWirk Lieferung ge. 0=MWh,1=kWh,30=GWh
hr7357	EZ2_PDev1Nr1e4	-	10000	u16	r	0	99990000	0x7FFF	HR47358: EZ2 Pmax für Dev1StorNr1 (10^4)
hr7358	EZ2_PDev1Nr1e0	-	1	u16	r	0	9999	0x7FFF	HR47359: EZ2 Pmax für Dev1StorNr1 (10^0)
hr7359	EZ2_PDev1Nr1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47360: EZ2 Pmax für Dev1StorNr1 (10^-3)
hr7360	EZ2_PDev1Nr1Einh	-	1	u16	r	0	1	0x7FFF	HR47361: EZ2 Einheit PmaxDev1StorNr1, 0=kW, 1=MW
hr7361	EZ2_Dev1Nr1Jahr	-	1	u16	r	1990	2099	0x7FFF	HR47362: EZ2 Jahr für Dev1maxStorNr1
hr7362	EZ2_Dev1Nr1Datum	-	1	u16	r	101	3112	0x7FFF	HR47363: EZ2 Datum für Dev1maxStorNr1 | packed DDMM
hr7363	EZ2_Dev1Nr1Zeit	-	1	u16	r	0	2359	0x7FFF	HR47364: EZ2 Uhrzeit für Dev1maxStorNr1 | packed HHMM
hr7364	EZ2_Pmaxe4	-	10000	u16	r	0	99990000	0x7FFF	HR47365: EZ2 Leistung max (10^4)
hr7365	EZ2_Pmaxe0	-	1	u16	r	0	9999	0x7FFF	HR47366: EZ2 Leistung max (10^0)
hr7366	EZ2_Pmaxe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47367: EZ2 Leistung max (10^-3)
hr7367	EZ2_PmaxEinh	-	1	u16	r	0	1	0x7FFF	HR47368: EZ2 Einheit Leistung max, 0=kW, 1=MW
hr7368	2W_Liefg_ph1e4	-	10000000	u16	r	0	99990000000	0x7FFF	HR47369: EZ2 Wirkenergie Lieferung Phase 1 (10^4)
hr7369	2W_Liefg_ph1e0	-	10000	u16	r	0	99990000	0x7FFF	HR47370: EZ2 Wirkenergie Lieferung Phase 1 (10^0)
hr7370	2W_Liefg_ph1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47371: EZ2 Wirkenergie Lieferung Phase 1 (10^-3)
hr7371	2W_Liefg_ph1Ein	-	1	u16	r	0	32	0x7FFF	HR47372: EZ2 Einheit PWirk Liefg. Ph.1, 0=MWh,1=kWh,30=GWh
hr7372	2W_Liefg_ph2e4	-	10000000	u16	r	0	99990000000	0x7FFF	HR47373: EZ2 Wirkenergie Lieferung Phase 2 (10^4)
hr7373	2W_Liefg_ph2e0	-	10000	u16	r	0	99990000	0x7FFF	HR47374: EZ2 Wirkenergie Lieferung Phase 2 (10^0)
hr7374	2W_Liefg_ph2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47375: EZ2 Wirkenergie Lieferung Phase 2 (10^-3)
hr7375	2W_Liefg_ph2Ein	-	1	u16	r	0	32	0x7FFF	HR47376: EZ2 Einheit PWirk Liefg. Ph.2, 0=MWh,1=kWh,30=GWh
hr7376	2W_Liefg_ph3e4	-	10000000	u16	r	0	99990000000	0x7FFF	HR47377: EZ2 Wirkenergie Lieferung Phase 3 (10^4)
hr7377	2W_Liefg_ph3e0	-	10000	u16	r	0	99990000	0x7FFF	HR47378: EZ2 Wirkenergie Lieferung Phase 3 (10^0)
hr7378	2W_Liefg_ph3e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47379: EZ2 Wirkenergie Lieferung Phase 3 (10^-3)
hr7379	2W_Liefg_ph3Ein	-	1	u16	r	0	32	0x7FFF	HR47380: EZ2 Einheit PWirk Liefg. Ph.3, 0=MWh,1=kWh,30=GWh
hr7380	EZ2_SysSlaveadr	-	1	u16	r	0	255	0x7FFF	HR47381: EZ2 echte WMZ-Adresse nach Zählerantwort
hr7381	EZ2_WTa3e4	-	10000	u16	r	0	99990000	0x7FFF	HR47382: EZ2 Energie Tarif 3 (10^4)
hr7382	EZ2_WTa3e0	-	1	u16	r	0	9999	0x7FFF	HR47383: EZ2 Energie Tarif 3 (10^0)
hr7383	EZ2_WTa3e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47384: EZ2 Energie Tarif 3 (10^-3)
hr7384	EZ2_WTa3Einh	-	1	u16	r	0	32	0x7FFF	HR47385: EZ2 Einheit Arbeit Tarif 3, 0=MWh,1=kWh,30=GWh
hr7385	EZ2_WTa4e4	-	10000	u16	r	0	99990000	0x7FFF	HR47386: EZ2 Energie Tarif 4 (10^4)
hr7386	EZ2_WTa4e0	-	1	u16	r	0	9999	0x7FFF	HR47387: EZ2 Energie Tarif 4 (10^0)
hr7387	EZ2_WTa4e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47388: EZ2 Energie Tarif 4 (10^-3)
hr7388	EZ2_WTa4Einh	-	1	u16	r	0	32	0x7FFF	HR47389: EZ2 Einheit Arbeit Tarif 4, 0=MWh,1=kWh,30=GWh
hr7389	EZ2_I_3phas	-	1	s16	r	-32768	32767	-	HR47390: EZ2 Stromstärke 3-phasig
hr7390	EZ2_I_Phase_1	-	1	s16	r	-32768	32767	-	HR47391: EZ2 Stromstärke Phase 1
hr7391	EZ2_I_Phase_2	-	1	s16	r	-32768	32767	-	HR47392: EZ2 Stromstärke Phase 2
hr7392	EZ2_I_Phase_3	-	1	s16	r	-32768	32767	-	HR47393: EZ2 Stromstärke Phase 3
hr7393	EZ2_I_neutral	-	1	s16	r	-32768	32767	-	HR47394: EZ2 Stromstärke neutral
hr7394	EZ2_I_Einheit	-	1	u16	r	0	3	0x7FFF	HR47395: EZ2 Stromstärken Einheit, 0=A, 3=A
hr7395	EZ2_tErrore3	h	1000	u16	r	0	9999000	0x7FFF	HR47396: EZ2 Fehlerzeit x 10^3 in Stunden
hr7396	EZ2_tErrore0	h	1	u16	r	0	999	0x7FFF	HR47397: EZ2 Fehlerzeit x 10^0 in Stunden
hr7397	EZ2_ANZ_U_AUSFe4	-	1	u16	r	0	65535	-	HR47398: EZ2 Anzahl der Spannungsausfaelle (10^4)
hr7398	EZ2_ANZ_U_AUSFe0	-	1	u16	r	0	65535	-	HR47399: EZ2 Anzahl der Spannungsausfaelle (10^0)
hr7399	EZ2_WMZJahr	-	1	u16	r	1990	2099	0x7FFF	HR47400: EZ2 Jahr
hr7400	EZ2_WMZDatum	-	1	u16	r	101	3112	0x7FFF	HR47401: EZ2 Datum | packed DDMM
hr7401	EZ2_WMZZeit	-	1	u16	r	0	2359	0x7FFF	HR47402: EZ2 Zeit | packed HHMM
hr7402	EZ2_WSTag3e4	-	10000	u16	r	0	99990000	0x7FFF	HR47403: EZ2 Wirkenergie gesamt Stichtag 3 (10^4)
hr7403	EZ2_WSTag3e0	-	1	u16	r	0	9999	0x7FFF	HR47404: EZ2 Wirkenergie gesamt Stichtag 3 (10^0)
hr7404	EZ2_WSTag3e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47405: EZ2 Wirkenergie gesamt Stichtag 3 (10^-3)
hr7405	EZ2_WSTag3Einh	-	1	u16	r	0	32	0x7FFF	HR47406: EZ2 Einheit Arbeit Stichtag 3, 0=MWh,1=kWh,30=GWh
hr7406	EZ2_STag3Jahr	-	1	u16	r	1990	2099	0x7FFF	HR47407: EZ2 Jahr Stichtag 3
hr7407	EZ2_STag3Datum	-	1	u16	r	101	3112	0x7FFF	HR47408: EZ2 Datum Stichtag 3 | packed DDMM
hr7499	3SysWMZFLAG	-	1	u16	r	0	32767	-	HR47500: WMZ3 Betriebszustand
hr7500	3SysFSR	-	1	u16	r	0	32767	-	HR47501: WMZ3 Fehlerstatus-Register
hr7501	3VDatum	-	1	u16	r	101	3112	0x7FFF	HR47502: WMZ3 Lesedatum Volumen | packed DDMM
hr7502	3VZeit	-	1	u16	r	0	2359	0x7FFF	HR47503: WMZ3 Leseuhrzeit Volumen | packed HHMM
hr7503	3tBtre3	-	1	u16	r	0	65535	-	HR47504: WMZ3 Betriebszeit x 10^3
hr7504	3tBtre0	-	1	u16	r	0	65535	-	HR47505: WMZ3 Betriebszeit x 10^0
hr7505	3Qe4	-	10000	u16	r	0	99990000	0x7FFF	HR47506: WMZ3 Durchfluß (10^4)
hr7506	3Qe0	-	1	u16	r	0	9999	0x7FFF	HR47507: WMZ3 Durchfluß (10^0)
hr7507	3Qe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47508: WMZ3 Durchfluß (10^-3)
hr7508	3QEinh	-	1	u16	r	0	1	0x7FFF	HR47509: WMZ3 Einheit Durchfluß, 0=m³/h, 1=l/h
hr7509	3Ve4	-	10000	u16	r	0	99990000	0x7FFF	HR47510: WMZ3 Volumen (10^4)
hr7510	3Ve0	-	1	u16	r	0	9999	0x7FFF	HR47511: WMZ3 Volumen (10^0)
hr7511	3Ve-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47512: WMZ3 Volumen (10^-3)
hr7512	3VEinh	-	1	u16	r	0	1	0x7FFF	HR47513: WMZ3 Einheit Volumen, 0=m³, 1=l
hr7513	3Pe4	-	10000	u16	r	0	99990000	0x7FFF	HR47514: WMZ3 Leistung (10^4)
hr7514	3Pe0	-	1	u16	r	0	9999	0x7FFF	HR47515: WMZ3 Leistung (10^0)
hr7515	3Pe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47516: WMZ3 Leistung (10^-3)
hr7516	3PEinh	-	1	u16	r	0	1	0x7FFF	HR47517: WMZ3 Einheit Leistung, 0=kW, 1=MW
hr7517	3We4	-	10000	u16	r	0	99990000	0x7FFF	HR47518: WMZ3 Arbeit (10^4)
hr7518	3We0	-	1	u16	r	0	9999	0x7FFF	HR47519: WMZ3 Arbeit (10^0)
hr7519	3We-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47520: WMZ3 Arbeit (10^-3)
hr7520	3WEinh	-	1	u16	r	0	2	0x7FFF	HR47521: WMZ3 Einheit Arbeit, 0=MWh, 1=kWh, 2=GJ
hr7521	3_Hersteller-ID	-	1	u16	r	0	65535	-	HR47522: WMZ3 Hersteller-Identifikation
hr7522	3VLe0	-	1	u16	r	0	200	0x7FFF	HR47523: WMZ3 Vorlauftemperatur (10^0)
hr7523	3VLe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47524: WMZ3 Vorlauftemperatur (10^-3)
hr7524	3VLEinh	-	1	u16	r	0	1	0x7FFF	HR47525: WMZ3 Einheit Vorlauftemperatur, 0=°C
hr7525	3_WMZ-Firmware	-	0.01	u16	r	0	650	-	HR47526: WMZ3 Firmware-Version Zähler
hr7526	3RLe0	-	1	u16	r	0	200	0x7FFF	HR47527: WMZ3 Rücklauftemperatur (10^0)
hr7527	3RLe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47528: WMZ3 Rücklauftemperatur (10^-3)
hr7528	3RLEinh	-	1	u16	r	0	1	0x7FFF	HR47529: WMZ3 Einheit Rücklauftemperatur, 0=°C
hr7529	3SysANSWER-OK	-	1	u16	rw	0	65535	-	HR47530: WMZ3 Testregister für den internen Gebrauch
hr7530	3SysAnsFail	-	1	u16	rw	0	65535	-	HR47531: WMZ3 Testregister für den internen Gebrauch
hr7531	3SysZeroBack	-	1	u16	rw	0	65535	-	HR47532: WMZ3 Testregister für den internen Gebrauch
hr7535	3STagDatum	-	1	u16	r	101	3112	0x7FFF	HR47536: WMZ3 Lesedatum Stichtag | packed DDMM
hr7536	3STagZeit	-	1	u16	r	0	2359	0x7FFF	HR47537: WMZ3 Leseuhrzeit Stichtag | packed HHMM
hr7537	3WSTag1e4	-	10000	u16	r	0	99990000	0x7FFF	HR47538: WMZ3 Arbeit Stichtag1 (10^4)
hr7538	3WSTag1e0	-	1	u16	r	0	9999	0x7FFF	HR47539: WMZ3 Arbeit Stichtag1 (10^0)
hr7539	3WSTag1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47540: WMZ3 Arbeit Stichtag1 (10^-3)
hr7540	3WSTag1Einh	-	1	u16	r	0	2	0x7FFF	HR47541: WMZ3 Einheit Arbeit Stichtag 1,0=MWh,1=kWh,2=GJ
hr7541	3STag1Jahr	-	1	u16	r	1990	2099	0x7FFF	HR47542: WMZ3 Jahr Stichtag 1
hr7542	3STag1Datum	-	1	u16	r	101	3112	0x7FFF	HR47543: WMZ3 Datum Stichtag 1 | packed DDMM
hr7543	3VSTag1e4	-	10000	u16	r	0	99990000	0x7FFF	HR47544: WMZ3 Volumen Stichtag1 (10^4)
hr7544	3VSTag1e0	-	1	u16	r	0	9999	0x7FFF	HR47545: WMZ3 Volumen Stichtag1 (10^0)
hr7545	3VSTag1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47546: WMZ3 Volumen Stichtag1 (10^-3)
hr7546	3VSTag1Einh	-	1	u16	r	0	1	0x7FFF	HR47547: WMZ3 Einheit Volumen Stichtag1, 0=m³, 1=l
hr7547	3WSTag2e4	-	10000	u16	r	0	99990000	0x7FFF	HR47548: WMZ3 Arbeit Stichtag2 (10^4)
hr7548	3WSTag2e0	-	1	u16	r	0	9999	0x7FFF	HR47549: WMZ3 Arbeit Stichtag2 (10^0)
hr7549	3WSTag2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47550: WMZ3 Arbeit Stichtag2 (10^-3)
hr7550	3WSTag2Einh	-	1	u16	r	0	2	0x7FFF	HR47551: WMZ3 Einheit Arbeit Stichtag 2,0=MWh,1=kWh,2=GJ
hr7551	3STag2Jahr	-	1	u16	r	1990	2099	0x7FFF	HR47552: WMZ3 Jahr Stichtag2
hr7552	3STag2Datum	-	1	u16	r	101	3112	0x7FFF	HR47553: WMZ3 Datum Stichtag2 | packed DDMM
hr7553	3VSTag2e4	-	10000	u16	r	0	99990000	0x7FFF	HR47554: WMZ3 Volumen Stichtag2 (10^4)
hr7554	3VSTag2e0	-	1	u16	r	0	9999	0x7FFF	HR47555: WMZ3 Volumen Stichtag2 (10^0)
hr7555	3VSTag2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47556: WMZ3 Volumen Stichtag2 (10^-3)
hr7556	3VSTag2Einh	-	1	u16	r	0	1	0x7FFF	HR47557: WMZ3 Einheit Volumen Stichtag2, 0=m³, 1=l
hr7557	3WDev1e4	-	10000	u16	r	0	99990000	0x7FFF	HR47558: WMZ3 Arbeit Device1 (10^4)
hr7558	3WDev1e0	-	1	u16	r	0	9999	0x7FFF	HR47559: WMZ3 Arbeit Device1 (10^0)
hr7559	3WDev1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47560: WMZ3 Arbeit Device1 (10^-3)
hr7560	3WDev1Einh	-	1	u16	r	0	2	0x7FFF	HR47561: WMZ3 Device1-Arbeit Einheit,0=MWh,1=kWh,2=GJ
hr7561	3VDev1e4	-	10000	u16	r	0	99990000	0x7FFF	HR47562: WMZ3 Volumen Device1 (10^4)
hr7562	3VDev1e0	-	1	u16	r	0	9999	0x7FFF	HR47563: WMZ3 Volumen Device1 (10^0)
hr7563	3VDev1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47564: WMZ3 Volumen Device1 (10^-3)
hr7564	3VDev1Einh	-	1	u16	r	0	1	0x7FFF	HR47565: WMZ3 Einheit Volumen Device1, 0=m³, 1=l
hr7565	3WDev2e4	-	10000	u16	r	0	99990000	0x7FFF	HR47566: WMZ3 Arbeit Device2 (10^4)
hr7566	3WDev2e0	-	1	u16	r	0	9999	0x7FFF	HR47567: WMZ3 Arbeit Device2 (10^0)
hr7567	3WDev2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47568: WMZ3 Arbeit Device2 (10^-3)
hr7568	3WDev2Einh	-	1	u16	r	0	2	0x7FFF	HR47569: WMZ3 Einheit Arbeit Device2,0=MWh,1=kWh,2=GJ
hr7569	3VDev2e4	-	10000	u16	r	0	99990000	0x7FFF	HR47570: WMZ3 Volumen Device2 (10^4)
hr7570	3VDev2e0	-	1	u16	r	0	9999	0x7FFF	HR47571: WMZ3 Volumen Device2 (10^0)
hr7571	3VDev2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47572: WMZ3 Volumen Device2 (10^-3)
hr7572	3VDev2Einh	-	1	u16	r	0	1	0x7FFF	HR47573: WMZ3 Einheit Volumen Device2, 0=m³, 1=l
hr7573	3WTa1e4	-	10000	u16	r	0	99990000	0x7FFF	HR47574: WMZ3 Arbeit Tarif1 (10^4)
hr7574	3WTa1e0	-	1	u16	r	0	9999	0x7FFF	HR47575: WMZ3 Arbeit Tarif1 (10^0)
hr7575	3WTa1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47576: WMZ3 Arbeit Tarif1 (10^-3)
hr7576	3WTa1Einh	-	1	u16	r	0	2	0x7FFF	HR47577: WMZ3 Einheit Arbeit Tarif1,0=MWh,1=kWh,2=GJ
hr7577	3VTa1e4	-	10000	u16	r	0	99990000	0x7FFF	HR47578: WMZ3 Volumen Tarif1 (10^4)
hr7578	3VTa1e0	-	1	u16	r	0	9999	0x7FFF	HR47579: WMZ3 Volumen Tarif1 (10^0)
hr7579	3VTa1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47580: WMZ3 Volumen Tarif1 (10^-3)
hr7580	3VTa1Einh	-	1	u16	r	0	1	0x7FFF	HR47581: WMZ3 Einheit Volumen Tarif1, 0=m³, 1=l
hr7581	3WTa2e4	-	10000	u16	r	0	99990000	0x7FFF	HR47582: WMZ3 Arbeit Tarif2 (10^4)
hr7582	3WTa2e0	-	1	u16	r	0	9999	0x7FFF	HR47583: WMZ3 Arbeit Tarif2 (10^0)
hr7583	3WTa2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47584: WMZ3 Arbeit Tarif2 (10^-3)
hr7584	3WTa2Einh	-	1	u16	r	0	2	0x7FFF	HR47585: WMZ3 Einheit Arbeit Tarif2,0=MWh,1=kWh,2=GJ
hr7585	3VTa2e4	-	10000	u16	r	0	99990000	0x7FFF	HR47586: WMZ3 Volumen Tarif2 (10^4)
hr7586	3VTa2e0	-	1	u16	r	0	9999	0x7FFF	HR47587: WMZ3 Volumen Tarif2 (10^0)
hr7587	3VTa2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47588: WMZ3 Volumen Tarif2 (10^-3)
hr7588	3VTa2Einh	-	1	u16	r	0	1	0x7FFF	HR47589: WMZ3 Einheit Volumen Tarif2, 0=m³, 1=l
hr7589	3SysIDHB	-	1	u16	r	0	9999	0x7FFF	HR47590: WMZ3 Identnummer obere 4 Stellen
hr7590	3SysIDLB	-	1	u16	r	0	9999	0x7FFF	HR47591: WMZ3 Identnummer untere 4 Stellen
hr7591	3Dev1HCAe7	-	10000000	u16	r	0	99990000000	0x7FFF	HR47592: WMZ3 Device 1 Zählen ohne Einheit (10^7)
hr7592	3Dev1HCAe4	-	10000	u16	r	0	99990000	0x7FFF	HR47593: WMZ3 Device 1 Zählen ohne Einheit (10^4)
hr7593	3Dev1HCAe0	-	0.001	u16	r	0	0.999	0x7FFF	HR47594: WMZ3 Device 1 Zählen ohne Einheit (10^0)
hr7594	3Dev2HCAe7	-	10000000	u16	r	0	99990000000	0x7FFF	HR47595: WMZ3 Device 2 Zählen ohne Einheit (10^7)
hr7595	3Dev2HCAe4	-	10000	u16	r	0	99990000	0x7FFF	HR47596: WMZ3 Device 2 Zählen ohne Einheit (10^4)
hr7596	3Dev2HCAe0	-	0.001	u16	r	0	0.999	0x7FFF	HR47597: WMZ3 Device 2 Zählen ohne Einheit (10^0)
hr7597	3Dev3HCAe7	-	10000000	u16	r	0	99990000000	0x7FFF	HR47598: WMZ3 Device 3 Zählen ohne Einheit (10^7)
hr7598	3Dev3HCAe4	-	10000	u16	r	0	99990000	0x7FFF	HR47599: WMZ3 Device 3 Zählen ohne Einheit (10^4)
hr7599	3Dev3HCAe0	-	0.001	u16	r	0	0.999	0x7FFF	HR47600: WMZ3 Device 3 Zählen ohne Einheit (10^0)
hr7600	3QDev1Nr5e4	-	10000	u16	r	0	99990000	0x7FFF	HR47601: WMZ3 Qmax Dev1 Speichernr5 10^4
hr7601	3QDev1Nr5e0	-	1	u16	r	0	9999	0x7FFF	HR47602: WMZ3 Qmax Dev1 Speichernr5 10^0
hr7602	3QDev1Nr5e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47603: WMZ3 Qmax Dev1 Speichernr5 10^-3
hr7603	3QDev1Nr5Einh	-	1	u16	r	0	1	0x7FFF	HR47604: WMZ3 Einheit Q_maxDev1Spnr5,0=m³/h,1=l/h
hr7604	3Dev1Nr5Jahr	-	1	u16	r	1990	2099	0x7FFF	HR47605: WMZ3 Jahr für Dev1maxStorNr5
hr7605	3Dev1Nr5Datum	-	1	u16	r	101	3112	0x7FFF	HR47606: WMZ3 Datum für Dev1maxStorNr5 | packed DDMM
hr7606	3Dev1Nr5Zeit	-	1	u16	r	0	2359	0x7FFF	HR47607: WMZ3 Uhrzeit für Dev1maxStorNr5 | packed HHMM
hr7607	3PDev1Nr1e4	-	10000	u16	r	0	99990000	0x7FFF	HR47608: WMZ3 Pmax für Dev1StorNr1 (10^4)
hr7608	3PDev1Nr1e0	-	1	u16	r	0	9999	0x7FFF	HR47609: WMZ3 Pmax für Dev1StorNr1 (10^0)
hr7609	3PDev1Nr1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47610: WMZ3 Pmax für Dev1StorNr1 (10^-3)
hr7610	3PDev1Nr1Einh	-	1	u16	r	0	1	0x7FFF	HR47611: WMZ3 Einheit PmaxDev1StorNr1, 0=kW, 1=MW
hr7611	3Dev1Nr1Jahr	-	1	u16	r	1990	2099	0x7FFF	HR47612: WMZ3 Jahr für Dev1maxStorNr1
hr7612	3Dev1Nr1Datum	-	1	u16	r	101	3112	0x7FFF	HR47613: WMZ3 Datum für Dev1maxStorNr1 | packed DDMM
hr7613	3Dev1Nr1Zeit	-	1	u16	r	0	2359	0x7FFF	HR47614: WMZ3 Uhrzeit für Dev1maxStorNr1 | packed HHMM
hr7614	3Pmaxe4	-	10000	u16	r	0	99990000	0x7FFF	HR47615: WMZ3 Leistung max (10^4)
hr7615	3Pmaxe0	-	1	u16	r	0	9999	0x7FFF	HR47616: WMZ3 Leistung max (10^0)
hr7616	3Pmaxe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47617: WMZ3 Leistung max (10^-3)
hr7617	3PmaxEinh	-	1	u16	r	0	1	0x7FFF	HR47618: WMZ3 Einheit Leistung max, 0=kW, 1=MW
hr7618	3Qmaxe4	-	10000	u16	r	0	99990000	0x7FFF	HR47619: WMZ3 Durchfluß max (10^4)
hr7619	3Qmaxe0	-	1	u16	r	0	9999	0x7FFF	HR47620: WMZ3 Durchfluß max (10^0)
hr7620	3Qmaxe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47621: WMZ3 Durchfluß max (10^-3)
hr7621	3QmaxEinh	-	1	u16	r	0	1	0x7FFF	HR47622: WMZ3 Einheit Durchfluß max,0=m³/h,1=l/h
hr7623	3VLmaxe0	-	1	u16	r	0	200	0x7FFF	HR47624: WMZ3 Vorlauftemperatur max (10^0)
hr7624	3VLmaxe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47625: WMZ3 Vorlauftemperatur max (10^-3)
hr7625	3VLmaxEinh	-	1	u16	r	0	1	0x7FFF	HR47626: WMZ3 Einheit Vorlauftemperatur max, 0=°C
hr7627	3RLmaxe0	-	1	u16	r	0	200	0x7FFF	HR47628: WMZ3 Rücklauftemperatur max (10^0)
hr7628	3RLmaxe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47629: WMZ3 Rücklauftemperatur max (10^-3)
hr7629	3RLmaxEinh	-	1	u16	r	0	1	0x7FFF	HR47630: WMZ3 Einheit Rücklauftemperatur max, 0=°C
hr7630	3SysSlaveadr	-	1	u16	r	0	255	0x7FFF	HR47631: WMZ3 echte WMZ-Adresse nach Zählerantwort
hr7631	3DeltaTe0	-	1	u16	r	0	200	0x7FFF	HR47632: WMZ3 Differenz (Vorlauf-Rücklauf) (10^0)
hr7632	3DeltaTe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47633: WMZ3 Differenz (Vorlauf-Rücklauf) (10^-3)
hr7633	3VTa3e4	-	10000	u16	r	0	99990000	0x7FFF	HR47634: WMZ3 Volumen Tarif3 (10^4)
hr7634	3VTa3e0	-	1	u16	r	0	9999	0x7FFF	HR47635: WMZ3 Volumen Tarif3 (10^0)
hr7635	3VTa3e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47636: WMZ3 Volumen Tarif3 (10^-3)
hr7636	3VTa3Einh	-	1	u16	r	0	1	0x7FFF	HR47637: WMZ3 Einheit Volumen Tarif3, 0=m³, 1=l
hr7637	3PTa1Nr24e4	-	10000	u16	r	0	99990000	0x7FFF	HR47638: WMZ3 P Tarif1StorNr24 (10^4)
hr7638	3PTa1Nr24e0	-	1	u16	r	0	9999	0x7FFF	HR47639: WMZ3 P Tarif1StorNr24 (10^0)
hr7639	3PTa1Nr24e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47640: WMZ3 P Tarif1StorNr24 (10^-3)
hr7640	3PTa1Nr24Einh	-	1	u16	r	0	1	0x7FFF	HR47641: WMZ3 Einheit PTarif1StorNr24, 0=kW, 1=MW
hr7641	3QTa1Nr24e4	-	10000	u16	r	0	99990000	0x7FFF	HR47642: WMZ3 Q Tarif1StorNr24 (10^4)
hr7642	3QTa1Nr24e0	-	1	u16	r	0	9999	0x7FFF	HR47643: WMZ3 Q Tarif1StorNr24 (10^0)
hr7643	3QTa1Nr24e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47644: WMZ3 Q Tarif1StorNr24 (10^-3)
hr7644	3QTa1Nr24Einh	-	1	u16	r	0	1	0x7FFF	HR47645: WMZ3 EinheitQTarif1StorNr24,0=m³/h,1=l/h
hr7645	3tErrore3	h	1000	u16	r	0	9999000	0x7FFF	HR47646: WMZ3 Fehlerzeit x 10^3 in Stunden
hr7646	3tErrore0	h	1	u16	r	0	999	0x7FFF	HR47647: WMZ3 Fehlerzeit x 10^0 in Stunden
hr7647	3tInfoe3	-	1	u16	r	0	1	0x7FFF	HR47648: WMZ3 Info (10^3)
hr7648	3tInfoe0	-	1	u16	r	0	1	0x7FFF	HR47649: WMZ3 Info (10^0)
hr7649	3WMZJahr	-	1	u16	r	1990	2099	0x7FFF	HR47650: WMZ3 Jahr
hr7650	3WMZDatum	-	1	u16	r	101	3112	0x7FFF	HR47651: WMZ3 Datum | packed DDMM
hr7651	3WMZZeit	-	1	u16	r	0	2359	0x7FFF	HR47652: WMZ3 Zeit | packed HHMM
hr7652	3WSTag3e4	-	10000	u16	r	0	99990000	0x7FFF	HR47653: WMZ3 Arbeit Stichtag3 (10^4)
hr7653	3WSTag3e0	-	1	u16	r	0	9999	0x7FFF	HR47654: WMZ3 Arbeit Stichtag3 (10^0)
hr7654	3WSTag3e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47655: WMZ3 Arbeit Stichtag3 (10^-3)
hr7655	3WSTag3Einh	-	1	u16	r	0	32	0x7FFF	HR47656: WMZ3 Einheit Arbeit Stichtag 3, 0=MWh,1=kWh,2=GJ
hr7656	3STag3Jahr	-	1	u16	r	1990	2099	0x7FFF	HR47657: WMZ3 Jahr Stichtag3
hr7657	3STag3Datum	-	1	u16	r	101	3112	0x7FFF	HR47658: WMZ3 Datum Stichtag3 | packed DDMM
hr7749	EZ3_SysWMZFLAG	-	1	u16	r	0	32767	-	HR47750: EZ3 Betriebszustand
hr7750	EZ3_SysFSR	-	1	u16	r	0	32767	-	HR47751: EZ3 Fehlerstatus-Register
hr7751	EZ3_VDatum	-	1	u16	r	101	3112	0x7FFF	HR47752: EZ3 Lesedatum Energie | packed DDMM
hr7752	EZ3_VZeit	-	1	u16	r	0	2359	0x7FFF	HR47753: EZ3 Leseuhrzeit Energie | packed HHMM
hr7753	EZ3_tBtre3	-	1	u16	r	0	65535	-	HR47754: EZ3 Betriebszeit x 10^3
hr7754	EZ3_tBtre0	-	1	u16	r	0	65535	-	HR47755: EZ3 Betriebszeit x 10^0
hr7755	EZ3_U_3phas	V	1	u16	r	0	9999	0x7FFF	HR47756: EZ3 Spannung 3-phasig in ganzen Volt
hr7756	EZ3_U1	V	1	u16	r	0	9999	0x7FFF	HR47757: EZ3 Spannung Phase 1 in ganzen Volt
hr7757	EZ3_U2	V	1	u16	r	0	9999	0x7FFF	HR47758: EZ3 Spannung Phase 2 in ganzen Volt
hr7758	EZ3_U3	V	1	u16	r	0	9999	0x7FFF	HR47759: EZ3 Spannung Phase 3 in ganzen Volt
hr7759	3cos_phi_3phas	%	0.1	s16	r	-100	100	0x7FFF	HR47760: EZ3 Leistungsfaktor Sys (10^-3)
hr7760	EZ3_cos_phi1	%	0.1	s16	r	-100	100	0x7FFF	HR47761: EZ3 Leistungsfaktor Phase 1 (10^-3)
hr7761	EZ3_cos_phi2	%	0.1	s16	r	-100	100	0x7FFF	HR47762: EZ3 Leistungsfaktor Phase 2 (10^-3)
hr7762	EZ3_cos_phi3	%	0.1	s16	r	-100	100	0x7FFF	HR47763: EZ3 Leistungsfaktor Phase 3 (10^-3)
hr7763	EZ3_Pe4	-	10000	u16	r	0	99990000	0x7FFF	HR47764: EZ3 Leistung gesamt (10^4)
hr7764	EZ3_Pe0	-	1	u16	r	0	9999	0x7FFF	HR47765: EZ3 Leistung gesamt (10^0)
hr7765	EZ3_Pe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47766: EZ3 Leistung gesamt (10^-3)
hr7766	EZ3_PEinh	-	1	u16	r	0	1	0x7FFF	HR47767: EZ3 Einheit Leistung, 0=kW, 1=MW
hr7767	EZ3_We4	-	10000	u16	r	0	99990000	0x7FFF	HR47768: EZ3 Wirkenergie gesamt (10^4)
hr7768	EZ3_We0	-	1	u16	r	0	9999	0x7FFF	HR47769: EZ3 Wirkenergie gesamt (10^0)
hr7769	EZ3_We-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47770: EZ3 Wirkenergie gesamt (10^-3)
hr7770	EZ3_WEinh	-	1	u16	r	0	32	0x7FFF	HR47771: EZ3 Einheit Arbeit, 0=MWh, 1=kWh, 30=GWh
hr7771	EZ3_Mfact-ID	-	1	u16	r	0	65535	-	HR47772: EZ3 Hersteller-Identifikation
hr7774	EZ3_Frequenz	Hz	0.01	u16	r	0	655.35	-	HR47775: EZ3 Frequenz in 100tel Hz
hr7775	EZ3_WMZ-Firmware	-	0.01	u16	r	0	650	-	HR47776: EZ3 Firmware-Version Zähler
hr7776	EZ3_Phasenfolge	-	1	u16	r	0	132	0x7FFF	HR47777: EZ3 Phasenfolge moegliche Werte: 123 oder 132
hr7777	EZ3_U_Wandler	-	1	u16	r	1	65535	-	HR47778: EZ3 Spannungswandlerverhältnis
hr7778	EZ3_I_Wandler	-	1	u16	r	1	65535	-	HR47779: EZ3 Stromwandlerverhältnis
hr7779	EZ3_SysANSWER-OK	-	1	u16	rw	0	65535	-	HR47780: EZ3 Testregister für den internen Gebrauch
hr7780	EZ3_SysAnsFail	-	1	u16	rw	0	65535	-	HR47781: EZ3 Testregister für den internen Gebrauch
hr7781	EZ3_SysZeroBack	-	1	u16	rw	0	65535	-	HR47782: EZ3 Testregister für den internen Gebrauch
hr7785	EZ3_STagDatum	-	1	u16	r	101	3112	0x7FFF	HR47786: EZ3 Lesedatum Stichtag | packed DDMM
hr7786	EZ3_STagZeit	-	1	u16	r	0	2359	0x7FFF	HR47787: EZ3 Leseuhrzeit Stichtag | packed HHMM
hr7787	EZ3_WSTag1e4	-	10000	u16	r	0	99990000	0x7FFF	HR47788: EZ3 Wirkenergie gesamt Stichtag 1 (10^4)
hr7788	EZ3_WSTag1e0	-	1	u16	r	0	9999	0x7FFF	HR47789: EZ3 Wirkenergie gesamt Stichtag 1 (10^0)
hr7789	EZ3_WSTag1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47790: EZ3 Wirkenergie gesamt Stichtag 1 (10^-3)
hr7790	EZ3_WSTag1Einh	-	1	u16	r	0	32	0x7FFF	HR47791: EZ3 Einheit Arbeit Stichtag 1, 0=MWh,1=kWh,30=GWh
hr7791	EZ3_STag1Jahr	-	1	u16	r	1990	2099	0x7FFF	HR47792: EZ3 Jahr Stichtag 1
hr7792	EZ3_STag1Datum	-	1	u16	r	101	3112	0x7FFF	HR47793: EZ3 Datum Stichtag 1 | packed DDMM
hr7797	EZ3_WSTag2e4	-	10000	u16	r	0	99990000	0x7FFF	HR47798: EZ3 Wirkenergie Stichtag 2 (10^4)
hr7798	EZ3_WSTag2e0	-	1	u16	r	0	9999	0x7FFF	HR47799: EZ3 Wirkenergie Stichtag 2 (10^0)
hr7799	EZ3_WSTag2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47800: EZ3 Wirkenergie Stichtag 2 (10^-3)
hr7800	EZ3_WSTag2Einh	-	1	u16	r	0	32	0x7FFF	HR47801: EZ3 Einheit Arbeit Stichtag 2, 0=MWh,1=kWh,30=GWh
hr7801	EZ3_STag2Jahr	-	1	u16	r	1990	2099	0x7FFF	HR47802: EZ3 Jahr Stichtag 2
hr7802	EZ3_STag2Datum	-	1	u16	r	101	3112	0x7FFF	HR47803: EZ3 Datum Stichtag 2 | packed DDMM
hr7803	EZ3_Pe4_Phase1	-	10000	u16	r	0	99990000	0x7FFF	HR47804: EZ3 Wirkleistung in Phase 1 (10^4)
hr7804	EZ3_Pe0_Phase1	-	1	u16	r	0	9999	0x7FFF	HR47805: EZ3 Wirkleistung in Phase 1 (10^0)
hr7805	EZ3_Pe-3_Phase1	-	0.001	u16	r	0	0.999	0x7FFF	HR47806: EZ3 Wirkleistung in Phase 1 (10^-3)
hr7806	EZ3_P-Ph1-Einh	-	1	u16	r	0	1	0x7FFF	HR47807: EZ3 Einheit Wirkleistung in Phase 1, 0=kW, 1=MW
hr7807	EZ3_WDev1e4	-	10000	u16	r	0	99990000	0x7FFF	HR47808: EZ3 Energie Device 1 (10^4)
hr7808	EZ3_WDev1e0	-	1	u16	r	0	9999	0x7FFF	HR47809: EZ3 Energie Device 1 (10^0)
hr7809	EZ3_WDev1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47810: EZ3 Energie Device 1 (10^-3)
hr7810	EZ3_WDev1Einh	-	1	u16	r	0	32	0x7FFF	HR47811: EZ3 Einheit Arbeit Device 1, 0=MWh,1=kWh,30=GWh
hr7811	EZ3_Pe4_Phase2	-	10000	u16	r	0	99990000	0x7FFF	HR47812: EZ3 Wirkleistung in Phase 2 (10^4)
hr7812	EZ3_Pe0_Phase2	-	1	u16	r	0	9999	0x7FFF	HR47813: EZ3 Wirkleistung in Phase 2 (10^0)
hr7813	EZ3_Pe-3_Phas2	-	0.001	u16	r	0	0.999	0x7FFF	HR47814: EZ3 Wirkleistung in Phase 2 (10^-3)
hr7814	EZ3_P-Ph2-Einh	-	1	u16	r	0	1	0x7FFF	HR47815: EZ3 Einheit Wirkleistung in Phase 2, 0=kW, 1=MW
hr7815	EZ3_WDev2e4	-	10000	u16	r	0	99990000	0x7FFF	HR47816: EZ3 Energie Device 2 (10^4)
hr7816	EZ3_WDev2e0	-	1	u16	r	0	9999	0x7FFF	HR47817: EZ3 Energie Device 2 (10^0)
hr7817	EZ3_WDev2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47818: EZ3 Energie Device 2 (10^-3)
hr7818	EZ3_WDev2Einh	-	1	u16	r	0	32	0x7FFF	HR47819: EZ3 Einheit Arbeit Device 2, 0=MWh,1=kWh,30=GWh
hr7819	EZ3_Pe4_Phase3	-	10000	u16	r	0	99990000	0x7FFF	HR47820: EZ3 Wirkleistung in Phase 3 (10^4)
hr7820	EZ3_Pe0_Phase3	-	1	u16	r	0	9999	0x7FFF	HR47821: EZ3 Wirkleistung in Phase 3 (10^0)
hr7821	EZ3_Pe-3_Phas3	-	0.001	u16	r	0	0.999	0x7FFF	HR47822: EZ3 Wirkleistung in Phase 3 (10^-3)
hr7822	EZ3_P-Ph3-Einh	-	1	u16	r	0	1	0x7FFF	HR47823: EZ3 Einheit Wirkleistung in Phase 3, 0=kW, 1=MW
hr7823	EZ3_WTa1e4	-	10000	u16	r	0	99990000	0x7FFF	HR47824: EZ3 Energie Tarif 1 (10^4)
hr7824	EZ3_WTa1e0	-	1	u16	r	0	9999	0x7FFF	HR47825: EZ3 Energie Tarif 1 (10^0)
hr7825	EZ3_WTa1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47826: EZ3 Energie Tarif 1 (10^-3)
hr7826	EZ3_WTa1Einh	-	1	u16	r	0	32	0x7FFF	HR47827: EZ3 Einheit Arbeit Tarif 1, 0=MWh,1=kWh,30=GWh
hr7827	EZ3_S_Syse4	-	10000	u16	r	0	99990000	0x7FFF	HR47828: EZ3 Scheinleistung Sys (10^4)
hr7828	EZ3_S_Syse0	-	1	u16	r	0	9999	0x7FFF	HR47829: EZ3 Scheinleistung Sys  (10^0)
hr7829	EZ3_S_Syse-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47830: EZ3 Scheinleistung Sys  (10^-3)
hr7830	EZ3_S_SysEinh	-	1	u16	r	0	1	0x7FFF	HR47831: EZ3 Scheinleistung Einheit, 0=kVAh, 1=MVAh
hr7831	EZ3_WTa2e4	-	10000	u16	r	0	99990000	0x7FFF	HR47832: EZ3 Energie Tarif 2 (10^4)
hr7832	EZ3_WTa2e0	-	1	u16	r	0	9999	0x7FFF	HR47833: EZ3 Energie Tarif 2 (10^0)
hr7833	EZ3_WTa2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47834: EZ3 Energie Tarif 2 (10^-3)
hr7834	EZ3_WTa2Einh	-	1	u16	r	0	32	0x7FFF	HR47835: EZ3 Einheit Energie Tarif 2, 0=MWh,1=kWh,30GWh
hr7835	EZ3_Q_Syse4	-	10000	u16	r	0	99990000	0x7FFF	HR47836: EZ3 Blindleistung Sys (10^4)
hr7836	EZ3_Q_Syse0	-	1	u16	r	0	9999	0x7FFF	HR47837: EZ3 Blindleistung Sys (10^0)
hr7837	EZ3_Q_Syse-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47838: EZ3 Blindleistung Sys (10^-3)
hr7838	EZ3_Q_SysEinh	-	1	u16	r	0	1	0x7FFF	HR47839: EZ3 Einheit Blindleistung Sys, 0=kvarh, 1=Mvarh
hr7839	EZ3_SysIDHB	-	1	u16	r	0	9999	0x7FFF	HR47840: EZ3 Identnummer obere 4 Stellen
hr7840	EZ3_SysIDLB	-	1	u16	r	0	9999	0x7FFF	HR47841: EZ3 Identnummer untere 4 Stellen
hr7841	3W_Bezug_ph1e4	-	10000000	u16	r	0	99990000000	0x7FFF	HR47842: EZ3 Wirkenergie Bezug Phase 1 (10^4)
hr7842	3W_Bezug_ph1e0	-	10000	u16	r	0	99990000	0x7FFF	HR47843: EZ3 Wirkenergie Bezug Phase 1 (10^0)
hr7843	3W_Bezug_ph1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47844: EZ3 Wirkenergie Bezug Phase 1 (10^-3)
hr7844	3W_Bezug_ph1Ein	-	1	u16	r	0	32	0x7FFF	HR47845: EZ3 Einheit PWirk Bezug Phase1, 0=MWh,1=kWh,30=GWh
hr7845	3W_Bezug_ph2e4	-	10000000	u16	r	0	99990000000	0x7FFF	HR47846: EZ3 Wirkenergie Bezug Phase 2 (10^4)
hr7846	3W_Bezug_ph2e0	-	10000	u16	r	0	99990000	0x7FFF	HR47847: EZ3 Wirkenergie Bezug Phase 2 (10^0)
hr7847	3W_Bezug_ph2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47848: EZ3 Wirkenergie Bezug Phase 2 (10^-3)
hr7848	3W_Bezug_ph2Ein	-	1	u16	r	0	32	0x7FFF	HR47849: EZ3 Einheit PWirk Bezug Phase2, 0=MWh,1=kWh,30=GWh
hr7849	3W_Bezug_ph3e4	-	10000000	u16	r	0	99990000000	0x7FFF	HR47850: EZ3 Wirkenergie Bezug Phase 3 (10^4)
hr7850	3W_Bezug_ph3e0	-	10000	u16	r	0	99990000	0x7FFF	HR47851: EZ3 Wirkenergie Bezug Phase 3 (10^0)
hr7851	3W_Bezug_ph3e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47852: EZ3 Wirkenergie Bezug Phase 3 (10^-3)
hr7852	3W_Bezug_ph3Ein	-	1	u16	r	0	32	0x7FFF	HR47853: EZ3 Einheit PWirk Bezug Phase3, 0=MWh,1=kWh,30=GWh
hr7853	3W_Liefg_gese4	-	10000000	u16	r	0	99990000000	0x7FFF	HR47854: EZ3 Wirkenergie Lieferung gesamt (10^4)
hr7854	3W_Liefg_gese0	-	10000	u16	r	0	99990000	0x7FFF	HR47855: EZ3 Wirkenergie Lieferung gesamt  (10^0)
hr7855	3W_Liefg_gese-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47856: EZ3 Wirkenergie Lieferung gesamt  (10^-3)
hr7856	3W_Liefg_gesEin	-	1	u16	r	0	32	0x7FFF	HR47857: EZ3 Einheit PWirk Lieferung ge. 0=MWh,1=kWh,30=GWh
hr7857	EZ3_PDev1Nr1e4	-	10000	u16	r	0	99990000	0x7FFF	HR47858: EZ3 Pmax für Dev1StorNr1 (10^4)
hr7858	EZ3_PDev1Nr1e0	-	1	u16	r	0	9999	0x7FFF	HR47859: EZ3 Pmax für Dev1StorNr1 (10^0)
hr7859	EZ3_PDev1Nr1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47860: EZ3 Pmax für Dev1StorNr1 (10^-3)
hr7860	EZ3_PDev1Nr1Einh	-	1	u16	r	0	1	0x7FFF	HR47861: EZ3 Einheit PmaxDev1StorNr1, 0=kW, 1=MW
hr7861	EZ3_Dev1Nr1Jahr	-	1	u16	r	1990	2099	0x7FFF	HR47862: EZ3 Jahr für Dev1maxStorNr1
hr7862	EZ3_Dev1Nr1Datum	-	1	u16	r	101	3112	0x7FFF	HR47863: EZ3 Datum für Dev1maxStorNr1 | packed DDMM
hr7863	EZ3_Dev1Nr1Zeit	-	1	u16	r	0	2359	0x7FFF	HR47864: EZ3 Uhrzeit für Dev1maxStorNr1 | packed HHMM
hr7864	EZ3_Pmaxe4	-	10000	u16	r	0	99990000	0x7FFF	HR47865: EZ3 Leistung max (10^4)
hr7865	EZ3_Pmaxe0	-	1	u16	r	0	9999	0x7FFF	HR47866: EZ3 Leistung max (10^0)
hr7866	EZ3_Pmaxe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47867: EZ3 Leistung max (10^-3)
hr7867	EZ3_PmaxEinh	-	1	u16	r	0	1	0x7FFF	HR47868: EZ3 Einheit Leistung max, 0=kW, 1=MW
hr7868	3W_Liefg_ph1e4	-	10000000	u16	r	0	99990000000	0x7FFF	HR47869: EZ3 Wirkenergie Lieferung Phase 1 (10^4)
hr7869	3W_Liefg_ph1e0	-	10000	u16	r	0	99990000	0x7FFF	HR47870: EZ3 Wirkenergie Lieferung Phase 1 (10^0)
hr7870	3W_Liefg_ph1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47871: EZ3 Wirkenergie Lieferung Phase 1 (10^-3)
hr7871	3W_Liefg_ph1Ein	-	1	u16	r	0	32	0x7FFF	HR47872: EZ3 Einheit PWirk Liefg. Ph.1, 0=MWh,1=kWh,30=GWh
hr7872	3W_Liefg_ph2e4	-	10000000	u16	r	0	99990000000	0x7FFF	HR47873: EZ3 Wirkenergie Lieferung Phase 2 (10^4)
hr7873	3W_Liefg_ph2e0	-	10000	u16	r	0	99990000	0x7FFF	HR47874: EZ3 Wirkenergie Lieferung Phase 2 (10^0)
hr7874	3W_Liefg_ph2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47875: EZ3 Wirkenergie Lieferung Phase 2 (10^-3)
hr7875	3W_Liefg_ph2Ein	-	1	u16	r	0	32	0x7FFF	HR47876: EZ3 Einheit PWirk Liefg. Ph.2, 0=MWh,1=kWh,30=GWh
hr7876	3W_Liefg_ph3e4	-	10000000	u16	r	0	99990000000	0x7FFF	HR47877: EZ3 Wirkenergie Lieferung Phase 3 (10^4)
hr7877	3W_Liefg_ph3e0	-	10000	u16	r	0	99990000	0x7FFF	HR47878: EZ3 Wirkenergie Lieferung Phase 3 (10^0)
hr7878	3W_Liefg_ph3e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47879: EZ3 Wirkenergie Lieferung Phase 3 (10^-3)
hr7879	3W_Liefg_ph3Ein	-	1	u16	r	0	32	0x7FFF	HR47880: EZ3 Einheit PWirk Liefg. Ph.3, 0=MWh,1=kWh,30=GWh
hr7880	EZ3_SysSlaveadr	-	1	u16	r	0	255	0x7FFF	HR47881: EZ3 echte WMZ-Adresse nach Zählerantwort
hr7881	EZ3_WTa3e4	-	10000	u16	r	0	99990000	0x7FFF	HR47882: EZ3 Energie Tarif 3 (10^4)
hr7882	EZ3_WTa3e0	-	1	u16	r	0	9999	0x7FFF	HR47883: EZ3 Energie Tarif 3 (10^0)
hr7883	EZ3_WTa3e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47884: EZ3 Energie Tarif 3 (10^-3)
hr7884	EZ3_WTa3Einh	-	1	u16	r	0	32	0x7FFF	HR47885: EZ3 Einheit Energie Tarif 3, 0=MWh,1=kWh,2=GJ
hr7885	EZ3_WTa4e4	-	10000	u16	r	0	99990000	0x7FFF	HR47886: EZ3 Energie Tarif4 (10^4)
hr7886	EZ3_WTa4e0	-	1	u16	r	0	9999	0x7FFF	HR47887: EZ3 Energie Tarif4 (10^0)
hr7887	EZ3_WTa4e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47888: EZ3 Energie Tarif4 (10^-3)
hr7888	EZ3_WTa4Einh	-	1	u16	r	0	32	0x7FFF	HR47889: EZ3 Einheit Energie Tarif 4, 0=MWh,1=kWh,2=GJ
hr7889	EZ3_I_3phas	-	1	s16	r	-32768	32767	-	HR47890: EZ3 Stromstärke 3-phasig
hr7890	EZ3_I_Phase_1	-	1	s16	r	-32768	32767	-	HR47891: EZ3 Stromstärke Phase 1
hr7891	EZ3_I_Phase_2	-	1	s16	r	-32768	32767	-	HR47892: EZ3 Stromstärke Phase 2
hr7892	EZ3_I_Phase_3	-	1	s16	r	-32768	32767	-	HR47893: EZ3 Stromstärke Phase 3
hr7893	EZ3_I_neutral	-	1	s16	r	-32768	32767	-	HR47894: EZ3 Stromstärke neutral
hr7894	EZ3_I_Einheit	-	1	u16	r	0	3	0x7FFF	HR47895: EZ3 Stromstärken Einheit, 0=A, 3=A
hr7895	EZ3_tErrore3	h	1000	u16	r	0	9999000	0x7FFF	HR47896: EZ3 Fehlerzeit x 10^3 in Stunden
hr7896	EZ3_tErrore0	h	1	u16	r	0	999	0x7FFF	HR47897: EZ3 Fehlerzeit x 10^0 in Stunden
hr7897	EZ3_ANZ_U_AUSFe4	-	1	u16	r	0	65535	-	HR47898: EZ3 Anzahl der Spannungsausfaelle (10^4)
hr7898	EZ3_ANZ_U_AUSFe0	-	1	u16	r	0	65535	-	HR47899: EZ3 Anzahl der Spannungsausfaelle (10^0)
hr7899	EZ3_WMZJahr	-	1	u16	r	1990	2099	0x7FFF	HR47900: EZ3 Jahr
hr7900	EZ3_WMZDatum	-	1	u16	r	101	3112	0x7FFF	HR47901: EZ3 Datum | packed DDMM
hr7901	EZ3_WMZZeit	-	1	u16	r	0	2359	0x7FFF	HR47902: EZ3 Zeit | packed HHMM
hr7902	EZ3_WSTag3e4	-	10000	u16	r	0	99990000	0x7FFF	HR47903: EZ3 Wirkenergie gesamt Stichtag3 (10^4)
hr7903	EZ3_WSTag3e0	-	1	u16	r	0	9999	0x7FFF	HR47904: EZ3 Wirkenergie gesamt Stichtag3 (10^0)
hr7904	EZ3_WSTag3e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR47905: EZ3 Wirkenergie gesamt Stichtag3 (10^-3)
hr7905	EZ3_WSTag3Einh	-	1	u16	r	0	32	0x7FFF	HR47906: EZ3 Einheit Arbeit Stichtag 3, 0=MWh,1=kWh,30=GWh
hr7906	EZ3_STag3Jahr	-	1	u16	r	1990	2099	0x7FFF	HR47907: EZ3 Jahr Stichtag 3
hr7907	EZ3_STag3Datum	-	1	u16	r	101	3112	0x7FFF	HR47908: EZ3 Datum Stichtag 3 | packed DDMM
hr7999	4SysWMZFLAG	-	1	u16	r	0	32767	-	HR48000: WMZ4 Betriebszustand
hr8000	4SysFSR	-	1	u16	r	0	32767	-	HR48001: WMZ4 Fehlerstatus-Register
hr8001	4VDatum	-	1	u16	r	101	3112	0x7FFF	HR48002: WMZ4 Lesedatum Volumen | packed DDMM
hr8002	4VZeit	-	1	u16	r	0	2359	0x7FFF	HR48003: WMZ4 Leseuhrzeit Volumen | packed HHMM
hr8003	4tBtre3	-	1	u16	r	0	65535	-	HR48004: WMZ4 Betriebszeit x 10^3
hr8004	4tBtre0	-	1	u16	r	0	65535	-	HR48005: WMZ4 Betriebszeit x 10^0
hr8005	4Qe4	-	10000	u16	r	0	99990000	0x7FFF	HR48006: WMZ4 Durchfluß (10^4)
hr8006	4Qe0	-	1	u16	r	0	9999	0x7FFF	HR48007: WMZ4 Durchfluß (10^0)
hr8007	4Qe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48008: WMZ4 Durchfluß (10^-3)
hr8008	4QEinh	-	1	u16	r	0	1	0x7FFF	HR48009: WMZ4 Einheit Durchfluß, 0=m³/h, 1=l/h
hr8009	4Ve4	-	10000	u16	r	0	99990000	0x7FFF	HR48010: WMZ4 Volumen (10^4)
hr8010	4Ve0	-	1	u16	r	0	9999	0x7FFF	HR48011: WMZ4 Volumen (10^0)
hr8011	4Ve-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48012: WMZ4 Volumen (10^-3)
hr8012	4VEinh	-	1	u16	r	0	1	0x7FFF	HR48013: WMZ4 Einheit Volumen, 0=m³, 1=l
hr8013	4Pe4	-	10000	u16	r	0	99990000	0x7FFF	HR48014: WMZ4 Leistung (10^4)
hr8014	4Pe0	-	1	u16	r	0	9999	0x7FFF	HR48015: WMZ4 Leistung (10^0)
hr8015	4Pe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48016: WMZ4 Leistung (10^-3)
hr8016	4PEinh	-	1	u16	r	0	1	0x7FFF	HR48017: WMZ4 Einheit Leistung, 0=kW, 1=MW
hr8017	4We4	-	10000	u16	r	0	99990000	0x7FFF	HR48018: WMZ4 Arbeit (10^4)
hr8018	4We0	-	1	u16	r	0	9999	0x7FFF	HR48019: WMZ4 Arbeit (10^0)
hr8019	4We-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48020: WMZ4 Arbeit (10^-3)
hr8020	4WEinh	-	1	u16	r	0	2	0x7FFF	HR48021: WMZ4 Einheit Arbeit, 0=MWh, 1=kWh, 2=GJ
hr8021	4_Hersteller-ID	-	1	u16	r	0	65535	-	HR48022: WMZ4 Hersteller-Identifikation
hr8022	4VLe0	-	1	u16	r	0	200	0x7FFF	HR48023: WMZ4 Vorlauftemperatur (10^0)
hr8023	4VLe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48024: WMZ4 Vorlauftemperatur (10^-3)
hr8024	4VLEinh	-	1	u16	r	0	1	0x7FFF	HR48025: WMZ4 Einheit Vorlauftemperatur, 0=°C
hr8025	4_WMZ-Firmware	-	0.01	u16	r	0	650	-	HR48026: WMZ4 Firmware-Version Zähler
hr8026	4RLe0	-	1	u16	r	0	200	0x7FFF	HR48027: WMZ4 Rücklauftemperatur (10^0)
hr8027	4RLe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48028: WMZ4 Rücklauftemperatur (10^-3)
hr8028	4RLEinh	-	1	u16	r	0	1	0x7FFF	HR48029: WMZ4 Einheit Rücklauftemperatur, 0=°C
hr8029	4SysANSWER-OK	-	1	u16	rw	0	65535	-	HR48030: WMZ4 Testregister für den internen Gebrauch
hr8030	4SysAnsFail	-	1	u16	rw	0	65535	-	HR48031: WMZ4 Testregister für den internen Gebrauch
hr8031	4SysZeroBack	-	1	u16	rw	0	65535	-	HR48032: WMZ4 Testregister für den internen Gebrauch
hr8035	4STagDatum	-	1	u16	r	101	3112	0x7FFF	HR48036: WMZ4 Lesedatum Stichtag | packed DDMM
hr8036	4STagZeit	-	1	u16	r	0	2359	0x7FFF	HR48037: WMZ4 Leseuhrzeit Stichtag | packed HHMM
hr8037	4WSTag1e4	-	10000	u16	r	0	99990000	0x7FFF	HR48038: WMZ4 Arbeit Stichtag1 (10^4)
hr8038	4WSTag1e0	-	1	u16	r	0	9999	0x7FFF	HR48039: WMZ4 Arbeit Stichtag1 (10^0)
hr8039	4WSTag1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48040: WMZ4 Arbeit Stichtag1 (10^-3)
hr8040	4WSTag1Einh	-	1	u16	r	0	2	0x7FFF	HR48041: WMZ4 Einheit Arbeit Stichtag 1,0=MWh,1=kWh,2=GJ
hr8041	4STag1Jahr	-	1	u16	r	1990	2099	0x7FFF	HR48042: WMZ4 Jahr Stichtag 1
hr8042	4STag1Datum	-	1	u16	r	101	3112	0x7FFF	HR48043: WMZ4 Datum Stichtag 1 | packed DDMM
hr8043	4VSTag1e4	-	10000	u16	r	0	99990000	0x7FFF	HR48044: WMZ4 Volumen Stichtag1 (10^4)
hr8044	4VSTag1e0	-	1	u16	r	0	9999	0x7FFF	HR48045: WMZ4 Volumen Stichtag1 (10^0)
hr8045	4VSTag1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48046: WMZ4 Volumen Stichtag1 (10^-3)
hr8046	4VSTag1Einh	-	1	u16	r	0	1	0x7FFF	HR48047: WMZ4 Einheit Volumen Stichtag1, 0=m³, 1=l
hr8047	4WSTag2e4	-	10000	u16	r	0	99990000	0x7FFF	HR48048: WMZ4 Arbeit Stichtag2 (10^4)
hr8048	4WSTag2e0	-	1	u16	r	0	9999	0x7FFF	HR48049: WMZ4 Arbeit Stichtag2 (10^0)
hr8049	4WSTag2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48050: WMZ4 Arbeit Stichtag2 (10^-3)
hr8050	4WSTag2Einh	-	1	u16	r	0	2	0x7FFF	HR48051: WMZ4 Einheit Arbeit Stichtag 2,0=MWh,1=kWh,2=GJ
hr8051	4STag2Jahr	-	1	u16	r	1990	2099	0x7FFF	HR48052: WMZ4 Jahr Stichtag2
hr8052	4STag2Datum	-	1	u16	r	101	3112	0x7FFF	HR48053: WMZ4 Datum Stichtag2 | packed DDMM
hr8053	4VSTag2e4	-	10000	u16	r	0	99990000	0x7FFF	HR48054: WMZ4 Volumen Stichtag2 (10^4)
hr8054	4VSTag2e0	-	1	u16	r	0	9999	0x7FFF	HR48055: WMZ4 Volumen Stichtag2 (10^0)
hr8055	4VSTag2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48056: WMZ4 Volumen Stichtag2 (10^-3)
hr8056	4VSTag2Einh	-	1	u16	r	0	1	0x7FFF	HR48057: WMZ4 Einheit Volumen Stichtag2, 0=m³, 1=l
hr8057	4WDev1e4	-	10000	u16	r	0	99990000	0x7FFF	HR48058: WMZ4 Arbeit Device1 (10^4)
hr8058	4WDev1e0	-	1	u16	r	0	9999	0x7FFF	HR48059: WMZ4 Arbeit Device1 (10^0)
hr8059	4WDev1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48060: WMZ4 Arbeit Device1 (10^-3)
hr8060	4WDev1Einh	-	1	u16	r	0	2	0x7FFF	HR48061: WMZ4 Device1-Arbeit Einheit,0=MWh,1=kWh,2=GJ
hr8061	4VDev1e4	-	10000	u16	r	0	99990000	0x7FFF	HR48062: WMZ4 Volumen Device1 (10^4)
hr8062	4VDev1e0	-	1	u16	r	0	9999	0x7FFF	HR48063: WMZ4 Volumen Device1 (10^0)
hr8063	4VDev1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48064: WMZ4 Volumen Device1 (10^-3)
hr8064	4VDev1Einh	-	1	u16	r	0	1	0x7FFF	HR48065: WMZ4 Einheit Volumen Device1, 0=m³, 1=l
hr8065	4WDev2e4	-	10000	u16	r	0	99990000	0x7FFF	HR48066: WMZ4 Arbeit Device2 (10^4)
hr8066	4WDev2e0	-	1	u16	r	0	9999	0x7FFF	HR48067: WMZ4 Arbeit Device2 (10^0)
hr8067	4WDev2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48068: WMZ4 Arbeit Device2 (10^-3)
hr8068	4WDev2Einh	-	1	u16	r	0	2	0x7FFF	HR48069: WMZ4 Einheit Arbeit Device2,0=MWh,1=kWh,2=GJ
hr8069	4VDev2e4	-	10000	u16	r	0	99990000	0x7FFF	HR48070: WMZ4 Volumen Device2 (10^4)
hr8070	4VDev2e0	-	1	u16	r	0	9999	0x7FFF	HR48071: WMZ4 Volumen Device2 (10^0)
hr8071	4VDev2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48072: WMZ4 Volumen Device2 (10^-3)
hr8072	4VDev2Einh	-	1	u16	r	0	1	0x7FFF	HR48073: WMZ4 Einheit Volumen Device2, 0=m³, 1=l
hr8073	4WTa1e4	-	10000	u16	r	0	99990000	0x7FFF	HR48074: WMZ4 Arbeit Tarif1 (10^4)
hr8074	4WTa1e0	-	1	u16	r	0	9999	0x7FFF	HR48075: WMZ4 Arbeit Tarif1 (10^0)
hr8075	4WTa1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48076: WMZ4 Arbeit Tarif1 (10^-3)
hr8076	4WTa1Einh	-	1	u16	r	0	2	0x7FFF	HR48077: WMZ4 Einheit Arbeit Tarif1,0=MWh,1=kWh,2=GJ
hr8077	4VTa1e4	-	10000	u16	r	0	99990000	0x7FFF	HR48078: WMZ4 Volumen Tarif1 (10^4)
hr8078	4VTa1e0	-	1	u16	r	0	9999	0x7FFF	HR48079: WMZ4 Volumen Tarif1 (10^0)
hr8079	4VTa1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48080: WMZ4 Volumen Tarif1 (10^-3)
hr8080	4VTa1Einh	-	1	u16	r	0	1	0x7FFF	HR48081: WMZ4 Einheit Volumen Tarif1, 0=m³, 1=l
hr8081	4WTa2e4	-	10000	u16	r	0	99990000	0x7FFF	HR48082: WMZ4 Arbeit Tarif2 (10^4)
hr8082	4WTa2e0	-	1	u16	r	0	9999	0x7FFF	HR48083: WMZ4 Arbeit Tarif2 (10^0)
hr8083	4WTa2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48084: WMZ4 Arbeit Tarif2 (10^-3)
hr8084	4WTa2Einh	-	1	u16	r	0	2	0x7FFF	HR48085: WMZ4 Einheit Arbeit Tarif2,0=MWh,1=kWh,2=GJ
hr8085	4VTa2e4	-	10000	u16	r	0	99990000	0x7FFF	HR48086: WMZ4 Volumen Tarif2 (10^4)
hr8086	4VTa2e0	-	1	u16	r	0	9999	0x7FFF	HR48087: WMZ4 Volumen Tarif2 (10^0)
hr8087	4VTa2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48088: WMZ4 Volumen Tarif2 (10^-3)
hr8088	4VTa2Einh	-	1	u16	r	0	1	0x7FFF	HR48089: WMZ4 Einheit Volumen Tarif2, 0=m³, 1=l
hr8089	4SysIDHB	-	1	u16	r	0	9999	0x7FFF	HR48090: WMZ4 Identnummer obere 4 Stellen
hr8090	4SysIDLB	-	1	u16	r	0	9999	0x7FFF	HR48091: WMZ4 Identnummer untere 4 Stellen
hr8091	4Dev1HCAe7	-	10000000	u16	r	0	99990000000	0x7FFF	HR48092: WMZ4 Device 1 Zählen ohne Einheit (10^7)
hr8092	4Dev1HCAe4	-	10000	u16	r	0	99990000	0x7FFF	HR48093: WMZ4 Device 1 Zählen ohne Einheit (10^4)
hr8093	4Dev1HCAe0	-	0.001	u16	r	0	0.999	0x7FFF	HR48094: WMZ4 Device 1 Zählen ohne Einheit (10^0)
hr8094	4Dev2HCAe7	-	10000000	u16	r	0	99990000000	0x7FFF	HR48095: WMZ4 Device 2 Zählen ohne Einheit (10^7)
hr8095	4Dev2HCAe4	-	10000	u16	r	0	99990000	0x7FFF	HR48096: WMZ4 Device 2 Zählen ohne Einheit (10^4)
hr8096	4Dev2HCAe0	-	0.001	u16	r	0	0.999	0x7FFF	HR48097: WMZ4 Device 2 Zählen ohne Einheit (10^0)
hr8097	4Dev3HCAe7	-	10000000	u16	r	0	99990000000	0x7FFF	HR48098: WMZ4 Device 3 Zählen ohne Einheit (10^7)
hr8098	4Dev3HCAe4	-	10000	u16	r	0	99990000	0x7FFF	HR48099: WMZ4 Device 3 Zählen ohne Einheit (10^4)
hr8099	4Dev3HCAe0	-	0.001	u16	r	0	0.999	0x7FFF	HR48100: WMZ4 Device 3 Zählen ohne Einheit (10^0)
hr8100	4QDev1Nr5e4	-	10000	u16	r	0	99990000	0x7FFF	HR48101: WMZ4 Qmax Dev1 Speichernr5 10^4
hr8101	4QDev1Nr5e0	-	1	u16	r	0	9999	0x7FFF	HR48102: WMZ4 Qmax Dev1 Speichernr5 10^0
hr8102	4QDev1Nr5e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48103: WMZ4 Qmax Dev1 Speichernr5 10^-3
hr8103	4QDev1Nr5Einh	-	1	u16	r	0	1	0x7FFF	HR48104: WMZ4 Einheit Q_maxDev1Spnr5,0=m³/h,1=l/h
hr8104	4Dev1Nr5Jahr	-	1	u16	r	1990	2099	0x7FFF	HR48105: WMZ4 Jahr für Dev1maxStorNr5
hr8105	4Dev1Nr5Datum	-	1	u16	r	101	3112	0x7FFF	HR48106: WMZ4 Datum für Dev1maxStorNr5 | packed DDMM
hr8106	4Dev1Nr5Zeit	-	1	u16	r	0	2359	0x7FFF	HR48107: WMZ4 Uhrzeit für Dev1maxStorNr5 | packed HHMM
hr8107	4PDev1Nr1e4	-	10000	u16	r	0	99990000	0x7FFF	HR48108: WMZ4 Pmax für Dev1StorNr1 (10^4)
hr8108	4PDev1Nr1e0	-	1	u16	r	0	9999	0x7FFF	HR48109: WMZ4 Pmax für Dev1StorNr1 (10^0)
hr8109	4PDev1Nr1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48110: WMZ4 Pmax für Dev1StorNr1 (10^-3)
hr8110	4PDev1Nr1Einh	-	1	u16	r	0	1	0x7FFF	HR48111: WMZ4 Einheit PmaxDev1StorNr1, 0=kW, 1=MW
hr8111	4Dev1Nr1Jahr	-	1	u16	r	1990	2099	0x7FFF	HR48112: WMZ4 Jahr für Dev1maxStorNr1
hr8112	4Dev1Nr1Datum	-	1	u16	r	101	3112	0x7FFF	HR48113: WMZ4 Datum für Dev1maxStorNr1 | packed DDMM
hr8113	4Dev1Nr1Zeit	-	1	u16	r	0	2359	0x7FFF	HR48114: WMZ4 Uhrzeit für Dev1maxStorNr1 | packed HHMM
hr8114	4Pmaxe4	-	10000	u16	r	0	99990000	0x7FFF	HR48115: WMZ4 Leistung max (10^4)
hr8115	4Pmaxe0	-	1	u16	r	0	9999	0x7FFF	HR48116: WMZ4 Leistung max (10^0)
hr8116	4Pmaxe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48117: WMZ4 Leistung max (10^-3)
hr8117	4PmaxEinh	-	1	u16	r	0	1	0x7FFF	HR48118: WMZ4 Einheit Leistung max, 0=kW, 1=MW
hr8118	4Qmaxe4	-	10000	u16	r	0	99990000	0x7FFF	HR48119: WMZ4 Durchfluß max (10^4)
hr8119	4Qmaxe0	-	1	u16	r	0	9999	0x7FFF	HR48120: WMZ4 Durchfluß max (10^0)
hr8120	4Qmaxe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48121: WMZ4 Durchfluß max (10^-3)
hr8121	4QmaxEinh	-	1	u16	r	0	1	0x7FFF	HR48122: WMZ4 Einheit Durchfluß max,0=m³/h,1=l/h
hr8123	4VLmaxe0	-	1	u16	r	0	200	0x7FFF	HR48124: WMZ4 Vorlauftemperatur max (10^0)
hr8124	4VLmaxe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48125: WMZ4 Vorlauftemperatur max (10^-3)
hr8125	4VLmaxEinh	-	1	u16	r	0	1	0x7FFF	HR48126: WMZ4 Einheit Vorlauftemperatur max, 0=°C
hr8127	4RLmaxe0	-	1	u16	r	0	200	0x7FFF	HR48128: WMZ4 Rücklauftemperatur max (10^0)
hr8128	4RLmaxe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48129: WMZ4 Rücklauftemperatur max (10^-3)
hr8129	4RLmaxEinh	-	1	u16	r	0	1	0x7FFF	HR48130: WMZ4 Einheit Rücklauftemperatur max, 0=°C
hr8130	4SysSlaveadr	-	1	u16	r	0	255	0x7FFF	HR48131: WMZ4 echte WMZ-Adresse nach Zählerantwort
hr8131	4DeltaTe0	-	1	u16	r	0	200	0x7FFF	HR48132: WMZ4 Differenz (Vorlauf-Rücklauf) (10^0)
hr8132	4DeltaTe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48133: WMZ4 Differenz (Vorlauf-Rücklauf) (10^-3)
hr8133	4VTa3e4	-	10000	u16	r	0	99990000	0x7FFF	HR48134: WMZ4 Volumen Tarif3 (10^4)
hr8134	4VTa3e0	-	1	u16	r	0	9999	0x7FFF	HR48135: WMZ4 Volumen Tarif3 (10^0)
hr8135	4VTa3e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48136: WMZ4 Volumen Tarif3 (10^-3)
hr8136	4VTa3Einh	-	1	u16	r	0	1	0x7FFF	HR48137: WMZ4 Einheit Volumen Tarif3, 0=m³, 1=l
hr8137	4PTa1Nr24e4	-	10000	u16	r	0	99990000	0x7FFF	HR48138: WMZ4 P Tarif1StorNr24 (10^4)
hr8138	4PTa1Nr24e0	-	1	u16	r	0	9999	0x7FFF	HR48139: WMZ4 P Tarif1StorNr24 (10^0)
hr8139	4PTa1Nr24e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48140: WMZ4 P Tarif1StorNr24 (10^-3)
hr8140	4PTa1Nr24Einh	-	1	u16	r	0	1	0x7FFF	HR48141: WMZ4 Einheit PTarif1StorNr24, 0=kW, 1=MW
hr8141	4QTa1Nr24e4	-	10000	u16	r	0	99990000	0x7FFF	HR48142: WMZ4 Q Tarif1StorNr24 (10^4)
hr8142	4QTa1Nr24e0	-	1	u16	r	0	9999	0x7FFF	HR48143: WMZ4 Q Tarif1StorNr24 (10^0)
hr8143	4QTa1Nr24e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48144: WMZ4 Q Tarif1StorNr24 (10^-3)
hr8144	4QTa1Nr24Einh	-	1	u16	r	0	1	0x7FFF	HR48145: WMZ4 EinheitQTarif1StorNr24,0=m³/h,1=l/h
hr8145	4tErrore3	h	1000	u16	r	0	9999000	0x7FFF	HR48146: WMZ4 Fehlerzeit x 10^3 in Stunden
hr8146	4tErrore0	h	1	u16	r	0	999	0x7FFF	HR48147: WMZ4 Fehlerzeit x 10^0 in Stunden
hr8147	4tInfoe3	-	1	u16	r	0	1	0x7FFF	HR48148: WMZ4 Info (10^3)
hr8148	4tInfoe0	-	1	u16	r	0	1	0x7FFF	HR48149: WMZ4 Info (10^0)
hr8149	4WMZJahr	-	1	u16	r	1990	2099	0x7FFF	HR48150: WMZ4 Jahr
hr8150	4WMZDatum	-	1	u16	r	101	3112	0x7FFF	HR48151: WMZ4 Datum | packed DDMM
hr8151	4WMZZeit	-	1	u16	r	0	2359	0x7FFF	HR48152: WMZ4 Zeit | packed HHMM
hr8152	4WSTag3e4	-	10000	u16	r	0	99990000	0x7FFF	HR48153: WMZ4 Arbeit Stichtag3 (10^4)
hr8153	4WSTag3e0	-	1	u16	r	0	9999	0x7FFF	HR48154: WMZ4 Arbeit Stichtag3 (10^0)
hr8154	4WSTag3e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48155: WMZ4 Arbeit Stichtag3 (10^-3)
hr8155	4WSTag3Einh	-	1	u16	r	0	32	0x7FFF	HR48156: WMZ4 Einheit Arbeit Stichtag 3, 0=MWh,1=kWh,2=GJ
hr8156	4STag3Jahr	-	1	u16	r	1990	2099	0x7FFF	HR48157: WMZ4 Jahr Stichtag3
hr8157	4STag3Datum	-	1	u16	r	101	3112	0x7FFF	HR48158: WMZ4 Datum Stichtag3 | packed DDMM
hr8249	EZ4_SysWMZFLAG	-	1	u16	r	0	32767	-	HR48250: EZ4 Betriebszustand
hr8250	EZ4_SysFSR	-	1	u16	r	0	32767	-	HR48251: EZ4 Fehlerstatus-Register
hr8251	EZ4_VDatum	-	1	u16	r	101	3112	0x7FFF	HR48252: EZ4 Lesedatum Energie | packed DDMM
hr8252	EZ4_VZeit	-	1	u16	r	0	2359	0x7FFF	HR48253: EZ4 Leseuhrzeit Energie | packed HHMM
hr8253	EZ4_tBtre3	-	1	u16	r	0	65535	-	HR48254: EZ4 Betriebszeit x 10^3
hr8254	EZ4_tBtre0	-	1	u16	r	0	65535	-	HR48255: EZ4 Betriebszeit x 10^0
hr8255	EZ4_U_3phas	V	1	u16	r	0	9999	0x7FFF	HR48256: EZ4 Spannung 3-phasig in ganzen Volt
hr8256	EZ4_U1	V	1	u16	r	0	9999	0x7FFF	HR48257: EZ4 Spannung Phase 1 in ganzen Volt
hr8257	EZ4_U2	V	1	u16	r	0	9999	0x7FFF	HR48258: EZ4 Spannung Phase 2 in ganzen Volt
hr8258	EZ4_U3	V	1	u16	r	0	9999	0x7FFF	HR48259: EZ4 Spannung Phase 3 in ganzen Volt
hr8259	4cos_phi_3phas	%	0.1	s16	r	-100	100	0x7FFF	HR48260: EZ4 Leistungsfaktor Sys (10^-3)
hr8260	EZ4_cos_phi1	%	0.1	s16	r	-100	100	0x7FFF	HR48261: EZ4 Leistungsfaktor Phase 1 (10^-3)
hr8261	EZ4_cos_phi2	%	0.1	s16	r	-100	100	0x7FFF	HR48262: EZ4 Leistungsfaktor Phase 2 (10^-3)
hr8262	EZ4_cos_phi3	%	0.1	s16	r	-100	100	0x7FFF	HR48263: EZ4 Leistungsfaktor Phase 3 (10^-3)
hr8263	EZ4_Pe4	-	10000	u16	r	0	99990000	0x7FFF	HR48264: EZ4 Leistung gesamt (10^4)
hr8264	EZ4_Pe0	-	1	u16	r	0	9999	0x7FFF	HR48265: EZ4 Leistung gesamt (10^0)
hr8265	EZ4_Pe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48266: EZ4 Leistung gesamt (10^-3)
hr8266	EZ4_PEinh	-	1	u16	r	0	1	0x7FFF	HR48267: EZ4 Einheit Leistung, 0=kW, 1=MW
hr8267	EZ4_We4	-	10000	u16	r	0	99990000	0x7FFF	HR48268: EZ4 Wirkenergie gesamt (10^4)
hr8268	EZ4_We0	-	1	u16	r	0	9999	0x7FFF	HR48269: EZ4 Wirkenergie gesamt (10^0)
hr8269	EZ4_We-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48270: EZ4 Wirkenergie gesamt (10^-3)
hr8270	EZ4_WEinh	-	1	u16	r	0	32	0x7FFF	HR48271: EZ4 Einheit Arbeit, 0=MWh, 1=kWh, 30=GWh
hr8271	EZ4__Mfact-ID	-	1	u16	r	0	65535	-	HR48272: EZ4 Hersteller-Identifikation
hr8274	EZ4_Frequenz	Hz	0.01	u16	r	0	655.35	-	HR48275: EZ4 Frequenz in 100tel Hz
hr8275	EZ4_EZ-Firmware	-	0.01	u16	r	0	650	-	HR48276: EZ4 Firmware-Version Zähler
hr8276	EZ4_Phasenfolge	-	1	u16	r	0	132	0x7FFF	HR48277: EZ4 Phasenfolge moegliche Werte: 123 oder 132
hr8277	EZ4_U_Wandler	-	1	u16	r	1	65535	-	HR48278: EZ4 Spannungswandlerverhältnis
hr8278	EZ4_I_Wandler	-	1	u16	r	1	65535	-	HR48279: EZ4 Stromwandlerverhältnis
hr8279	EZ4_SysANSWER-OK	-	1	u16	rw	0	65535	-	HR48280: EZ4 Testregister für den internen Gebrauch
hr8280	EZ4_SysAnsFail	-	1	u16	rw	0	65535	-	HR48281: EZ4 Testregister für den internen Gebrauch
hr8281	EZ4_SysZeroBack	-	1	u16	rw	0	65535	-	HR48282: EZ4 Testregister für den internen Gebrauch
hr8285	EZ4_STagDatum	-	1	u16	r	101	3112	0x7FFF	HR48286: EZ4 Lesedatum Stichtag | packed DDMM
hr8286	EZ4_STagZeit	-	1	u16	r	0	2359	0x7FFF	HR48287: EZ4 Leseuhrzeit Stichtag | packed HHMM
hr8287	EZ4_WSTag1e4	-	10000	u16	r	0	99990000	0x7FFF	HR48288: EZ4 Wirkenergie gesamt Stichtag 1 (10^4)
hr8288	EZ4_WSTag1e0	-	1	u16	r	0	9999	0x7FFF	HR48289: EZ4 Wirkenergie gesamt Stichtag 1 (10^0)
hr8289	EZ4_WSTag1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48290: EZ4 Wirkenergie gesamt Stichtag 1 (10^-3)
hr8290	EZ4_WSTag1Einh	-	1	u16	r	0	32	0x7FFF	HR48291: EZ4 Einheit Arbeit Stichtag 1, 0=MWh,1=kWh,30=GWh
hr8291	EZ4_STag1Jahr	-	1	u16	r	1990	2099	0x7FFF	HR48292: EZ4 Jahr Stichtag 1
hr8292	EZ4_STag1Datum	-	1	u16	r	101	3112	0x7FFF	HR48293: EZ4 Datum Stichtag 1 | packed DDMM
hr8297	EZ4_WSTag2e4	-	10000	u16	r	0	99990000	0x7FFF	HR48298: EZ4 Wirkenergie Stichtag 2 (10^4)
hr8298	EZ4_WSTag2e0	-	1	u16	r	0	9999	0x7FFF	HR48299: EZ4 Wirkenergie Stichtag 2 (10^0)
hr8299	EZ4_WSTag2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48300: EZ4 Wirkenergie Stichtag 2 (10^-3)
hr8300	EZ4_WSTag2Einh	-	1	u16	r	0	32	0x7FFF	HR48301: EZ4 Einheit Arbeit Stichtag 2, 0=MWh,1=kWh,2=GJ
hr8301	EZ4_STag2Jahr	-	1	u16	r	1990	2099	0x7FFF	HR48302: EZ4 Jahr Stichtag 2
hr8302	EZ4_STag2Datum	-	1	u16	r	101	3112	0x7FFF	HR48303: EZ4 Datum Stichtag 2 | packed DDMM
hr8303	EZ4_Pe4_Phase1	-	10000	u16	r	0	99990000	0x7FFF	HR48304: EZ4 Wirkleistung in Phase 1 (10^4)
hr8304	EZ4_Pe0_Phase1	-	1	u16	r	0	9999	0x7FFF	HR48305: EZ4 Wirkleistung in Phase 1 (10^0)
hr8305	EZ4_Pe-3_Phase1	-	0.001	u16	r	0	0.999	0x7FFF	HR48306: EZ4 Wirkleistung in Phase 1 (10^-3)
hr8306	EZ4_P-Ph1-Einh	-	1	u16	r	0	1	0x7FFF	HR48307: EZ4 Einheit Wirkleistung in Phase 1, 0=kW, 1=MW
hr8307	EZ4_WDev1e4	-	10000	u16	r	0	99990000	0x7FFF	HR48308: EZ4 Energie Device 1 (10^4)
hr8308	EZ4_WDev1e0	-	1	u16	r	0	9999	0x7FFF	HR48309: EZ4 Energie Device 1 (10^0)
hr8309	EZ4_WDev1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48310: EZ4 Energie Device 1 (10^-3)
hr8310	EZ4_WDev1Einh	-	1	u16	r	0	32	0x7FFF	HR48311: EZ4 Einheit Arbeit Device 1, 0=MWh,1=kWh,30=GWh
hr8311	EZ4_Pe4_Phase2	-	10000	u16	r	0	99990000	0x7FFF	HR48312: EZ4 Wirkleistung in Phase 2 (10^4)
hr8312	EZ4_Pe0_Phase2	-	1	u16	r	0	9999	0x7FFF	HR48313: EZ4 Wirkleistung in Phase 2 (10^0)
hr8313	EZ4_Pe-3_Phas2	-	0.001	u16	r	0	0.999	0x7FFF	HR48314: EZ4 Wirkleistung in Phase 2 (10^-3)
hr8314	EZ4_P-Ph2-Einh	-	1	u16	r	0	1	0x7FFF	HR48315: EZ4 Einheit Wirkleistung in Phase 2, 0=kW, 1=MW
hr8315	EZ4_WDev2e4	-	10000	u16	r	0	99990000	0x7FFF	HR48316: EZ4 Energie Device 2 (10^4)
hr8316	EZ4_WDev2e0	-	1	u16	r	0	9999	0x7FFF	HR48317: EZ4 Energie Device 2 (10^0)
hr8317	EZ4_WDev2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48318: EZ4 Energie Device 2 (10^-3)
hr8318	EZ4_WDev2Einh	-	1	u16	r	0	32	0x7FFF	HR48319: EZ4 Einheit Arbeit Device 2, 0=MWh,1=kWh,30=GWh
hr8319	EZ4_Pe4_Phase3	-	10000	u16	r	0	99990000	0x7FFF	HR48320: EZ4 Wirkleistung in Phase 3 (10^4)
hr8320	EZ4_Pe0_Phase3	-	1	u16	r	0	9999	0x7FFF	HR48321: EZ4 Wirkleistung in Phase 3 (10^0)
hr8321	EZ4_Pe-3_Phas3	-	0.001	u16	r	0	0.999	0x7FFF	HR48322: EZ4 Wirkleistung in Phase 3 (10^-3)
hr8322	EZ4_P-Ph3-Einh	-	1	u16	r	0	1	0x7FFF	HR48323: EZ4 Einheit Wirkleistung in Phase 3, 0=kW, 1=MW
hr8323	EZ4_WTa1e4	-	10000	u16	r	0	99990000	0x7FFF	HR48324: EZ4 Energie Tarif 1 (10^4)
hr8324	EZ4_WTa1e0	-	1	u16	r	0	9999	0x7FFF	HR48325: EZ4 Energie Tarif 1 (10^0)
hr8325	EZ4_WTa1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48326: EZ4 Energie Tarif 1 (10^-3)
hr8326	EZ4_WTa1Einh	-	1	u16	r	0	32	0x7FFF	HR48327: EZ4 Einheit Arbeit Tarif 1, 0=MWh,1=kWh,30=GWh
hr8327	EZ4_S_Syse4	-	10000	u16	r	0	99990000	0x7FFF	HR48328: EZ4 Scheinleistung Sys (10^4)
hr8328	EZ4_S_Syse0	-	1	u16	r	0	9999	0x7FFF	HR48329: EZ4 Scheinleistung Sys  (10^0)
hr8329	EZ4_S_Syse-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48330: EZ4 Scheinleistung Sys  (10^-3)
hr8330	EZ4_S_SysEinh	-	1	u16	r	0	1	0x7FFF	HR48331: EZ4 Scheinleistung Einheit, 0=kVAh, 1=MVAh
hr8331	EZ4_WTa2e4	-	10000	u16	r	0	99990000	0x7FFF	HR48332: EZ4 Energie Tarif 2 (10^4)
hr8332	EZ4_WTa2e0	-	1	u16	r	0	9999	0x7FFF	HR48333: EZ4 Energie Tarif 2 (10^0)
hr8333	EZ4_WTa2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48334: EZ4 Energie Tarif 2 (10^-3)
hr8334	EZ4_WTa2Einh	-	1	u16	r	0	32	0x7FFF	HR48335: EZ4 Einheit Energie Tarif 2, 0=MWh,1=kWh,30GWh
hr8335	EZ4_Q_Syse4	-	10000	u16	r	0	99990000	0x7FFF	HR48336: EZ4 Blindleistung Sys (10^4)
hr8336	EZ4_Q_Syse0	-	1	u16	r	0	9999	0x7FFF	HR48337: EZ4 Blindleistung Sys (10^0)
hr8337	EZ4_Q_Syse-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48338: EZ4 Blindleistung Sys (10^-3)
hr8338	EZ4_Q_SysEinh	-	1	u16	r	0	1	0x7FFF	HR48339: EZ4 Einheit Blindleistung Sys, 0=kvarh, 1=Mvarh
hr8339	EZ4_SysIDHB	-	1	u16	r	0	9999	0x7FFF	HR48340: EZ4 Identnummer obere 4 Stellen
hr8340	EZ4_SysIDLB	-	1	u16	r	0	9999	0x7FFF	HR48341: EZ4 Identnummer untere 4 Stellen
hr8341	4W_Bezug_ph1e4	-	10000000	u16	r	0	99990000000	0x7FFF	HR48342: EZ4 Wirkenergie Bezug Phase 1 (10^4)
hr8342	4W_Bezug_ph1e0	-	10000	u16	r	0	99990000	0x7FFF	HR48343: EZ4 Wirkenergie Bezug Phase 1 (10^0)
hr8343	4W_Bezug_ph1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48344: EZ4 Wirkenergie Bezug Phase 1 (10^-3)
hr8344	4W_Bezug_ph1Ein	-	1	u16	r	0	32	0x7FFF	HR48345: EZ4 Einheit PWirk Bezug Phase1, 0=MWh,1=kWh,30=GWh
hr8345	4W_Bezug_ph2e4	-	10000000	u16	r	0	99990000000	0x7FFF	HR48346: EZ4 Wirkenergie Bezug Phase 2 (10^4)
hr8346	4W_Bezug_ph2e0	-	10000	u16	r	0	99990000	0x7FFF	HR48347: EZ4 Wirkenergie Bezug Phase 2 (10^0)
hr8347	4W_Bezug_ph2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48348: EZ4 Wirkenergie Bezug Phase 2 (10^-3)
hr8348	4W_Bezug_ph2Ein	-	1	u16	r	0	32	0x7FFF	HR48349: EZ4 Einheit PWirk Bezug Phase2, 0=MWh,1=kWh,30=GWh
hr8349	4W_Bezug_ph3e4	-	10000000	u16	r	0	99990000000	0x7FFF	HR48350: EZ4 Wirkenergie Bezug Phase 3 (10^4)
hr8350	4W_Bezug_ph3e0	-	10000	u16	r	0	99990000	0x7FFF	HR48351: EZ4 Wirkenergie Bezug Phase 3 (10^0)
hr8351	4W_Bezug_ph3e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48352: EZ4 Wirkenergie Bezug Phase 3 (10^-3)
hr8352	4W_Bezug_ph3Ein	-	1	u16	r	0	32	0x7FFF	HR48353: EZ4 Einheit PWirk Bezug Phase3, 0=MWh,1=kWh,30=GWh
hr8353	4W_Liefg_gese4	-	10000000	u16	r	0	99990000000	0x7FFF	HR48354: EZ4 Wirkenergie Lieferung gesamt (10^4)
hr8354	4W_Liefg_gese0	-	10000	u16	r	0	99990000	0x7FFF	HR48355: EZ4 Wirkenergie Lieferung gesamt  (10^0)
hr8355	4W_Liefg_gese-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48356: EZ4 Wirkenergie Lieferung gesamt  (10^-3)
hr8356	4W_Liefg_gesEin	-	1	u16	r	0	32	0x7FFF	HR48357: EZ4 Einheit PWirk Lieferung ge. 0=MWh,1=kWh,30=GWh
hr8357	EZ4_PDev1Nr1e4	-	10000	u16	r	0	99990000	0x7FFF	HR48358: EZ4 Pmax für Dev1StorNr1 (10^4)
hr8358	EZ4_PDev1Nr1e0	-	1	u16	r	0	9999	0x7FFF	HR48359: EZ4 Pmax für Dev1StorNr1 (10^0)
hr8359	EZ4_PDev1Nr1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48360: EZ4 Pmax für Dev1StorNr1 (10^-3)
hr8360	EZ4_PDev1Nr1Einh	-	1	u16	r	0	1	0x7FFF	HR48361: EZ4 Einheit PmaxDev1StorNr1, 0=kW, 1=MW
hr8361	EZ4_Dev1Nr1Jahr	-	1	u16	r	1990	2099	0x7FFF	HR48362: EZ4 Jahr für Dev1maxStorNr1
hr8362	EZ4_Dev1Nr1Datum	-	1	u16	r	101	3112	0x7FFF	HR48363: EZ4 Datum für Dev1maxStorNr1 | packed DDMM
hr8363	EZ4_Dev1Nr1Zeit	-	1	u16	r	0	2359	0x7FFF	HR48364: EZ4 Uhrzeit für Dev1maxStorNr1 | packed HHMM
hr8364	EZ4_Pmaxe4	-	10000	u16	r	0	99990000	0x7FFF	HR48365: EZ4 Leistung max (10^4)
hr8365	EZ4_Pmaxe0	-	1	u16	r	0	9999	0x7FFF	HR48366: EZ4 Leistung max (10^0)
hr8366	EZ4_Pmaxe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48367: EZ4 Leistung max (10^-3)
hr8367	EZ4_PmaxEinh	-	1	u16	r	0	1	0x7FFF	HR48368: EZ4 Einheit Leistung max, 0=kW, 1=MW
hr8368	4W_Liefg_ph1e4	-	10000000	u16	r	0	99990000000	0x7FFF	HR48369: EZ4 Wirkenergie Lieferung Phase 1 (10^4)
hr8369	4W_Liefg_ph1e0	-	10000	u16	r	0	99990000	0x7FFF	HR48370: EZ4 Wirkenergie Lieferung Phase 1 (10^0)
hr8370	4W_Liefg_ph1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48371: EZ4 Wirkenergie Lieferung Phase 1 (10^-3)
hr8371	4W_Liefg_ph1Ein	-	1	u16	r	0	32	0x7FFF	HR48372: EZ4 Einheit PWirk Liefg. Ph.1, 0=MWh,1=kWh,30=GWh
hr8372	4W_Liefg_ph2e4	-	10000000	u16	r	0	99990000000	0x7FFF	HR48373: EZ4 Wirkenergie Lieferung Phase 2 (10^4)
hr8373	4W_Liefg_ph2e0	-	10000	u16	r	0	99990000	0x7FFF	HR48374: EZ4 Wirkenergie Lieferung Phase 2 (10^0)
hr8374	4W_Liefg_ph2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48375: EZ4 Wirkenergie Lieferung Phase 2 (10^-3)
hr8375	4W_Liefg_ph2Ein	-	1	u16	r	0	32	0x7FFF	HR48376: EZ4 Einheit PWirk Liefg. Ph.2, 0=MWh,1=kWh,30=GWh
hr8376	4W_Liefg_ph3e4	-	10000000	u16	r	0	99990000000	0x7FFF	HR48377: EZ4 Wirkenergie Lieferung Phase 3 (10^4)
hr8377	4W_Liefg_ph3e0	-	10000	u16	r	0	99990000	0x7FFF	HR48378: EZ4 Wirkenergie Lieferung Phase 3 (10^0)
hr8378	4W_Liefg_ph3e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48379: EZ4 Wirkenergie Lieferung Phase 3 (10^-3)
hr8379	4W_Liefg_ph3Ein	-	1	u16	r	0	32	0x7FFF	HR48380: EZ4 Einheit PWirk Liefg. Ph.3, 0=MWh,1=kWh,30=GWh
hr8380	EZ4_SysSlaveadr	-	1	u16	r	0	255	0x7FFF	HR48381: EZ4 echte WMZ-Adresse nach Zählerantwort
hr8381	EZ4_WTa3e4	-	10000	u16	r	0	99990000	0x7FFF	HR48382: EZ4 Energie Tarif 3 (10^4)
hr8382	EZ4_WTa3e0	-	1	u16	r	0	9999	0x7FFF	HR48383: EZ4 Energie Tarif 3 (10^0)
hr8383	EZ4_WTa3e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48384: EZ4 Energie Tarif 3 (10^-3)
hr8384	EZ4_WTa3Einh	-	1	u16	r	0	32	0x7FFF	HR48385: EZ4 Einheit Energie Tarif 3, 0=MWh,1=kWh,2=GJ
hr8385	EZ4_WTa4e4	-	10000	u16	r	0	99990000	0x7FFF	HR48386: EZ4 Energie Tarif 4 (10^4)
hr8386	EZ4_WTa4e0	-	1	u16	r	0	9999	0x7FFF	HR48387: EZ4 Energie Tarif 4 (10^0)
hr8387	EZ4_WTa4e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48388: EZ4 Energie Tarif 4 (10^-3)
hr8388	EZ4_WTa4Einh	-	1	u16	r	0	32	0x7FFF	HR48389: EZ4 Einheit Energie Tarif 4, 0=MWh,1=kWh,2=GJ
hr8389	EZ4_I_3phas	-	1	s16	r	-32768	32767	-	HR48390: EZ4 Stromstärke 3-phasig
hr8390	EZ4_I_Phase_1	-	1	s16	r	-32768	32767	-	HR48391: EZ4 Stromstärke Phase 1
hr8391	EZ4_I_Phase_2	-	1	s16	r	-32768	32767	-	HR48392: EZ4 Stromstärke Phase 2
hr8392	EZ4_I_Phase_3	-	1	s16	r	-32768	32767	-	HR48393: EZ4 Stromstärke Phase 3
hr8393	EZ4_I_neutral	-	1	s16	r	-32768	32767	-	HR48394: EZ4 Stromstärke neutral
hr8394	EZ4_I_Einheit	-	1	u16	r	0	3	0x7FFF	HR48395: EZ4 Stromstärken Einheit, 0=A, 3=A
hr8395	EZ4_tErrore3	h	1000	u16	r	0	9999000	0x7FFF	HR48396: EZ4 Fehlerzeit x 10^3 in Stunden
hr8396	EZ4_tErrore0	h	1	u16	r	0	999	0x7FFF	HR48397: EZ4 Fehlerzeit x 10^0 in Stunden
hr8397	EZ4_ANZ_U_AUSFe4	-	1	u16	r	0	65535	-	HR48398: EZ4 Anzahl der Spannungsausfaelle (10^4)
hr8398	EZ4_ANZ_U_AUSFe0	-	1	u16	r	0	65535	-	HR48399: EZ4 Anzahl der Spannungsausfaelle (10^0)
hr8399	EZ4_WMZJahr	-	1	u16	r	1990	2099	0x7FFF	HR48400: EZ4 Jahr
hr8400	EZ4_WMZDatum	-	1	u16	r	101	3112	0x7FFF	HR48401: EZ4 Datum | packed DDMM
hr8401	EZ4_WMZZeit	-	1	u16	r	0	2359	0x7FFF	HR48402: EZ4 Zeit | packed HHMM
hr8402	EZ4_WSTag3e4	-	10000	u16	r	0	99990000	0x7FFF	HR48403: EZ4 Wirkenergie gesamt Stichtag 3 (10^4)
hr8403	EZ4_WSTag3e0	-	1	u16	r	0	9999	0x7FFF	HR48404: EZ4 Wirkenergie gesamt Stichtag 3 (10^0)
hr8404	EZ4_WSTag3e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48405: EZ4 Wirkenergie gesamt Stichtag 3 (10^-3)
hr8405	EZ4_WSTag3Einh	-	1	u16	r	0	32	0x7FFF	HR48406: EZ4 Einheit Arbeit Stichtag 3, 0=MWh,1=kWh,2=GJ
hr8406	EZ4_STag3Jahr	-	1	u16	r	1990	2099	0x7FFF	HR48407: EZ4 Jahr Stichtag 3
hr8407	EZ4_STag3Datum	-	1	u16	r	101	3112	0x7FFF	HR48408: EZ4 Datum Stichtag 3 | packed DDMM
hr8499	5SysWMZFLAG	-	1	u16	r	0	32767	-	HR48500: WMZ5 Betriebszustand
hr8500	5SysFSR	-	1	u16	r	0	32767	-	HR48501: WMZ5 Fehlerstatus-Register
hr8501	5VDatum	-	1	u16	r	101	3112	0x7FFF	HR48502: WMZ5 Lesedatum Volumen | packed DDMM
hr8502	5VZeit	-	1	u16	r	0	2359	0x7FFF	HR48503: WMZ5 Leseuhrzeit Volumen | packed HHMM
hr8503	5tBtre3	-	1	u16	r	0	65535	-	HR48504: WMZ5 Betriebszeit x 10^3
hr8504	5tBtre0	-	1	u16	r	0	65535	-	HR48505: WMZ5 Betriebszeit x 10^0
hr8505	5Qe4	-	10000	u16	r	0	99990000	0x7FFF	HR48506: WMZ5 Durchfluß (10^4)
hr8506	5Qe0	-	1	u16	r	0	9999	0x7FFF	HR48507: WMZ5 Durchfluß (10^0)
hr8507	5Qe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48508: WMZ5 Durchfluß (10^-3)
hr8508	5QEinh	-	1	u16	r	0	1	0x7FFF	HR48509: WMZ5 Einheit Durchfluß, 0=m³/h, 1=l/h
hr8509	5Ve4	-	10000	u16	r	0	99990000	0x7FFF	HR48510: WMZ5 Volumen (10^4)
hr8510	5Ve0	-	1	u16	r	0	9999	0x7FFF	HR48511: WMZ5 Volumen (10^0)
hr8511	5Ve-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48512: WMZ5 Volumen (10^-3)
hr8512	5VEinh	-	1	u16	r	0	1	0x7FFF	HR48513: WMZ5 Einheit Volumen, 0=m³, 1=l
hr8513	5Pe4	-	10000	u16	r	0	99990000	0x7FFF	HR48514: WMZ5 Leistung (10^4)
hr8514	5Pe0	-	1	u16	r	0	9999	0x7FFF	HR48515: WMZ5 Leistung (10^0)
hr8515	5Pe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48516: WMZ5 Leistung (10^-3)
hr8516	5PEinh	-	1	u16	r	0	1	0x7FFF	HR48517: WMZ5 Einheit Leistung, 0=kW, 1=MW
hr8517	5We4	-	10000	u16	r	0	99990000	0x7FFF	HR48518: WMZ5 Arbeit (10^4)
hr8518	5We0	-	1	u16	r	0	9999	0x7FFF	HR48519: WMZ5 Arbeit (10^0)
hr8519	5We-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48520: WMZ5 Arbeit (10^-3)
hr8520	5WEinh	-	1	u16	r	0	2	0x7FFF	HR48521: WMZ5 Einheit Arbeit, 0=MWh, 1=kWh, 2=GJ
hr8521	5_Hersteller-ID	-	1	u16	r	0	65535	-	HR48522: WMZ5 Hersteller-Identifikation
hr8522	5VLe0	-	1	u16	r	0	200	0x7FFF	HR48523: WMZ5 Vorlauftemperatur (10^0)
hr8523	5VLe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48524: WMZ5 Vorlauftemperatur (10^-3)
hr8524	5VLEinh	-	1	u16	r	0	1	0x7FFF	HR48525: WMZ5 Einheit Vorlauftemperatur, 0=°C
hr8525	5_WMZ-Firmware	-	0.01	u16	r	0	650	-	HR48526: WMZ5 Firmware-Version Zähler
hr8526	5RLe0	-	1	u16	r	0	200	0x7FFF	HR48527: WMZ5 Rücklauftemperatur (10^0)
hr8527	5RLe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48528: WMZ5 Rücklauftemperatur (10^-3)
hr8528	5RLEinh	-	1	u16	r	0	1	0x7FFF	HR48529: WMZ5 Einheit Rücklauftemperatur, 0=°C
hr8529	5SysANSWER-OK	-	1	u16	rw	0	65535	-	HR48530: WMZ5 Testregister für den internen Gebrauch
hr8530	5SysAnsFail	-	1	u16	rw	0	65535	-	HR48531: WMZ5 Testregister für den internen Gebrauch
hr8531	5SysZeroBack	-	1	u16	rw	0	65535	-	HR48532: WMZ5 Testregister für den internen Gebrauch
hr8535	5STagDatum	-	1	u16	r	101	3112	0x7FFF	HR48536: WMZ5 Lesedatum Stichtag | packed DDMM
hr8536	5STagZeit	-	1	u16	r	0	2359	0x7FFF	HR48537: WMZ5 Leseuhrzeit Stichtag | packed HHMM
hr8537	5WSTag1e4	-	10000	u16	r	0	99990000	0x7FFF	HR48538: WMZ5 Arbeit Stichtag1 (10^4)
hr8538	5WSTag1e0	-	1	u16	r	0	9999	0x7FFF	HR48539: WMZ5 Arbeit Stichtag1 (10^0)
hr8539	5WSTag1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48540: WMZ5 Arbeit Stichtag1 (10^-3)
hr8540	5WSTag1Einh	-	1	u16	r	0	2	0x7FFF	HR48541: WMZ5 Einheit Arbeit Stichtag 1,0=MWh,1=kWh,2=GJ
hr8541	5STag1Jahr	-	1	u16	r	1990	2099	0x7FFF	HR48542: WMZ5 Jahr Stichtag 1
hr8542	5STag1Datum	-	1	u16	r	101	3112	0x7FFF	HR48543: WMZ5 Datum Stichtag 1 | packed DDMM
hr8543	5VSTag1e4	-	10000	u16	r	0	99990000	0x7FFF	HR48544: WMZ5 Volumen Stichtag1 (10^4)
hr8544	5VSTag1e0	-	1	u16	r	0	9999	0x7FFF	HR48545: WMZ5 Volumen Stichtag1 (10^0)
hr8545	5VSTag1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48546: WMZ5 Volumen Stichtag1 (10^-3)
hr8546	5VSTag1Einh	-	1	u16	r	0	1	0x7FFF	HR48547: WMZ5 Einheit Volumen Stichtag1, 0=m³, 1=l
hr8547	5WSTag2e4	-	10000	u16	r	0	99990000	0x7FFF	HR48548: WMZ5 Arbeit Stichtag2 (10^4)
hr8548	5WSTag2e0	-	1	u16	r	0	9999	0x7FFF	HR48549: WMZ5 Arbeit Stichtag2 (10^0)
hr8549	5WSTag2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48550: WMZ5 Arbeit Stichtag2 (10^-3)
hr8550	5WSTag2Einh	-	1	u16	r	0	2	0x7FFF	HR48551: WMZ5 Einheit Arbeit Stichtag 2,0=MWh,1=kWh,2=GJ
hr8551	5STag2Jahr	-	1	u16	r	1990	2099	0x7FFF	HR48552: WMZ5 Jahr Stichtag2
hr8552	5STag2Datum	-	1	u16	r	101	3112	0x7FFF	HR48553: WMZ5 Datum Stichtag2 | packed DDMM
hr8553	5VSTag2e4	-	10000	u16	r	0	99990000	0x7FFF	HR48554: WMZ5 Volumen Stichtag2 (10^4)
hr8554	5VSTag2e0	-	1	u16	r	0	9999	0x7FFF	HR48555: WMZ5 Volumen Stichtag2 (10^0)
hr8555	5VSTag2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48556: WMZ5 Volumen Stichtag2 (10^-3)
hr8556	5VSTag2Einh	-	1	u16	r	0	1	0x7FFF	HR48557: WMZ5 Einheit Volumen Stichtag2, 0=m³, 1=l
hr8557	5WDev1e4	-	10000	u16	r	0	99990000	0x7FFF	HR48558: WMZ5 Arbeit Device1 (10^4)
hr8558	5WDev1e0	-	1	u16	r	0	9999	0x7FFF	HR48559: WMZ5 Arbeit Device1 (10^0)
hr8559	5WDev1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48560: WMZ5 Arbeit Device1 (10^-3)
hr8560	5WDev1Einh	-	1	u16	r	0	2	0x7FFF	HR48561: WMZ5 Device1-Arbeit Einheit,0=MWh,1=kWh,2=GJ
hr8561	5VDev1e4	-	10000	u16	r	0	99990000	0x7FFF	HR48562: WMZ5 Volumen Device1 (10^4)
hr8562	5VDev1e0	-	1	u16	r	0	9999	0x7FFF	HR48563: WMZ5 Volumen Device1 (10^0)
hr8563	5VDev1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48564: WMZ5 Volumen Device1 (10^-3)
hr8564	5VDev1Einh	-	1	u16	r	0	1	0x7FFF	HR48565: WMZ5 Einheit Volumen Device1, 0=m³, 1=l
hr8565	5WDev2e4	-	10000	u16	r	0	99990000	0x7FFF	HR48566: WMZ5 Arbeit Device2 (10^4)
hr8566	5WDev2e0	-	1	u16	r	0	9999	0x7FFF	HR48567: WMZ5 Arbeit Device2 (10^0)
hr8567	5WDev2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48568: WMZ5 Arbeit Device2 (10^-3)
hr8568	5WDev2Einh	-	1	u16	r	0	2	0x7FFF	HR48569: WMZ5 Einheit Arbeit Device2,0=MWh,1=kWh,2=GJ
hr8569	5VDev2e4	-	10000	u16	r	0	99990000	0x7FFF	HR48570: WMZ5 Volumen Device2 (10^4)
hr8570	5VDev2e0	-	1	u16	r	0	9999	0x7FFF	HR48571: WMZ5 Volumen Device2 (10^0)
hr8571	5VDev2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48572: WMZ5 Volumen Device2 (10^-3)
hr8572	5VDev2Einh	-	1	u16	r	0	1	0x7FFF	HR48573: WMZ5 Einheit Volumen Device2, 0=m³, 1=l
hr8573	5WTa1e4	-	10000	u16	r	0	99990000	0x7FFF	HR48574: WMZ5 Arbeit Tarif1 (10^4)
hr8574	5WTa1e0	-	1	u16	r	0	9999	0x7FFF	HR48575: WMZ5 Arbeit Tarif1 (10^0)
hr8575	5WTa1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48576: WMZ5 Arbeit Tarif1 (10^-3)
hr8576	5WTa1Einh	-	1	u16	r	0	2	0x7FFF	HR48577: WMZ5 Einheit Arbeit Tarif1,0=MWh,1=kWh,2=GJ
hr8577	5VTa1e4	-	10000	u16	r	0	99990000	0x7FFF	HR48578: WMZ5 Volumen Tarif1 (10^4)
hr8578	5VTa1e0	-	1	u16	r	0	9999	0x7FFF	HR48579: WMZ5 Volumen Tarif1 (10^0)
hr8579	5VTa1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48580: WMZ5 Volumen Tarif1 (10^-3)
hr8580	5VTa1Einh	-	1	u16	r	0	1	0x7FFF	HR48581: WMZ5 Einheit Volumen Tarif1, 0=m³, 1=l
hr8581	5WTa2e4	-	10000	u16	r	0	99990000	0x7FFF	HR48582: WMZ5 Arbeit Tarif2 (10^4)
hr8582	5WTa2e0	-	1	u16	r	0	9999	0x7FFF	HR48583: WMZ5 Arbeit Tarif2 (10^0)
hr8583	5WTa2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48584: WMZ5 Arbeit Tarif2 (10^-3)
hr8584	5WTa2Einh	-	1	u16	r	0	2	0x7FFF	HR48585: WMZ5 Einheit Arbeit Tarif2,0=MWh,1=kWh,2=GJ
hr8585	5VTa2e4	-	10000	u16	r	0	99990000	0x7FFF	HR48586: WMZ5 Volumen Tarif2 (10^4)
hr8586	5VTa2e0	-	1	u16	r	0	9999	0x7FFF	HR48587: WMZ5 Volumen Tarif2 (10^0)
hr8587	5VTa2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48588: WMZ5 Volumen Tarif2 (10^-3)
hr8588	5VTa2Einh	-	1	u16	r	0	1	0x7FFF	HR48589: WMZ5 Einheit Volumen Tarif2, 0=m³, 1=l
hr8589	5SysIDHB	-	1	u16	r	0	9999	0x7FFF	HR48590: WMZ5 Identnummer obere 4 Stellen
hr8590	5SysIDLB	-	1	u16	r	0	9999	0x7FFF	HR48591: WMZ5 Identnummer untere 4 Stellen
hr8591	5Dev1HCAe7	-	10000000	u16	r	0	99990000000	0x7FFF	HR48592: WMZ5 Device 1 Zählen ohne Einheit (10^7)
hr8592	5Dev1HCAe4	-	10000	u16	r	0	99990000	0x7FFF	HR48593: WMZ5 Device 1 Zählen ohne Einheit (10^4)
hr8593	5Dev1HCAe0	-	0.001	u16	r	0	0.999	0x7FFF	HR48594: WMZ5 Device 1 Zählen ohne Einheit (10^0)
hr8594	5Dev2HCAe7	-	10000000	u16	r	0	99990000000	0x7FFF	HR48595: WMZ5 Device 2 Zählen ohne Einheit (10^7)
hr8595	5Dev2HCAe4	-	10000	u16	r	0	99990000	0x7FFF	HR48596: WMZ5 Device 2 Zählen ohne Einheit (10^4)
hr8596	5Dev2HCAe0	-	0.001	u16	r	0	0.999	0x7FFF	HR48597: WMZ5 Device 2 Zählen ohne Einheit (10^0)
hr8597	5Dev3HCAe7	-	10000000	u16	r	0	99990000000	0x7FFF	HR48598: WMZ5 Device 3 Zählen ohne Einheit (10^7)
hr8598	5Dev3HCAe4	-	10000	u16	r	0	99990000	0x7FFF	HR48599: WMZ5 Device 3 Zählen ohne Einheit (10^4)
hr8599	5Dev3HCAe0	-	0.001	u16	r	0	0.999	0x7FFF	HR48600: WMZ5 Device 3 Zählen ohne Einheit (10^0)
hr8600	5QDev1Nr5e4	-	10000	u16	r	0	99990000	0x7FFF	HR48601: WMZ5 Qmax Dev1 Speichernr5 10^4
hr8601	5QDev1Nr5e0	-	1	u16	r	0	9999	0x7FFF	HR48602: WMZ5 Qmax Dev1 Speichernr5 10^0
hr8602	5QDev1Nr5e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48603: WMZ5 Qmax Dev1 Speichernr5 10^-3
hr8603	5QDev1Nr5Einh	-	1	u16	r	0	1	0x7FFF	HR48604: WMZ5 Einheit Q_maxDev1Spnr5,0=m³/h,1=l/h
hr8604	5Dev1Nr5Jahr	-	1	u16	r	1990	2099	0x7FFF	HR48605: WMZ5 Jahr für Dev1maxStorNr5
hr8605	5Dev1Nr5Datum	-	1	u16	r	101	3112	0x7FFF	HR48606: WMZ5 Datum für Dev1maxStorNr5 | packed DDMM
hr8606	5Dev1Nr5Zeit	-	1	u16	r	0	2359	0x7FFF	HR48607: WMZ5 Uhrzeit für Dev1maxStorNr5 | packed HHMM
hr8607	5PDev1Nr1e4	-	10000	u16	r	0	99990000	0x7FFF	HR48608: WMZ5 Pmax für Dev1StorNr1 (10^4)
hr8608	5PDev1Nr1e0	-	1	u16	r	0	9999	0x7FFF	HR48609: WMZ5 Pmax für Dev1StorNr1 (10^0)
hr8609	5PDev1Nr1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48610: WMZ5 Pmax für Dev1StorNr1 (10^-3)
hr8610	5PDev1Nr1Einh	-	1	u16	r	0	1	0x7FFF	HR48611: WMZ5 Einheit PmaxDev1StorNr1, 0=kW, 1=MW
hr8611	5Dev1Nr1Jahr	-	1	u16	r	1990	2099	0x7FFF	HR48612: WMZ5 Jahr für Dev1maxStorNr1
hr8612	5Dev1Nr1Datum	-	1	u16	r	101	3112	0x7FFF	HR48613: WMZ5 Datum für Dev1maxStorNr1 | packed DDMM
hr8613	5Dev1Nr1Zeit	-	1	u16	r	0	2359	0x7FFF	HR48614: WMZ5 Uhrzeit für Dev1maxStorNr1 | packed HHMM
hr8614	5Pmaxe4	-	10000	u16	r	0	99990000	0x7FFF	HR48615: WMZ5 Leistung max (10^4)
hr8615	5Pmaxe0	-	1	u16	r	0	9999	0x7FFF	HR48616: WMZ5 Leistung max (10^0)
hr8616	5Pmaxe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48617: WMZ5 Leistung max (10^-3)
hr8617	5PmaxEinh	-	1	u16	r	0	1	0x7FFF	HR48618: WMZ5 Einheit Leistung max, 0=kW, 1=MW
hr8618	5Qmaxe4	-	10000	u16	r	0	99990000	0x7FFF	HR48619: WMZ5 Durchfluß max (10^4)
hr8619	5Qmaxe0	-	1	u16	r	0	9999	0x7FFF	HR48620: WMZ5 Durchfluß max (10^0)
hr8620	5Qmaxe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48621: WMZ5 Durchfluß max (10^-3)
hr8621	5QmaxEinh	-	1	u16	r	0	1	0x7FFF	HR48622: WMZ5 Einheit Durchfluß max,0=m³/h,1=l/h
hr8623	5VLmaxe0	-	1	u16	r	0	200	0x7FFF	HR48624: WMZ5 Vorlauftemperatur max (10^0)
hr8624	5VLmaxe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48625: WMZ5 Vorlauftemperatur max (10^-3)
hr8625	5VLmaxEinh	-	1	u16	r	0	1	0x7FFF	HR48626: WMZ5 Einheit Vorlauftemperatur max, 0=°C
hr8627	5RLmaxe0	-	1	u16	r	0	200	0x7FFF	HR48628: WMZ5 Rücklauftemperatur max (10^0)
hr8628	5RLmaxe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48629: WMZ5 Rücklauftemperatur max (10^-3)
hr8629	5RLmaxEinh	-	1	u16	r	0	1	0x7FFF	HR48630: WMZ5 Einheit Rücklauftemperatur max, 0=°C
hr8630	5SysSlaveadr	-	1	u16	r	0	255	0x7FFF	HR48631: WMZ5 echte WMZ-Adresse nach Zählerantwort
hr8631	5DeltaTe0	-	1	u16	r	0	200	0x7FFF	HR48632: WMZ5 Differenz (Vorlauf-Rücklauf) (10^0)
hr8632	5DeltaTe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48633: WMZ5 Differenz (Vorlauf-Rücklauf) (10^-3)
hr8633	5VTa3e4	-	10000	u16	r	0	99990000	0x7FFF	HR48634: WMZ5 Volumen Tarif3 (10^4)
hr8634	5VTa3e0	-	1	u16	r	0	9999	0x7FFF	HR48635: WMZ5 Volumen Tarif3 (10^0)
hr8635	5VTa3e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48636: WMZ5 Volumen Tarif3 (10^-3)
hr8636	5VTa3Einh	-	1	u16	r	0	1	0x7FFF	HR48637: WMZ5 Einheit Volumen Tarif3, 0=m³, 1=l
hr8637	5PTa1Nr24e4	-	10000	u16	r	0	99990000	0x7FFF	HR48638: WMZ5 P Tarif1StorNr24 (10^4)
hr8638	5PTa1Nr24e0	-	1	u16	r	0	9999	0x7FFF	HR48639: WMZ5 P Tarif1StorNr24 (10^0)
hr8639	5PTa1Nr24e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48640: WMZ5 P Tarif1StorNr24 (10^-3)
hr8640	5PTa1Nr24Einh	-	1	u16	r	0	1	0x7FFF	HR48641: WMZ5 Einheit PTarif1StorNr24, 0=kW, 1=MW
hr8641	5QTa1Nr24e4	-	10000	u16	r	0	99990000	0x7FFF	HR48642: WMZ5 Q Tarif1StorNr24 (10^4)
hr8642	5QTa1Nr24e0	-	1	u16	r	0	9999	0x7FFF	HR48643: WMZ5 Q Tarif1StorNr24 (10^0)
hr8643	5QTa1Nr24e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48644: WMZ5 Q Tarif1StorNr24 (10^-3)
hr8644	5QTa1Nr24Einh	-	1	u16	r	0	1	0x7FFF	HR48645: WMZ5 EinheitQTarif1StorNr24,0=m³/h,1=l/h
hr8645	5tErrore3	h	1000	u16	r	0	9999000	0x7FFF	HR48646: WMZ5 Fehlerzeit x 10^3 in Stunden
hr8646	5tErrore0	h	1	u16	r	0	999	0x7FFF	HR48647: WMZ5 Fehlerzeit x 10^0 in Stunden
hr8647	5tInfoe3	-	1	u16	r	0	1	0x7FFF	HR48648: WMZ5 Info (10^3)
hr8648	5tInfoe0	-	1	u16	r	0	1	0x7FFF	HR48649: WMZ5 Info (10^0)
hr8649	5WMZJahr	-	1	u16	r	1990	2099	0x7FFF	HR48650: WMZ5 Jahr
hr8650	5WMZDatum	-	1	u16	r	101	3112	0x7FFF	HR48651: WMZ5 Datum | packed DDMM
hr8651	5WMZZeit	-	1	u16	r	0	2359	0x7FFF	HR48652: WMZ5 Zeit | packed HHMM
hr8652	5WSTag3e4	-	10000	u16	r	0	99990000	0x7FFF	HR48653: WMZ5 Arbeit Stichtag3 (10^4)
hr8653	5WSTag3e0	-	1	u16	r	0	9999	0x7FFF	HR48654: WMZ5 Arbeit Stichtag3 (10^0)
hr8654	5WSTag3e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48655: WMZ5 Arbeit Stichtag3 (10^-3)
hr8655	5WSTag3Einh	-	1	u16	r	0	32	0x7FFF	HR48656: WMZ5 Einheit Arbeit Stichtag 3, 0=MWh,1=kWh,2=GJ
hr8656	5STag3Jahr	-	1	u16	r	1990	2099	0x7FFF	HR48657: WMZ5 Jahr Stichtag3
hr8657	5STag3Datum	-	1	u16	r	101	3112	0x7FFF	HR48658: WMZ5 Datum Stichtag3 | packed DDMM
hr8749	EZ5_SysWMZFLAG	-	1	u16	r	0	32767	-	HR48750: EZ5 Betriebszustand
hr8750	EZ5_SysFSR	-	1	u16	r	0	32767	-	HR48751: EZ5 Fehlerstatus-Register
hr8751	EZ5_VDatum	-	1	u16	r	101	3112	0x7FFF	HR48752: EZ5 Lesedatum Energie | packed DDMM
hr8752	EZ5_VZeit	-	1	u16	r	0	2359	0x7FFF	HR48753: EZ5 Leseuhrzeit Energie | packed HHMM
hr8753	EZ5_tBtre3	-	1	u16	r	0	65535	-	HR48754: EZ5 Betriebszeit x 10^3
hr8754	EZ5_tBtre0	-	1	u16	r	0	65535	-	HR48755: EZ5 Betriebszeit x 10^0
hr8755	EZ5_U_3phas	V	1	u16	r	0	9999	0x7FFF	HR48756: EZ5 Spannung 3-phasig in ganzen Volt
hr8756	EZ5_U1	V	1	u16	r	0	9999	0x7FFF	HR48757: EZ5 Spannung Phase 1 in ganzen Volt
hr8757	EZ5_U2	V	1	u16	r	0	9999	0x7FFF	HR48758: EZ5 Spannung Phase 2 in ganzen Volt
hr8758	EZ5_U3	V	1	u16	r	0	9999	0x7FFF	HR48759: EZ5 Spannung Phase 3 in ganzen Volt
hr8759	5cos_phi_3phas	%	0.1	s16	r	-100	100	0x7FFF	HR48760: EZ5 Leistungsfaktor Sys (10^-3)
hr8760	EZ5_cos_phi1	%	0.1	s16	r	-100	100	0x7FFF	HR48761: EZ5 Leistungsfaktor Phase 1 (10^-3)
hr8761	EZ5_cos_phi2	%	0.1	s16	r	-100	100	0x7FFF	HR48762: EZ5 Leistungsfaktor Phase 2 (10^-3)
hr8762	EZ5_cos_phi3	%	0.1	s16	r	-100	100	0x7FFF	HR48763: EZ5 Leistungsfaktor Phase 3 (10^-3)
hr8763	EZ5_Pe4	-	10000	u16	r	0	99990000	0x7FFF	HR48764: EZ5 Leistung gesamt (10^4)
hr8764	EZ5_Pe0	-	1	u16	r	0	9999	0x7FFF	HR48765: EZ5 Leistung gesamt (10^0)
hr8765	EZ5_Pe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48766: EZ5 Leistung gesamt (10^-3)
hr8766	EZ5_PEinh	-	1	u16	r	0	1	0x7FFF	HR48767: EZ5 Einheit Leistung, 0=kW, 1=MW
hr8767	EZ5_We4	-	10000	u16	r	0	99990000	0x7FFF	HR48768: EZ5 Wirkenergie gesamt (10^4)
hr8768	EZ5_We0	-	1	u16	r	0	9999	0x7FFF	HR48769: EZ5 Wirkenergie gesamt (10^0)
hr8769	EZ5_We-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48770: EZ5 Wirkenergie gesamt (10^-3)
hr8770	EZ5_WEinh	-	1	u16	r	0	32	0x7FFF	HR48771: EZ5 Einheit Arbeit, 0=MWh, 1=kWh, 30=GWh
hr8771	EZ5__Mfact-ID	-	1	u16	r	0	65535	-	HR48772: EZ5 Hersteller-Identifikation
hr8774	EZ5_Frequenz	Hz	0.01	u16	r	0	655.35	-	HR48775: EZ5 Frequenz in 100tel Hz
hr8775	EZ5_EZ-Firmware	-	0.01	u16	r	0	650	-	HR48776: EZ5 Firmware-Version Zähler
hr8776	EZ5_Phasenfolge	-	1	u16	r	0	132	0x7FFF	HR48777: EZ5 Phasenfolge moegliche Werte: 123 oder 132
hr8777	EZ5_U_Wandler	-	1	u16	r	1	65535	-	HR48778: EZ5 Spannungswandlerverhältnis
hr8778	EZ5_I_Wandler	-	1	u16	r	1	65535	-	HR48779: EZ5 Stromwandlerverhältnis
hr8779	EZ5_SysANSWER-OK	-	1	u16	rw	0	65535	-	HR48780: EZ5 Testregister für den internen Gebrauch
hr8780	EZ5_SysAnsFail	-	1	u16	rw	0	65535	-	HR48781: EZ5 Testregister für den internen Gebrauch
hr8781	EZ5_SysZeroBack	-	1	u16	rw	0	65535	-	HR48782: EZ5 Testregister für den internen Gebrauch
hr8785	EZ5_STagDatum	-	1	u16	r	101	3112	0x7FFF	HR48786: EZ5 Lesedatum Stichtag | packed DDMM
hr8786	EZ5_STagZeit	-	1	u16	r	0	2359	0x7FFF	HR48787: EZ5 Leseuhrzeit Stichtag | packed HHMM
hr8787	EZ5_WSTag1e4	-	10000	u16	r	0	99990000	0x7FFF	HR48788: EZ5 Wirkenergie gesamt Stichtag 1 (10^4)
hr8788	EZ5_WSTag1e0	-	1	u16	r	0	9999	0x7FFF	HR48789: EZ5 Wirkenergie gesamt Stichtag 1 (10^0)
hr8789	EZ5_WSTag1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48790: EZ5 Wirkenergie gesamt Stichtag 1 (10^-3)
hr8790	EZ5_WSTag1Einh	-	1	u16	r	0	32	0x7FFF	HR48791: EZ5 Einheit Arbeit Stichtag 1, 0=MWh,1=kWh,30=GWh
hr8791	EZ5_STag1Jahr	-	1	u16	r	1990	2099	0x7FFF	HR48792: EZ5 Jahr Stichtag 1
hr8792	EZ5_STag1Datum	-	1	u16	r	101	3112	0x7FFF	HR48793: EZ5 Datum Stichtag 1 | packed DDMM
hr8797	EZ5_WSTag2e4	-	10000	u16	r	0	99990000	0x7FFF	HR48798: EZ5 Wirkenergie Stichtag 2 (10^4)
hr8798	EZ5_WSTag2e0	-	1	u16	r	0	9999	0x7FFF	HR48799: EZ5 Wirkenergie Stichtag 2 (10^0)
hr8799	EZ5_WSTag2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48800: EZ5 Wirkenergie Stichtag 2 (10^-3)
hr8800	EZ5_WSTag2Einh	-	1	u16	r	0	32	0x7FFF	HR48801: EZ5 Einheit Arbeit Stichtag 2, 0=MWh,1=kWh,30=GWh
hr8801	EZ5_STag2Jahr	-	1	u16	r	1990	2099	0x7FFF	HR48802: EZ5 Jahr Stichtag 2
hr8802	EZ5_STag2Datum	-	1	u16	r	101	3112	0x7FFF	HR48803: EZ5 Datum Stichtag 2 | packed DDMM
hr8803	EZ5_Pe4_Phase1	-	10000	u16	r	0	99990000	0x7FFF	HR48804: EZ5 Wirkleistung in Phase 1 (10^4)
hr8804	EZ5_Pe0_Phase1	-	1	u16	r	0	9999	0x7FFF	HR48805: EZ5 Wirkleistung in Phase 1 (10^0)
hr8805	EZ5_Pe-3_Phase1	-	0.001	u16	r	0	0.999	0x7FFF	HR48806: EZ5 Wirkleistung in Phase 1 (10^-3)
hr8806	EZ5_P-Ph1-Einh	-	1	u16	r	0	1	0x7FFF	HR48807: EZ5 Einheit Wirkleistung Phase 1, 0=kW, 1=MW
hr8807	EZ5_WDev1e4	-	10000	u16	r	0	99990000	0x7FFF	HR48808: EZ5 Energie Device 1 (10^4)
hr8808	EZ5_WDev1e0	-	1	u16	r	0	9999	0x7FFF	HR48809: EZ5 Energie Device 1 (10^0)
hr8809	EZ5_WDev1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48810: EZ5 Energie Device 1 (10^-3)
hr8810	EZ5_WDev1Einh	-	1	u16	r	0	32	0x7FFF	HR48811: EZ5 Einheit Arbeit Device 1, 0=MWh,1=kWh,30=GWh
hr8811	EZ5_Pe4_Phase2	-	10000	u16	r	0	99990000	0x7FFF	HR48812: EZ5 Wirkleistung in Phase 2 (10^4)
hr8812	EZ5_Pe0_Phase2	-	1	u16	r	0	9999	0x7FFF	HR48813: EZ5 Wirkleistung in Phase 2 (10^0)
hr8813	EZ5_Pe-3_Phas2	-	0.001	u16	r	0	0.999	0x7FFF	HR48814: EZ5 Wirkleistung in Phase 2 (10^-3)
hr8814	EZ5_P-Ph2-Einh	-	1	u16	r	0	1	0x7FFF	HR48815: EZ5 Einheit Wirkleistung Phase 2, 0=kW, 1=MW
hr8815	EZ5_WDev2e4	-	10000	u16	r	0	99990000	0x7FFF	HR48816: EZ5 Energie Device 2 (10^4)
hr8816	EZ5_WDev2e0	-	1	u16	r	0	9999	0x7FFF	HR48817: EZ5 Energie Device 2 (10^0)
hr8817	EZ5_WDev2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48818: EZ5 Energie Device 2 (10^-3)
hr8818	EZ5_WDev2Einh	-	1	u16	r	0	32	0x7FFF	HR48819: EZ5 Einheit Arbeit Device 2, 0=MWh,1=kWh,30=GWh
hr8819	EZ5_Pe4_Phase3	-	10000	u16	r	0	99990000	0x7FFF	HR48820: EZ5 Wirkleistung in Phase 3 (10^4)
hr8820	EZ5_Pe0_Phase3	-	1	u16	r	0	9999	0x7FFF	HR48821: EZ5 Wirkleistung in Phase 3 (10^0)
hr8821	EZ5_Pe-3_Phas3	-	0.001	u16	r	0	0.999	0x7FFF	HR48822: EZ5 Wirkleistung in Phase 3 (10^-3)
hr8822	EZ5_P-Ph3-Einh	-	1	u16	r	0	1	0x7FFF	HR48823: EZ5 Einheit Wirkleistung Phase 3, 0=kW, 1=MW
hr8823	EZ5_WTa1e4	-	10000	u16	r	0	99990000	0x7FFF	HR48824: EZ5 Energie Tarif 1 (10^4)
hr8824	EZ5_WTa1e0	-	1	u16	r	0	9999	0x7FFF	HR48825: EZ5 Energie Tarif 1 (10^0)
hr8825	EZ5_WTa1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48826: EZ5 Energie Tarif 1 (10^-3)
hr8826	EZ5_WTa1Einh	-	1	u16	r	0	32	0x7FFF	HR48827: EZ5 Einheit Arbeit Tarif 1, 0=MWh,1=kWh,30=GWh
hr8827	EZ5_S_Syse4	-	10000	u16	r	0	99990000	0x7FFF	HR48828: EZ5 Scheinleistung Sys (10^4)
hr8828	EZ5_S_Syse0	-	1	u16	r	0	9999	0x7FFF	HR48829: EZ5 Scheinleistung Sys  (10^0)
hr8829	EZ5_S_Syse-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48830: EZ5 Scheinleistung Sys  (10^-3)
hr8830	EZ5_S_SysEinh	-	1	u16	r	0	1	0x7FFF	HR48831: EZ5 Scheinleistung Einheit, 0=kVAh, 1=MVAh
hr8831	EZ5_WTa2e4	-	10000	u16	r	0	99990000	0x7FFF	HR48832: EZ5 Energie Tarif 2 (10^4)
hr8832	EZ5_WTa2e0	-	1	u16	r	0	9999	0x7FFF	HR48833: EZ5 Energie Tarif 2 (10^0)
hr8833	EZ5_WTa2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48834: EZ5 Energie Tarif 2 (10^-3)
hr8834	EZ5_WTa2Einh	-	1	u16	r	0	32	0x7FFF	HR48835: EZ5 Einheit Energie Tarif 2, 0=MWh,1=kWh,30GWh
hr8835	EZ5_Q_Syse4	-	10000	u16	r	0	99990000	0x7FFF	HR48836: EZ5 Blindleistung Sys (10^4)
hr8836	EZ5_Q_Syse0	-	1	u16	r	0	9999	0x7FFF	HR48837: EZ5 Blindleistung Sys (10^0)
hr8837	EZ5_Q_Syse-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48838: EZ5 Blindleistung Sys (10^-3)
hr8838	EZ5_Q_SysEinh	-	1	u16	r	0	1	0x7FFF	HR48839: EZ5 Einheit Blindleistung Sys, 0=kvarh, 1=Mvarh
hr8839	EZ5_SysIDHB	-	1	u16	r	0	9999	0x7FFF	HR48840: EZ5 Identnummer obere 4 Stellen
hr8840	EZ5_SysIDLB	-	1	u16	r	0	9999	0x7FFF	HR48841: EZ5 Identnummer untere 4 Stellen
hr8841	5W_Bezug_ph1e4	-	10000000	u16	r	0	99990000000	0x7FFF	HR48842: EZ5 Wirkenergie Bezug Phase 1 (10^4)
hr8842	5W_Bezug_ph1e0	-	10000	u16	r	0	99990000	0x7FFF	HR48843: EZ5 Wirkenergie Bezug Phase 1 (10^0)
hr8843	5W_Bezug_ph1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48844: EZ5 Wirkenergie Bezug Phase 1 (10^-3)
hr8844	5W_Bezug_ph1Ein	-	1	u16	r	0	32	0x7FFF	HR48845: EZ5 Einheit PWirk Bezug Phase1, 0=MWh,1=kWh,30=GWh
hr8845	5W_Bezug_ph2e4	-	10000000	u16	r	0	99990000000	0x7FFF	HR48846: EZ5 Wirkenergie Bezug Phase 2 (10^4)
hr8846	5W_Bezug_ph2e0	-	10000	u16	r	0	99990000	0x7FFF	HR48847: EZ5 Wirkenergie Bezug Phase 2 (10^0)
hr8847	5W_Bezug_ph2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48848: EZ5 Wirkenergie Bezug Phase 2 (10^-3)
hr8848	5W_Bezug_ph2Ein	-	1	u16	r	0	32	0x7FFF	HR48849: EZ5 Einheit PWirk Bezug Phase2, 0=MWh,1=kWh,30=GWh
hr8849	5W_Bezug_ph3e4	-	10000000	u16	r	0	99990000000	0x7FFF	HR48850: EZ5 Wirkenergie Bezug Phase 3 (10^4)
hr8850	5W_Bezug_ph3e0	-	10000	u16	r	0	99990000	0x7FFF	HR48851: EZ5 Wirkenergie Bezug Phase 3 (10^0)
hr8851	5W_Bezug_ph3e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48852: EZ5 Wirkenergie Bezug Phase 3 (10^-3)
hr8852	5W_Bezug_ph3Ein	-	1	u16	r	0	32	0x7FFF	HR48853: EZ5 Einheit PWirk Bezug Phase3, 0=MWh,1=kWh,30=GWh
hr8853	5W_Liefg_gese4	-	10000000	u16	r	0	99990000000	0x7FFF	HR48854: EZ5 Wirkenergie Lieferung gesamt (10^4)
hr8854	5W_Liefg_gese0	-	10000	u16	r	0	99990000	0x7FFF	HR48855: EZ5 Wirkenergie Lieferung gesamt  (10^0)
hr8855	5W_Liefg_gese-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48856: EZ5 Wirkenergie Lieferung gesamt  (10^-3)
hr8856	5W_Liefg_gesEin	-	1	u16	r	0	32	0x7FFF	HR48857: EZ5 Einheit PWirk Lieferung ge. 0=MWh,1=kWh,30=GWh
hr8857	EZ5_PDev1Nr1e4	-	10000	u16	r	0	99990000	0x7FFF	HR48858: EZ5 Pmax für Dev1StorNr1 (10^4)
hr8858	EZ5_PDev1Nr1e0	-	1	u16	r	0	9999	0x7FFF	HR48859: EZ5 Pmax für Dev1StorNr1 (10^0)
hr8859	EZ5_PDev1Nr1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48860: EZ5 Pmax für Dev1StorNr1 (10^-3)
hr8860	EZ5_PDev1Nr1Einh	-	1	u16	r	0	1	0x7FFF	HR48861: EZ5 Einheit PmaxDev1StorNr1, 0=kW, 1=MW
hr8861	EZ5_Dev1Nr1Jahr	-	1	u16	r	1990	2099	0x7FFF	HR48862: EZ5 Jahr für Dev1maxStorNr1
hr8862	EZ5_Dev1Nr1Datum	-	1	u16	r	101	3112	0x7FFF	HR48863: EZ5 Datum für Dev1maxStorNr1 | packed DDMM
hr8863	EZ5_Dev1Nr1Zeit	-	1	u16	r	0	2359	0x7FFF	HR48864: EZ5 Uhrzeit für Dev1maxStorNr1 | packed HHMM
hr8864	EZ5_Pmaxe4	-	10000	u16	r	0	99990000	0x7FFF	HR48865: EZ5 Leistung max (10^4)
hr8865	EZ5_Pmaxe0	-	1	u16	r	0	9999	0x7FFF	HR48866: EZ5 Leistung max (10^0)
hr8866	EZ5_Pmaxe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48867: EZ5 Leistung max (10^-3)
hr8867	EZ5_PmaxEinh	-	1	u16	r	0	1	0x7FFF	HR48868: EZ5 Einheit Leistung max, 0=kW, 1=MW
hr8868	5W_Liefg_ph1e4	-	10000000	u16	r	0	99990000000	0x7FFF	HR48869: EZ5 Wirkenergie Lieferung Phase 1 (10^4)
hr8869	5W_Liefg_ph1e0	-	10000	u16	r	0	99990000	0x7FFF	HR48870: EZ5 Wirkenergie Lieferung Phase 1 (10^0)
hr8870	5W_Liefg_ph1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48871: EZ5 Wirkenergie Lieferung Phase 1 (10^-3)
hr8871	5W_Liefg_ph1Ein	-	1	u16	r	0	32	0x7FFF	HR48872: EZ5 Einheit PWirk Liefg. Ph.1, 0=MWh,1=kWh,30=GWh
hr8872	5W_Liefg_ph2e4	-	10000000	u16	r	0	99990000000	0x7FFF	HR48873: EZ5 Wirkenergie Lieferung Phase 2 (10^4)
hr8873	5W_Liefg_ph2e0	-	10000	u16	r	0	99990000	0x7FFF	HR48874: EZ5 Wirkenergie Lieferung Phase 2 (10^0)
hr8874	5W_Liefg_ph2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48875: EZ5 Wirkenergie Lieferung Phase 2 (10^-3)
hr8875	5W_Liefg_ph2Ein	-	1	u16	r	0	32	0x7FFF	HR48876: EZ5 Einheit PWirk Liefg. Ph.2, 0=MWh,1=kWh,30=GWh
hr8876	5W_Liefg_ph3e4	-	10000000	u16	r	0	99990000000	0x7FFF	HR48877: EZ5 Wirkenergie Lieferung Phase 3 (10^4)
hr8877	5W_Liefg_ph3e0	-	10000	u16	r	0	99990000	0x7FFF	HR48878: EZ5 Wirkenergie Lieferung Phase 3 (10^0)
hr8878	5W_Liefg_ph3e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48879: EZ5 Wirkenergie Lieferung Phase 3 (10^-3)
hr8879	5W_Liefg_ph3Ein	-	1	u16	r	0	32	0x7FFF	HR48880: EZ5 Einheit PWirk Liefg. Ph.3, 0=MWh,1=kWh,30=GWh
hr8880	EZ5_SysSlaveadr	-	1	u16	r	0	255	0x7FFF	HR48881: EZ5 echte WMZ-Adresse nach Zählerantwort
hr8881	EZ5_WTa3e4	-	10000	u16	r	0	99990000	0x7FFF	HR48882: EZ5 Energie Tarif 3 (10^4)
hr8882	EZ5_WTa3e0	-	1	u16	r	0	9999	0x7FFF	HR48883: EZ5 Energie Tarif 3 (10^0)
hr8883	EZ5_WTa3e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48884: EZ5 Energie Tarif 3 (10^-3)
hr8884	EZ5_WTa3Einh	-	1	u16	r	0	32	0x7FFF	HR48885: EZ5 Einheit Energie Tarif 3, 0=MWh,1=kWh,30=GWh
hr8885	EZ5_WTa4e4	-	10000	u16	r	0	99990000	0x7FFF	HR48886: EZ5 Energie Tarif 4 (10^4)
hr8886	EZ5_WTa4e0	-	1	u16	r	0	9999	0x7FFF	HR48887: EZ5 Energie Tarif 4 (10^0)
hr8887	EZ5_WTa4e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48888: EZ5 Energie Tarif 4 (10^-3)
hr8888	EZ5_WTa4Einh	-	1	u16	r	0	32	0x7FFF	HR48889: EZ5 Einheit Energie Tarif 4, 0=MWh,1=kWh,30=GWh
hr8889	EZ5_I_3phas	-	1	s16	r	-32768	32767	-	HR48890: EZ5 Stromstärke 3-phasig
hr8890	EZ5_I_Phase_1	-	1	s16	r	-32768	32767	-	HR48891: EZ5 Stromstärke Phase 1
hr8891	EZ5_I_Phase_2	-	1	s16	r	-32768	32767	-	HR48892: EZ5 Stromstärke Phase 2
hr8892	EZ5_I_Phase_3	-	1	s16	r	-32768	32767	-	HR48893: EZ5 Stromstärke Phase 3
hr8893	EZ5_I_neutral	-	1	s16	r	-32768	32767	-	HR48894: EZ5 Stromstärke neutral
hr8894	EZ5_I_Einheit	-	1	u16	r	0	3	0x7FFF	HR48895: EZ5 Stromstärken Einheit, 0=A, 3=A
hr8895	EZ5_tErrore3	h	1000	u16	r	0	9999000	0x7FFF	HR48896: EZ5 Fehlerzeit x 10^3 in Stunden
hr8896	EZ5_tErrore0	h	1	u16	r	0	999	0x7FFF	HR48897: EZ5 Fehlerzeit x 10^0 in Stunden
hr8897	EZ5_ANZ_U_AUSFe4	-	1	u16	r	0	65535	-	HR48898: EZ5 Anzahl der Spannungsausfaelle (10^4)
hr8898	EZ5_ANZ_U_AUSFe0	-	1	u16	r	0	65535	-	HR48899: EZ5 Anzahl der Spannungsausfaelle (10^0)
hr8899	EZ5_WMZJahr	-	1	u16	r	1990	2099	0x7FFF	HR48900: EZ5 Jahr
hr8900	EZ5_WMZDatum	-	1	u16	r	101	3112	0x7FFF	HR48901: EZ5 Datum | packed DDMM
hr8901	EZ5_WMZZeit	-	1	u16	r	0	2359	0x7FFF	HR48902: EZ5 Zeit | packed HHMM
hr8902	EZ5_WSTag3e4	-	10000	u16	r	0	99990000	0x7FFF	HR48903: EZ5 Wirkenergie gesamt Stichtag 3 (10^4)
hr8903	EZ5_WSTag3e0	-	1	u16	r	0	9999	0x7FFF	HR48904: EZ5 Wirkenergie gesamt Stichtag 3 (10^0)
hr8904	EZ5_WSTag3e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR48905: EZ5 Wirkenergie gesamt Stichtag 3 (10^-3)
hr8905	EZ5_WSTag3Einh	-	1	u16	r	0	32	0x7FFF	HR48906: EZ5 Einheit Arbeit Stichtag 3, 0=MWh,1=kWh,30=GWh
hr8906	EZ5_STag3Jahr	-	1	u16	r	1990	2099	0x7FFF	HR48907: EZ5 Jahr Stichtag 3
hr8907	EZ5_STag3Datum	-	1	u16	r	101	3112	0x7FFF	HR48908: EZ5 Datum Stichtag 3 | packed DDMM
hr8999	6SysWMZFLAG	-	1	u16	r	0	32767	-	HR49000: WMZ6 Betriebszustand
hr9000	6SysFSR	-	1	u16	r	0	32767	-	HR49001: WMZ6 Fehlerstatus-Register
hr9001	6VDatum	-	1	u16	r	101	3112	0x7FFF	HR49002: WMZ6 Lesedatum Volumen | packed DDMM
hr9002	6VZeit	-	1	u16	r	0	2359	0x7FFF	HR49003: WMZ6 Leseuhrzeit Volumen | packed HHMM
hr9003	6tBtre3	-	1	u16	r	0	65535	-	HR49004: WMZ6 Betriebszeit x 10^3
hr9004	6tBtre0	-	1	u16	r	0	65535	-	HR49005: WMZ6 Betriebszeit x 10^0
hr9005	6Qe4	-	10000	u16	r	0	99990000	0x7FFF	HR49006: WMZ6 Durchfluß (10^4)
hr9006	6Qe0	-	1	u16	r	0	9999	0x7FFF	HR49007: WMZ6 Durchfluß (10^0)
hr9007	6Qe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR49008: WMZ6 Durchfluß (10^-3)
hr9008	6QEinh	-	1	u16	r	0	1	0x7FFF	HR49009: WMZ6 Einheit Durchfluß, 0=m³/h, 1=l/h
hr9009	6Ve4	-	10000	u16	r	0	99990000	0x7FFF	HR49010: WMZ6 Volumen (10^4)
hr9010	6Ve0	-	1	u16	r	0	9999	0x7FFF	HR49011: WMZ6 Volumen (10^0)
hr9011	6Ve-3	-	0.001	u16	r	0	0.999	0x7FFF	HR49012: WMZ6 Volumen (10^-3)
hr9012	6VEinh	-	1	u16	r	0	1	0x7FFF	HR49013: WMZ6 Einheit Volumen, 0=m³, 1=l
hr9013	6Pe4	-	10000	u16	r	0	99990000	0x7FFF	HR49014: WMZ6 Leistung (10^4)
hr9014	6Pe0	-	1	u16	r	0	9999	0x7FFF	HR49015: WMZ6 Leistung (10^0)
hr9015	6Pe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR49016: WMZ6 Leistung (10^-3)
hr9016	6PEinh	-	1	u16	r	0	1	0x7FFF	HR49017: WMZ6 Einheit Leistung, 0=kW, 1=MW
hr9017	6We4	-	10000	u16	r	0	99990000	0x7FFF	HR49018: WMZ6 Arbeit (10^4)
hr9018	6We0	-	1	u16	r	0	9999	0x7FFF	HR49019: WMZ6 Arbeit (10^0)
hr9019	6We-3	-	0.001	u16	r	0	0.999	0x7FFF	HR49020: WMZ6 Arbeit (10^-3)
hr9020	6WEinh	-	1	u16	r	0	2	0x7FFF	HR49021: WMZ6 Einheit Arbeit, 0=MWh, 1=kWh, 2=GJ
hr9021	6_Hersteller-ID	-	1	u16	r	0	65535	-	HR49022: WMZ6 Hersteller-Identifikation
hr9022	6VLe0	-	1	u16	r	0	200	0x7FFF	HR49023: WMZ6 Vorlauftemperatur (10^0)
hr9023	6VLe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR49024: WMZ6 Vorlauftemperatur (10^-3)
hr9024	6VLEinh	-	1	u16	r	0	1	0x7FFF	HR49025: WMZ6 Einheit Vorlauftemperatur, 0=°C
hr9025	6_WMZ-Firmware	-	0.01	u16	r	0	650	-	HR49026: WMZ6 Firmware-Version Zähler
hr9026	6RLe0	-	1	u16	r	0	200	0x7FFF	HR49027: WMZ6 Rücklauftemperatur (10^0)
hr9027	6RLe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR49028: WMZ6 Rücklauftemperatur (10^-3)
hr9028	6RLEinh	-	1	u16	r	0	1	0x7FFF	HR49029: WMZ6 Einheit Rücklauftemperatur, 0=°C
hr9029	6SysANSWER-OK	-	1	u16	rw	0	65535	-	HR49030: WMZ6 Testregister für den internen Gebrauch
hr9030	6SysAnsFail	-	1	u16	rw	0	65535	-	HR49031: WMZ6 Testregister für den internen Gebrauch
hr9031	6SysZeroBack	-	1	u16	rw	0	65535	-	HR49032: WMZ6 Testregister für den internen Gebrauch
hr9035	6STagDatum	-	1	u16	r	101	3112	0x7FFF	HR49036: WMZ6 Lesedatum Stichtag | packed DDMM
hr9036	6STagZeit	-	1	u16	r	0	2359	0x7FFF	HR49037: WMZ6 Leseuhrzeit Stichtag | packed HHMM
hr9037	6WSTag1e4	-	10000	u16	r	0	99990000	0x7FFF	HR49038: WMZ6 Arbeit Stichtag1 (10^4)
hr9038	6WSTag1e0	-	1	u16	r	0	9999	0x7FFF	HR49039: WMZ6 Arbeit Stichtag1 (10^0)
hr9039	6WSTag1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR49040: WMZ6 Arbeit Stichtag1 (10^-3)
hr9040	6WSTag1Einh	-	1	u16	r	0	2	0x7FFF	HR49041: WMZ6 Einheit Arbeit Stichtag 1,0=MWh,1=kWh,2=GJ
hr9041	6STag1Jahr	-	1	u16	r	1990	2099	0x7FFF	HR49042: WMZ6 Jahr Stichtag 1
hr9042	6STag1Datum	-	1	u16	r	101	3112	0x7FFF	HR49043: WMZ6 Datum Stichtag 1 | packed DDMM
hr9043	6VSTag1e4	-	10000	u16	r	0	99990000	0x7FFF	HR49044: WMZ6 Volumen Stichtag1 (10^4)
hr9044	6VSTag1e0	-	1	u16	r	0	9999	0x7FFF	HR49045: WMZ6 Volumen Stichtag1 (10^0)
hr9045	6VSTag1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR49046: WMZ6 Volumen Stichtag1 (10^-3)
hr9046	6VSTag1Einh	-	1	u16	r	0	1	0x7FFF	HR49047: WMZ6 Einheit Volumen Stichtag1, 0=m³, 1=l
hr9047	6WSTag2e4	-	10000	u16	r	0	99990000	0x7FFF	HR49048: WMZ6 Arbeit Stichtag2 (10^4)
hr9048	6WSTag2e0	-	1	u16	r	0	9999	0x7FFF	HR49049: WMZ6 Arbeit Stichtag2 (10^0)
hr9049	6WSTag2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR49050: WMZ6 Arbeit Stichtag2 (10^-3)
hr9050	6WSTag2Einh	-	1	u16	r	0	2	0x7FFF	HR49051: WMZ6 Einheit Arbeit Stichtag 2,0=MWh,1=kWh,2=GJ
hr9051	6STag2Jahr	-	1	u16	r	1990	2099	0x7FFF	HR49052: WMZ6 Jahr Stichtag2
hr9052	6STag2Datum	-	1	u16	r	101	3112	0x7FFF	HR49053: WMZ6 Datum Stichtag2 | packed DDMM
hr9053	6VSTag2e4	-	10000	u16	r	0	99990000	0x7FFF	HR49054: WMZ6 Volumen Stichtag2 (10^4)
hr9054	6VSTag2e0	-	1	u16	r	0	9999	0x7FFF	HR49055: WMZ6 Volumen Stichtag2 (10^0)
hr9055	6VSTag2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR49056: WMZ6 Volumen Stichtag2 (10^-3)
hr9056	6VSTag2Einh	-	1	u16	r	0	1	0x7FFF	HR49057: WMZ6 Einheit Volumen Stichtag2, 0=m³, 1=l
hr9057	6WDev1e4	-	10000	u16	r	0	99990000	0x7FFF	HR49058: WMZ6 Arbeit Device1 (10^4)
hr9058	6WDev1e0	-	1	u16	r	0	9999	0x7FFF	HR49059: WMZ6 Arbeit Device1 (10^0)
hr9059	6WDev1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR49060: WMZ6 Arbeit Device1 (10^-3)
hr9060	6WDev1Einh	-	1	u16	r	0	2	0x7FFF	HR49061: WMZ6 Device1-Arbeit Einheit,0=MWh,1=kWh,2=GJ
hr9061	6VDev1e4	-	10000	u16	r	0	99990000	0x7FFF	HR49062: WMZ6 Volumen Device1 (10^4)
hr9062	6VDev1e0	-	1	u16	r	0	9999	0x7FFF	HR49063: WMZ6 Volumen Device1 (10^0)
hr9063	6VDev1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR49064: WMZ6 Volumen Device1 (10^-3)
hr9064	6VDev1Einh	-	1	u16	r	0	1	0x7FFF	HR49065: WMZ6 Einheit Volumen Device1, 0=m³, 1=l
hr9065	6WDev2e4	-	10000	u16	r	0	99990000	0x7FFF	HR49066: WMZ6 Arbeit Device2 (10^4)
hr9066	6WDev2e0	-	1	u16	r	0	9999	0x7FFF	HR49067: WMZ6 Arbeit Device2 (10^0)
hr9067	6WDev2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR49068: WMZ6 Arbeit Device2 (10^-3)
hr9068	6WDev2Einh	-	1	u16	r	0	2	0x7FFF	HR49069: WMZ6 Einheit Arbeit Device2,0=MWh,1=kWh,2=GJ
hr9069	6VDev2e4	-	10000	u16	r	0	99990000	0x7FFF	HR49070: WMZ6 Volumen Device2 (10^4)
hr9070	6VDev2e0	-	1	u16	r	0	9999	0x7FFF	HR49071: WMZ6 Volumen Device2 (10^0)
hr9071	6VDev2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR49072: WMZ6 Volumen Device2 (10^-3)
hr9072	6VDev2Einh	-	1	u16	r	0	1	0x7FFF	HR49073: WMZ6 Einheit Volumen Device2, 0=m³, 1=l
hr9073	6WTa1e4	-	10000	u16	r	0	99990000	0x7FFF	HR49074: WMZ6 Arbeit Tarif1 (10^4)
hr9074	6WTa1e0	-	1	u16	r	0	9999	0x7FFF	HR49075: WMZ6 Arbeit Tarif1 (10^0)
hr9075	6WTa1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR49076: WMZ6 Arbeit Tarif1 (10^-3)
hr9076	6WTa1Einh	-	1	u16	r	0	2	0x7FFF	HR49077: WMZ6 Einheit Arbeit Tarif1,0=MWh,1=kWh,2=GJ
hr9077	6VTa1e4	-	10000	u16	r	0	99990000	0x7FFF	HR49078: WMZ6 Volumen Tarif1 (10^4)
hr9078	6VTa1e0	-	1	u16	r	0	9999	0x7FFF	HR49079: WMZ6 Volumen Tarif1 (10^0)
hr9079	6VTa1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR49080: WMZ6 Volumen Tarif1 (10^-3)
hr9080	6VTa1Einh	-	1	u16	r	0	1	0x7FFF	HR49081: WMZ6 Einheit Volumen Tarif1, 0=m³, 1=l
hr9081	6WTa2e4	-	10000	u16	r	0	99990000	0x7FFF	HR49082: WMZ6 Arbeit Tarif2 (10^4)
hr9082	6WTa2e0	-	1	u16	r	0	9999	0x7FFF	HR49083: WMZ6 Arbeit Tarif2 (10^0)
hr9083	6WTa2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR49084: WMZ6 Arbeit Tarif2 (10^-3)
hr9084	6WTa2Einh	-	1	u16	r	0	2	0x7FFF	HR49085: WMZ6 Einheit Arbeit Tarif2,0=MWh,1=kWh,2=GJ
hr9085	6VTa2e4	-	10000	u16	r	0	99990000	0x7FFF	HR49086: WMZ6 Volumen Tarif2 (10^4)
hr9086	6VTa2e0	-	1	u16	r	0	9999	0x7FFF	HR49087: WMZ6 Volumen Tarif2 (10^0)
hr9087	6VTa2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR49088: WMZ6 Volumen Tarif2 (10^-3)
hr9088	6VTa2Einh	-	1	u16	r	0	1	0x7FFF	HR49089: WMZ6 Einheit Volumen Tarif2, 0=m³, 1=l
hr9089	6SysIDHB	-	1	u16	r	0	9999	0x7FFF	HR49090: WMZ6 Identnummer obere 4 Stellen
hr9090	6SysIDLB	-	1	u16	r	0	9999	0x7FFF	HR49091: WMZ6 Identnummer untere 4 Stellen
hr9091	6Dev1HCAe7	-	10000000	u16	r	0	99990000000	0x7FFF	HR49092: WMZ6 Device 1 Zählen ohne Einheit (10^7)
hr9092	6Dev1HCAe4	-	10000	u16	r	0	99990000	0x7FFF	HR49093: WMZ6 Device 1 Zählen ohne Einheit (10^4)
hr9093	6Dev1HCAe0	-	0.001	u16	r	0	0.999	0x7FFF	HR49094: WMZ6 Device 1 Zählen ohne Einheit (10^0)
hr9094	6Dev2HCAe7	-	10000000	u16	r	0	99990000000	0x7FFF	HR49095: WMZ6 Device 2 Zählen ohne Einheit (10^7)
hr9095	6Dev2HCAe4	-	10000	u16	r	0	99990000	0x7FFF	HR49096: WMZ6 Device 2 Zählen ohne Einheit (10^4)
hr9096	6Dev2HCAe0	-	0.001	u16	r	0	0.999	0x7FFF	HR49097: WMZ6 Device 2 Zählen ohne Einheit (10^0)
hr9097	6Dev3HCAe7	-	10000000	u16	r	0	99990000000	0x7FFF	HR49098: WMZ6 Device 3 Zählen ohne Einheit (10^7)
hr9098	6Dev3HCAe4	-	10000	u16	r	0	99990000	0x7FFF	HR49099: WMZ6 Device 3 Zählen ohne Einheit (10^4)
hr9099	6Dev3HCAe0	-	0.001	u16	r	0	0.999	0x7FFF	HR49100: WMZ6 Device 3 Zählen ohne Einheit (10^0)
hr9100	6QDev1Nr5e4	-	10000	u16	r	0	99990000	0x7FFF	HR49101: WMZ6 Qmax Dev1 Speichernr5 10^4
hr9101	6QDev1Nr5e0	-	1	u16	r	0	9999	0x7FFF	HR49102: WMZ6 Qmax Dev1 Speichernr5 10^0
hr9102	6QDev1Nr5e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR49103: WMZ6 Qmax Dev1 Speichernr5 10^-3
hr9103	6QDev1Nr5Einh	-	1	u16	r	0	1	0x7FFF	HR49104: WMZ6 Einheit Q_maxDev1Spnr5,0=m³/h,1=l/h
hr9104	6Dev1Nr5Jahr	-	1	u16	r	1990	2099	0x7FFF	HR49105: WMZ6 Jahr für Dev1maxStorNr5
hr9105	6Dev1Nr5Datum	-	1	u16	r	101	3112	0x7FFF	HR49106: WMZ6 Datum für Dev1maxStorNr5 | packed DDMM
hr9106	6Dev1Nr5Zeit	-	1	u16	r	0	2359	0x7FFF	HR49107: WMZ6 Uhrzeit für Dev1maxStorNr5 | packed HHMM
hr9107	6PDev1Nr1e4	-	10000	u16	r	0	99990000	0x7FFF	HR49108: WMZ6 Pmax für Dev1StorNr1 (10^4)
hr9108	6PDev1Nr1e0	-	1	u16	r	0	9999	0x7FFF	HR49109: WMZ6 Pmax für Dev1StorNr1 (10^0)
hr9109	6PDev1Nr1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR49110: WMZ6 Pmax für Dev1StorNr1 (10^-3)
hr9110	6PDev1Nr1Einh	-	1	u16	r	0	1	0x7FFF	HR49111: WMZ6 Einheit PmaxDev1StorNr1, 0=kW, 1=MW
hr9111	6Dev1Nr1Jahr	-	1	u16	r	1990	2099	0x7FFF	HR49112: WMZ6 Jahr für Dev1maxStorNr1
hr9112	6Dev1Nr1Datum	-	1	u16	r	101	3112	0x7FFF	HR49113: WMZ6 Datum für Dev1maxStorNr1 | packed DDMM
hr9113	6Dev1Nr1Zeit	-	1	u16	r	0	2359	0x7FFF	HR49114: WMZ6 Uhrzeit für Dev1maxStorNr1 | packed HHMM
hr9114	6Pmaxe4	-	10000	u16	r	0	99990000	0x7FFF	HR49115: WMZ6 Leistung max (10^4)
hr9115	6Pmaxe0	-	1	u16	r	0	9999	0x7FFF	HR49116: WMZ6 Leistung max (10^0)
hr9116	6Pmaxe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR49117: WMZ6 Leistung max (10^-3)
hr9117	6PmaxEinh	-	1	u16	r	0	1	0x7FFF	HR49118: WMZ6 Einheit Leistung max, 0=kW, 1=MW
hr9118	6Qmaxe4	-	10000	u16	r	0	99990000	0x7FFF	HR49119: WMZ6 Durchfluß max (10^4)
hr9119	6Qmaxe0	-	1	u16	r	0	9999	0x7FFF	HR49120: WMZ6 Durchfluß max (10^0)
hr9120	6Qmaxe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR49121: WMZ6 Durchfluß max (10^-3)
hr9121	6QmaxEinh	-	1	u16	r	0	1	0x7FFF	HR49122: WMZ6 Einheit Durchfluß max,0=m³/h,1=l/h
hr9123	6VLmaxe0	-	1	u16	r	0	200	0x7FFF	HR49124: WMZ6 Vorlauftemperatur max (10^0)
hr9124	6VLmaxe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR49125: WMZ6 Vorlauftemperatur max (10^-3)
hr9125	6VLmaxEinh	-	1	u16	r	0	1	0x7FFF	HR49126: WMZ6 Einheit Vorlauftemperatur max, 0=°C
hr9127	6RLmaxe0	-	1	u16	r	0	200	0x7FFF	HR49128: WMZ6 Rücklauftemperatur max (10^0)
hr9128	6RLmaxe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR49129: WMZ6 Rücklauftemperatur max (10^-3)
hr9129	6RLmaxEinh	-	1	u16	r	0	1	0x7FFF	HR49130: WMZ6 Einheit Rücklauftemperatur max, 0=°C
hr9130	6SysSlaveadr	-	1	u16	r	0	255	0x7FFF	HR49131: WMZ6 echte WMZ-Adresse nach Zählerantwort
hr9131	6DeltaTe0	-	1	u16	r	0	200	0x7FFF	HR49132: WMZ6 Differenz (Vorlauf-Rücklauf) (10^0)
hr9132	6DeltaTe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR49133: WMZ6 Differenz (Vorlauf-Rücklauf) (10^-3)
hr9133	6VTa3e4	-	10000	u16	r	0	99990000	0x7FFF	HR49134: WMZ6 Volumen Tarif3 (10^4)
hr9134	6VTa3e0	-	1	u16	r	0	9999	0x7FFF	HR49135: WMZ6 Volumen Tarif3 (10^0)
hr9135	6VTa3e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR49136: WMZ6 Volumen Tarif3 (10^-3)
hr9136	6VTa3Einh	-	1	u16	r	0	1	0x7FFF	HR49137: WMZ6 Einheit Volumen Tarif3, 0=m³, 1=l
hr9137	6PTa1Nr24e4	-	10000	u16	r	0	99990000	0x7FFF	HR49138: WMZ6 P Tarif1StorNr24 (10^4)
hr9138	6PTa1Nr24e0	-	1	u16	r	0	9999	0x7FFF	HR49139: WMZ6 P Tarif1StorNr24 (10^0)
hr9139	6PTa1Nr24e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR49140: WMZ6 P Tarif1StorNr24 (10^-3)
hr9140	6PTa1Nr24Einh	-	1	u16	r	0	1	0x7FFF	HR49141: WMZ6 Einheit PTarif1StorNr24, 0=kW, 1=MW
hr9141	6QTa1Nr24e4	-	10000	u16	r	0	99990000	0x7FFF	HR49142: WMZ6 Q Tarif1StorNr24 (10^4)
hr9142	6QTa1Nr24e0	-	1	u16	r	0	9999	0x7FFF	HR49143: WMZ6 Q Tarif1StorNr24 (10^0)
hr9143	6QTa1Nr24e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR49144: WMZ6 Q Tarif1StorNr24 (10^-3)
hr9144	6QTa1Nr24Einh	-	1	u16	r	0	1	0x7FFF	HR49145: WMZ6 EinheitQTarif1StorNr24,0=m³/h,1=l/h
hr9145	6tErrore3	h	1000	u16	r	0	9999000	0x7FFF	HR49146: WMZ6 Fehlerzeit x 10^3 in Stunden
hr9146	6tErrore0	h	1	u16	r	0	999	0x7FFF	HR49147: WMZ6 Fehlerzeit x 10^0 in Stunden
hr9147	6tInfoe3	-	1	u16	r	0	1	0x7FFF	HR49148: WMZ6 Info (10^3)
hr9148	6tInfoe0	-	1	u16	r	0	1	0x7FFF	HR49149: WMZ6 Info (10^0)
hr9149	6WMZJahr	-	1	u16	r	1990	2099	0x7FFF	HR49150: WMZ6 Jahr
hr9150	6WMZDatum	-	1	u16	r	101	3112	0x7FFF	HR49151: WMZ6 Datum | packed DDMM
hr9151	6WMZZeit	-	1	u16	r	0	2359	0x7FFF	HR49152: WMZ6 Zeit | packed HHMM
hr9152	6WSTag3e4	-	10000	u16	r	0	99990000	0x7FFF	HR49153: WMZ6 Arbeit Stichtag3 (10^4)
hr9153	6WSTag3e0	-	1	u16	r	0	9999	0x7FFF	HR49154: WMZ6 Arbeit Stichtag3 (10^0)
hr9154	6WSTag3e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR49155: WMZ6 Arbeit Stichtag3 (10^-3)
hr9155	6WSTag3Einh	-	1	u16	r	0	32	0x7FFF	HR49156: WMZ6 Einheit Arbeit Stichtag 3, 0=MWh,1=kWh,2=GJ
hr9156	6STag3Jahr	-	1	u16	r	1990	2099	0x7FFF	HR49157: WMZ6 Jahr Stichtag3
hr9157	6STag3Datum	-	1	u16	r	101	3112	0x7FFF	HR49158: WMZ6 Datum Stichtag3 | packed DDMM
hr9249	EZ6_SysWMZFLAG	-	1	u16	r	0	32767	-	HR49250: EZ6 Betriebszustand
hr9250	EZ6_SysFSR	-	1	u16	r	0	32767	-	HR49251: EZ6 Fehlerstatus-Register
hr9251	EZ6_VDatum	-	1	u16	r	101	3112	0x7FFF	HR49252: EZ6 Lesedatum Energie | packed DDMM
hr9252	EZ6_VZeit	-	1	u16	r	0	2359	0x7FFF	HR49253: EZ6 Leseuhrzeit Energie | packed HHMM
hr9253	EZ6_tBtre3	-	1	u16	r	0	65535	-	HR49254: EZ6 Betriebszeit x 10^3
hr9254	EZ6_tBtre0	-	1	u16	r	0	65535	-	HR49255: EZ6 Betriebszeit x 10^0
hr9255	EZ6_U_3phas	V	1	u16	r	0	9999	0x7FFF	HR49256: EZ6 Spannung 3-phasig in ganzen Volt
hr9256	EZ6_U1	V	1	u16	r	0	9999	0x7FFF	HR49257: EZ6 Spannung Phase 1 in ganzen Volt
hr9257	EZ6_U2	V	1	u16	r	0	9999	0x7FFF	HR49258: EZ6 Spannung Phase 2 in ganzen Volt
hr9258	EZ6_U3	V	1	u16	r	0	9999	0x7FFF	HR49259: EZ6 Spannung Phase 3 in ganzen Volt
hr9259	6cos_phi_3phas	%	0.1	s16	r	-100	100	0x7FFF	HR49260: EZ6 Leistungsfaktor Sys (10^-3)
hr9260	EZ6_cos_phi1	%	0.1	s16	r	-100	100	0x7FFF	HR49261: EZ6 Leistungsfaktor Phase 1 (10^-3)
hr9261	EZ6_cos_phi2	%	0.1	s16	r	-100	100	0x7FFF	HR49262: EZ6 Leistungsfaktor Phase 2 (10^-3)
hr9262	EZ6_cos_phi3	%	0.1	s16	r	-100	100	0x7FFF	HR49263: EZ6 Leistungsfaktor Phase 3 (10^-3)
hr9263	EZ6_Pe4	-	10000	u16	r	0	99990000	0x7FFF	HR49264: EZ6 Leistung gesamt (10^4)
hr9264	EZ6_Pe0	-	1	u16	r	0	9999	0x7FFF	HR49265: EZ6 Leistung gesamt (10^0)
hr9265	EZ6_Pe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR49266: EZ6 Leistung gesamt (10^-3)
hr9266	EZ6_PEinh	-	1	u16	r	0	1	0x7FFF	HR49267: EZ6 Einheit Leistung, 0=kW, 1=MW
hr9267	EZ6_We4	-	10000	u16	r	0	99990000	0x7FFF	HR49268: EZ6 Wirkenergie gesamt (10^4)
hr9268	EZ6_We0	-	1	u16	r	0	9999	0x7FFF	HR49269: EZ6 Wirkenergie gesamt (10^0)
hr9269	EZ6_We-3	-	0.001	u16	r	0	0.999	0x7FFF	HR49270: EZ6 Wirkenergie gesamt (10^-3)
hr9270	EZ6_WEinh	-	1	u16	r	0	32	0x7FFF	HR49271: EZ6 Einheit Arbeit, 0=MWh, 1=kWh, 30=GWh
hr9271	EZ6_Mfact-ID	-	1	u16	r	0	65535	-	HR49272: EZ6 Hersteller-Identifikation
hr9274	EZ6_Frequenz	Hz	0.01	u16	r	0	655.35	-	HR49275: EZ6 Frequenz in 100tel Hz
hr9275	EZ6_WMZ-Firmware	-	0.01	u16	r	0	650	-	HR49276: EZ6 Firmware-Version Zähler
hr9276	EZ6_Phasenfolge	-	1	u16	r	0	132	0x7FFF	HR49277: EZ6 Phasenfolge moegliche Werte: 123 oder 132
hr9277	EZ6_U_Wandler	-	1	u16	r	1	65535	-	HR49278: EZ6 Spannungswandlerverhältnis
hr9278	EZ6_I_Wandler	-	1	u16	r	1	65535	-	HR49279: EZ6 Stromwandlerverhältnis
hr9279	EZ6_SysANSWER-OK	-	1	u16	rw	0	65535	-	HR49280: EZ6 Testregister für den internen Gebrauch
hr9280	EZ6_SysAnsFail	-	1	u16	rw	0	65535	-	HR49281: EZ6 Testregister für den internen Gebrauch
hr9281	EZ6_SysZeroBack	-	1	u16	rw	0	65535	-	HR49282: EZ6 Testregister für den internen Gebrauch
hr9285	EZ6_STagDatum	-	1	u16	r	101	3112	0x7FFF	HR49286: EZ6 Lesedatum Stichtag | packed DDMM
hr9286	EZ6_STagZeit	-	1	u16	r	0	2359	0x7FFF	HR49287: EZ6 Leseuhrzeit Stichtag | packed HHMM
hr9287	EZ6_WSTag1e4	-	10000	u16	r	0	99990000	0x7FFF	HR49288: EZ6 Wirkenergie gesamt Stichtag 1 (10^4)
hr9288	EZ6_WSTag1e0	-	1	u16	r	0	9999	0x7FFF	HR49289: EZ6 Wirkenergie gesamt Stichtag 1 (10^0)
hr9289	EZ6_WSTag1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR49290: EZ6 Wirkenergie gesamt Stichtag 1 (10^-3)
hr9290	EZ6_WSTag1Einh	-	1	u16	r	0	32	0x7FFF	HR49291: EZ6 Einheit Arbeit Stichtag 1, 0=MWh,1=kWh,30=GWh
hr9291	EZ6_STag1Jahr	-	1	u16	r	1990	2099	0x7FFF	HR49292: EZ6 Jahr Stichtag 1
hr9292	EZ6_STag1Datum	-	1	u16	r	101	3112	0x7FFF	HR49293: EZ6 Datum Stichtag 1 | packed DDMM
hr9297	EZ6_WSTag2e4	-	10000	u16	r	0	99990000	0x7FFF	HR49298: EZ6 Wirkenergie Stichtag 2 (10^4)
hr9298	EZ6_WSTag2e0	-	1	u16	r	0	9999	0x7FFF	HR49299: EZ6 Wirkenergie Stichtag 2 (10^0)
hr9299	EZ6_WSTag2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR49300: EZ6 Wirkenergie Stichtag 2 (10^-3)
hr9300	EZ6_WSTag2Einh	-	1	u16	r	0	32	0x7FFF	HR49301: EZ6 Einheit Arbeit Stichtag 2, 0=MWh,1=kWh,30=GWh
hr9301	EZ6_STag2Jahr	-	1	u16	r	1990	2099	0x7FFF	HR49302: EZ6 Jahr Stichtag 2
hr9302	EZ6_STag2Datum	-	1	u16	r	101	3112	0x7FFF	HR49303: EZ6 Datum Stichtag 2 | packed DDMM
hr9303	EZ6_Pe4_Phase1	-	10000	u16	r	0	99990000	0x7FFF	HR49304: EZ6 Wirkleistung in Phase 1 (10^4)
hr9304	EZ6_Pe0_Phase1	-	1	u16	r	0	9999	0x7FFF	HR49305: EZ6 Wirkleistung in Phase 1 (10^0)
hr9305	EZ6_Pe-3_Phase1	-	0.001	u16	r	0	0.999	0x7FFF	HR49306: EZ6 Wirkleistung in Phase 1 (10^-3)
hr9306	EZ6_P-Ph1-Einh	-	1	u16	r	0	1	0x7FFF	HR49307: EZ6 Einheit Wirkleistung in Phase 1, 0=kW, 1=MW
hr9307	EZ6_WDev1e4	-	10000	u16	r	0	99990000	0x7FFF	HR49308: EZ6 Energie Device 1 (10^4)
hr9308	EZ6_WDev1e0	-	1	u16	r	0	9999	0x7FFF	HR49309: EZ6 Energie Device 1 (10^0)
hr9309	EZ6_WDev1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR49310: EZ6 Energie Device 1 (10^-3)
hr9310	EZ6_WDev1Einh	-	1	u16	r	0	32	0x7FFF	HR49311: EZ6 Einheit Arbeit Device 1, 0=MWh,1=kWh,30=GWh
hr9311	EZ6_Pe4_Phase2	-	10000	u16	r	0	99990000	0x7FFF	HR49312: EZ6 Wirkleistung in Phase 2 (10^4)
hr9312	EZ6_Pe0_Phase2	-	1	u16	r	0	9999	0x7FFF	HR49313: EZ6 Wirkleistung in Phase 2 (10^0)
hr9313	EZ6_Pe-3_Phas2	-	0.001	u16	r	0	0.999	0x7FFF	HR49314: EZ6 Wirkleistung in Phase 2 (10^-3)
hr9314	EZ6_P-Ph2-Einh	-	1	u16	r	0	1	0x7FFF	HR49315: EZ6 Einheit Wirkleistung in Phase 2, 0=kW, 1=MW
hr9315	EZ6_WDev2e4	-	10000	u16	r	0	99990000	0x7FFF	HR49316: EZ6 Energie Device 2 (10^4)
hr9316	EZ6_WDev2e0	-	1	u16	r	0	9999	0x7FFF	HR49317: EZ6 Energie Device 2 (10^0)
hr9317	EZ6_WDev2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR49318: EZ6 Energie Device 2 (10^-3)
hr9318	EZ6_WDev2Einh	-	1	u16	r	0	32	0x7FFF	HR49319: EZ6 Einheit Arbeit Device 2, 0=MWh,1=kWh,30=GWh
hr9319	EZ6_Pe4_Phase3	-	10000	u16	r	0	99990000	0x7FFF	HR49320: EZ6 Wirkleistung in Phase 3 (10^4)
hr9320	EZ6_Pe0_Phase3	-	1	u16	r	0	9999	0x7FFF	HR49321: EZ6 Wirkleistung in Phase 3 (10^0)
hr9321	EZ6_Pe-3_Phas3	-	0.001	u16	r	0	0.999	0x7FFF	HR49322: EZ6 Wirkleistung in Phase 3 (10^-3)
hr9322	EZ6_P-Ph3-Einh	-	1	u16	r	0	1	0x7FFF	HR49323: EZ6 Einheit Wirkleistung in Phase 3, 0=kW, 1=MW
hr9323	EZ6_WTa1e4	-	10000	u16	r	0	99990000	0x7FFF	HR49324: EZ6 Energie Tarif 1 (10^4)
hr9324	EZ6_WTa1e0	-	1	u16	r	0	9999	0x7FFF	HR49325: EZ6 Energie Tarif 1 (10^0)
hr9325	EZ6_WTa1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR49326: EZ6 Energie Tarif 1 (10^-3)
hr9326	EZ6_WTa1Einh	-	1	u16	r	0	32	0x7FFF	HR49327: EZ6 Einheit Arbeit Tarif 1, 0=MWh,1=kWh,30=GWh
hr9327	EZ6_S_Syse4	-	10000	u16	r	0	99990000	0x7FFF	HR49328: EZ6 Scheinleistung Sys (10^4)
hr9328	EZ6_S_Syse0	-	1	u16	r	0	9999	0x7FFF	HR49329: EZ6 Scheinleistung Sys  (10^0)
hr9329	EZ6_S_Syse-3	-	0.001	u16	r	0	0.999	0x7FFF	HR49330: EZ6 Scheinleistung Sys  (10^-3)
hr9330	EZ6_S_SysEinh	-	1	u16	r	0	1	0x7FFF	HR49331: EZ6 Scheinleistung Einheit, 0=kVAh, 1=MVAh
hr9331	EZ6_WTa2e4	-	10000	u16	r	0	99990000	0x7FFF	HR49332: EZ6 Energie Tarif 2 (10^4)
hr9332	EZ6_WTa2e0	-	1	u16	r	0	9999	0x7FFF	HR49333: EZ6 Energie Tarif 2 (10^0)
hr9333	EZ6_WTa2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR49334: EZ6 Energie Tarif 2 (10^-3)
hr9334	EZ6_WTa2Einh	-	1	u16	r	0	32	0x7FFF	HR49335: EZ6 Einheit Energie Tarif 2, 0=MWh,1=kWh,30GWh
hr9335	EZ6_Q_Syse4	-	10000	u16	r	0	99990000	0x7FFF	HR49336: EZ6 Blindleistung Sys (10^4)
hr9336	EZ6_Q_Syse0	-	1	u16	r	0	9999	0x7FFF	HR49337: EZ6 Blindleistung Sys (10^0)
hr9337	EZ6_Q_Syse-3	-	0.001	u16	r	0	0.999	0x7FFF	HR49338: EZ6 Blindleistung Sys (10^-3)
hr9338	EZ6_Q_SysEinh	-	1	u16	r	0	1	0x7FFF	HR49339: EZ6 Einheit Blindleistung Sys, 0=kvarh, 1=Mvarh
hr9339	EZ6_SysIDHB	-	1	u16	r	0	9999	0x7FFF	HR49340: EZ6 Identnummer obere 4 Stellen
hr9340	EZ6_SysIDLB	-	1	u16	r	0	9999	0x7FFF	HR49341: EZ6 Identnummer untere 4 Stellen
hr9341	6W_Bezug_ph1e4	-	10000000	u16	r	0	99990000000	0x7FFF	HR49342: EZ6 Wirkenergie Bezug Phase 1 (10^4)
hr9342	6W_Bezug_ph1e0	-	10000	u16	r	0	99990000	0x7FFF	HR49343: EZ6 Wirkenergie Bezug Phase 1 (10^0)
hr9343	6W_Bezug_ph1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR49344: EZ6 Wirkenergie Bezug Phase 1 (10^-3)
hr9344	6W_Bezug_ph1Ein	-	1	u16	r	0	32	0x7FFF	HR49345: EZ6 Einheit PWirk Bezug Phase1, 0=MWh,1=kWh,30=GWh
hr9345	6W_Bezug_ph2e4	-	10000000	u16	r	0	99990000000	0x7FFF	HR49346: EZ6 Wirkenergie Bezug Phase 2 (10^4)
hr9346	6W_Bezug_ph2e0	-	10000	u16	r	0	99990000	0x7FFF	HR49347: EZ6 Wirkenergie Bezug Phase 2 (10^0)
hr9347	6W_Bezug_ph2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR49348: EZ6 Wirkenergie Bezug Phase 2 (10^-3)
hr9348	6W_Bezug_ph2Ein	-	1	u16	r	0	32	0x7FFF	HR49349: EZ6 Einheit PWirk Bezug Phase2, 0=MWh,1=kWh,30=GWh
hr9349	6W_Bezug_ph3e4	-	10000000	u16	r	0	99990000000	0x7FFF	HR49350: EZ6 Wirkenergie Bezug Phase 3 (10^4)
hr9350	6W_Bezug_ph3e0	-	10000	u16	r	0	99990000	0x7FFF	HR49351: EZ6 Wirkenergie Bezug Phase 3 (10^0)
hr9351	6W_Bezug_ph3e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR49352: EZ6 Wirkenergie Bezug Phase 3 (10^-3)
hr9352	6W_Bezug_ph3Ein	-	1	u16	r	0	32	0x7FFF	HR49353: EZ6 Einheit PWirk Bezug Phase3, 0=MWh,1=kWh,30=GWh
hr9353	6W_Liefg_gese4	-	10000000	u16	r	0	99990000000	0x7FFF	HR49354: EZ6 Wirkenergie Lieferung gesamt (10^4)
hr9354	6W_Liefg_gese0	-	10000	u16	r	0	99990000	0x7FFF	HR49355: EZ6 Wirkenergie Lieferung gesamt  (10^0)
hr9355	6W_Liefg_gese-3	-	0.001	u16	r	0	0.999	0x7FFF	HR49356: EZ6 Wirkenergie Lieferung gesamt  (10^-3)
hr9356	6W_Liefg_gesEin	-	1	u16	r	0	32	0x7FFF	HR49357: EZ6 Einheit PWirk Lieferung ge. 0=MWh,1=kWh,30=GWh
hr9357	EZ6_PDev1Nr1e4	-	10000	u16	r	0	99990000	0x7FFF	HR49358: EZ6 Pmax für Dev1StorNr1 (10^4)
hr9358	EZ6_PDev1Nr1e0	-	1	u16	r	0	9999	0x7FFF	HR49359: EZ6 Pmax für Dev1StorNr1 (10^0)
hr9359	EZ6_PDev1Nr1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR49360: EZ6 Pmax für Dev1StorNr1 (10^-3)
hr9360	EZ6_PDev1Nr1Einh	-	1	u16	r	0	1	0x7FFF	HR49361: EZ6 Einheit PmaxDev1StorNr1, 0=kW, 1=MW
hr9361	EZ6_Dev1Nr1Jahr	-	1	u16	r	1990	2099	0x7FFF	HR49362: EZ6 Jahr für Dev1maxStorNr1
hr9362	EZ6_Dev1Nr1Datum	-	1	u16	r	101	3112	0x7FFF	HR49363: EZ6 Datum für Dev1maxStorNr1 | packed DDMM
hr9363	EZ6_Dev1Nr1Zeit	-	1	u16	r	0	2359	0x7FFF	HR49364: EZ6 Uhrzeit für Dev1maxStorNr1 | packed HHMM
hr9364	EZ6_Pmaxe4	-	10000	u16	r	0	99990000	0x7FFF	HR49365: EZ6 Leistung max (10^4)
hr9365	EZ6_Pmaxe0	-	1	u16	r	0	9999	0x7FFF	HR49366: EZ6 Leistung max (10^0)
hr9366	EZ6_Pmaxe-3	-	0.001	u16	r	0	0.999	0x7FFF	HR49367: EZ6 Leistung max (10^-3)
hr9367	EZ6_PmaxEinh	-	1	u16	r	0	1	0x7FFF	HR49368: EZ6 Einheit Leistung max, 0=kW, 1=MW
hr9368	6W_Liefg_ph1e4	-	10000000	u16	r	0	99990000000	0x7FFF	HR49369: EZ6 Wirkenergie Lieferung Phase 1 (10^4)
hr9369	6W_Liefg_ph1e0	-	10000	u16	r	0	99990000	0x7FFF	HR49370: EZ6 Wirkenergie Lieferung Phase 1 (10^0)
hr9370	6W_Liefg_ph1e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR49371: EZ6 Wirkenergie Lieferung Phase 1 (10^-3)
hr9371	6W_Liefg_ph1Ein	-	1	u16	r	0	32	0x7FFF	HR49372: EZ6 Einheit PWirk Liefg. Ph.1, 0=MWh,1=kWh,30=GWh
hr9372	6W_Liefg_ph2e4	-	10000000	u16	r	0	99990000000	0x7FFF	HR49373: EZ6 Wirkenergie Lieferung Phase 2 (10^4)
hr9373	6W_Liefg_ph2e0	-	10000	u16	r	0	99990000	0x7FFF	HR49374: EZ6 Wirkenergie Lieferung Phase 2 (10^0)
hr9374	6W_Liefg_ph2e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR49375: EZ6 Wirkenergie Lieferung Phase 2 (10^-3)
hr9375	6W_Liefg_ph2Ein	-	1	u16	r	0	32	0x7FFF	HR49376: EZ6 Einheit PWirk Liefg. Ph.2, 0=MWh,1=kWh,30=GWh
hr9376	6W_Liefg_ph3e4	-	10000000	u16	r	0	99990000000	0x7FFF	HR49377: EZ6 Wirkenergie Lieferung Phase 3 (10^4)
hr9377	6W_Liefg_ph3e0	-	10000	u16	r	0	99990000	0x7FFF	HR49378: EZ6 Wirkenergie Lieferung Phase 3 (10^0)
hr9378	6W_Liefg_ph3e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR49379: EZ6 Wirkenergie Lieferung Phase 3 (10^-3)
hr9379	6W_Liefg_ph3Ein	-	1	u16	r	0	32	0x7FFF	HR49380: EZ6 Einheit PWirk Liefg. Ph.3, 0=MWh,1=kWh,30=GWh
hr9380	EZ6_SysSlaveadr	-	1	u16	r	0	255	0x7FFF	HR49381: EZ6 echte WMZ-Adresse nach Zählerantwort
hr9381	EZ6_WTa3e4	-	10000	u16	r	0	99990000	0x7FFF	HR49382: EZ6 Energie Tarif 3 (10^4)
hr9382	EZ6_WTa3e0	-	1	u16	r	0	9999	0x7FFF	HR49383: EZ6 Energie Tarif 3 (10^0)
hr9383	EZ6_WTa3e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR49384: EZ6 Energie Tarif 3 (10^-3)
hr9384	EZ6_WTa3Einh	-	1	u16	r	0	32	0x7FFF	HR49385: EZ6 Einheit Energie Tarif 3, 0=MWh,1=kWh,30=GWh
hr9385	EZ6_WTa4e4	-	10000	u16	r	0	99990000	0x7FFF	HR49386: EZ6 Energie Tarif 4 (10^4)
hr9386	EZ6_WTa4e0	-	1	u16	r	0	9999	0x7FFF	HR49387: EZ6 Energie Tarif 4 (10^0)
hr9387	EZ6_WTa4e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR49388: EZ6 Energie Tarif 4 (10^-3)
hr9388	EZ6_WTa4Einh	-	1	u16	r	0	32	0x7FFF	HR49389: EZ6 Einheit Energie Tarif 4, 0=MWh,1=kWh,30=GWh
hr9389	EZ6_I_3phas	-	1	s16	r	-32768	32767	-	HR49390: EZ6 Stromstärke 3-phasig
hr9390	EZ6_I_Phase_1	-	1	s16	r	-32768	32767	-	HR49391: EZ6 Stromstärke Phase 1
hr9391	EZ6_I_Phase_2	-	1	s16	r	-32768	32767	-	HR49392: EZ6 Stromstärke Phase 2
hr9392	EZ6_I_Phase_3	-	1	s16	r	-32768	32767	-	HR49393: EZ6 Stromstärke Phase 3
hr9393	EZ6_I_neutral	-	1	s16	r	-32768	32767	-	HR49394: EZ6 Stromstärke neutral
hr9394	EZ6_I_Einheit	-	1	u16	r	0	3	0x7FFF	HR49395: EZ6 Stromstärken Einheit, 0=A, 3=A
hr9395	EZ6_tErrore3	h	1000	u16	r	0	9999000	0x7FFF	HR49396: EZ6 Fehlerzeit x 10^3 in Stunden
hr9396	EZ6_tErrore0	h	1	u16	r	0	999	0x7FFF	HR49397: EZ6 Fehlerzeit x 10^0 in Stunden
hr9397	EZ6_ANZ_U_AUSFe4	-	1	u16	r	0	65535	-	HR49398: EZ6 Anzahl der Spannungsausfaelle (10^4)
hr9398	EZ6_ANZ_U_AUSFe0	-	1	u16	r	0	65535	-	HR49399: EZ6 Anzahl der Spannungsausfaelle (10^0)
hr9399	EZ6_WMZJahr	-	1	u16	r	1990	2099	0x7FFF	HR49400: EZ6 Jahr
hr9400	EZ6_WMZDatum	-	1	u16	r	101	3112	0x7FFF	HR49401: EZ6 Datum | packed DDMM
hr9401	EZ6_WMZZeit	-	1	u16	r	0	2359	0x7FFF	HR49402: EZ6 Zeit | packed HHMM
hr9402	EZ6_WSTag3e4	-	10000	u16	r	0	99990000	0x7FFF	HR49403: EZ6 Wirkenergie gesamt Stichtag 3 (10^4)
hr9403	EZ6_WSTag3e0	-	1	u16	r	0	9999	0x7FFF	HR49404: EZ6 Wirkenergie gesamt Stichtag 3 (10^0)
hr9404	EZ6_WSTag3e-3	-	0.001	u16	r	0	0.999	0x7FFF	HR49405: EZ6 Wirkenergie gesamt Stichtag 3 (10^-3)
hr9405	EZ6_WSTag3Einh	-	1	u16	r	0	32	0x7FFF	HR49406: EZ6 Einheit Arbeit Stichtag 3, 0=MWh,1=kWh,30=GWh
hr9406	EZ6_STag3Jahr	-	1	u16	r	1990	2099	0x7FFF	HR49407: EZ6 Jahr Stichtag 3
hr9407	EZ6_STag3Datum	-	1	u16	r	101	3112	0x7FFF	HR49408: EZ6 Datum Stichtag 3 | packed DDMM
co0	Sammelstoerung	-	-	bit	r	-	-	-	CL1: Sammelstörung, Fehlerstatusregister HR40150 > 0 | 0 = NEIN-(0), 1 = JA-(1)
co1	Dateneing_aktiv	-	-	bit	r	-	-	-	CL2: Dateneingabe aktiv | 0 = NEIN-(0), 1 = JA-(1)
co2	Dateneing_stattg	-	-	bit	rw	-	-	-	CL3: Dateneingabe stattgefunden | 0 = NEIN-(0), 1 = JA-(1)
co3	Sammel_Ebenenbit	-	-	bit	rw	-	-	-	CL4: Sammel-Ebenenbit CL88-CL121 | 0 = GLT-(0), 1 = AUTARK-(1)
co4	Status_Hand	-	-	bit	r	-	-	-	CL5: Status Handbetrieb | 0 = NEIN-(0), 1 = JA-(1)
co8	Sommerbetrieb	-	-	bit	r	-	-	-	CL9: Sommerbetrieb aktiv (CO5, Fb04) | 0 = NEIN-(0), 1 = JA-(1)
co9	WMZ_KomStoer__1	-	-	bit	r	-	-	-	CL10: Kommunikationsstörung Zählerbus WMZ #1 (CO6, Fb10) | 0 = NEIN-(0), 1 = JA-(1)
co10	WMZ_KomStoer__2	-	-	bit	r	-	-	-	CL11: Kommunikationsstörung Zählerbus WMZ #2 (CO6, Fb10) | 0 = NEIN-(0), 1 = JA-(1)
co11	WMZ_KomStoer__3	-	-	bit	r	-	-	-	CL12: Kommunikationsstörung Zählerbus WMZ #3 (CO6, Fb10) | 0 = NEIN-(0), 1 = JA-(1)
co12	WMZ_FehlerWMZ__1	-	-	bit	r	-	-	-	CL13: Fehler WMZ #1 (CO6, Fb10) | 0 = NEIN-(0), 1 = JA-(1)
co13	WMZ_FehlerWMZ__2	-	-	bit	r	-	-	-	CL14: Fehler WMZ #2 (CO6, Fb10) | 0 = NEIN-(0), 1 = JA-(1)
co14	WMZ_FehlerWMZ__3	-	-	bit	r	-	-	-	CL15: Fehler WMZ #3 (CO6, Fb10) | 0 = NEIN-(0), 1 = JA-(1)
co15	1WMZ-Auslesung	-	-	bit	rw	-	-	-	CL16: 1 = 1xAuslesung WMZ #1 veranlassen | 0 = NEIN-(0), 1 = JA-(1)
co16	2WMZ-Auslesung	-	-	bit	rw	-	-	-	CL17: 1 = 1xAuslesung WMZ #2 veranlassen | 0 = NEIN-(0), 1 = JA-(1)
co17	3WMZ-Auslesung	-	-	bit	rw	-	-	-	CL18: 1 = 1xAuslesung WMZ #3 veranlassen | 0 = NEIN-(0), 1 = JA-(1)
co21	WMZ_Dfluss_Beg__1	-	-	bit	r	-	-	-	CL22: Durchflußbegrenzung #1 aktiv (CO6,Fb11) | 0 = NEIN-(0), 1 = JA-(1)
co22	WMZ_Leist_Beg__1	-	-	bit	r	-	-	-	CL23: Leistungsbegrenzung #1 aktiv (CO6,Fb12) | 0 = NEIN-(0), 1 = JA-(1)
co32	BE1	-	-	bit	r	-	-	-	CL33: Status Binäreingang BE1 | 0 = AUS-(0), 1 = EIN-(1)
co33	BE2	-	-	bit	r	-	-	-	CL34: Status Binäreingang BE2 | 0 = AUS-(0), 1 = EIN-(1)
co56	BA_UP1	-	-	bit	rw	-	-	-	CL57: Umwälzpumpe UP1 (CL96) | 0 = AUS-(0), 1 = EIN-(1)
co57	BA_UP2	-	-	bit	rw	-	-	-	CL58: Umwälzpumpe UP2 (CL97) | 0 = AUS-(0), 1 = EIN-(1)
co59	BA_SLP	-	-	bit	rw	-	-	-	CL60: Speicherladepumpe SLP (CL99) | 0 = AUS-(0), 1 = EIN-(1)
co60	BA_ZP	-	-	bit	rw	-	-	-	CL61: Zirkulationspumpe ZP (CL100) | 0 = AUS-(0), 1 = EIN-(1)
co61	BA_Rk1_Zu	-	-	bit	rw	-	-	-	CL62: Rk1_3-Pkt Zu-Signal (Vorgabe in HR40107) | 0 = HALT-(0), 1 = ZU-(1)
co62	BA_Rk1_Auf	-	-	bit	rw	-	-	-	CL63: Rk1_3-Pkt Auf-Signal(HR40107),2-Pkt(CL102) | 0 = HALT-(0), 1 = AUF-(1)
co63	BA_Rk2_Zu	-	-	bit	rw	-	-	-	CL64: Rk2_3-Pkt Zu-Signal (Vorgabe in HR40109) | 0 = HALT-(0), 1 = ZU-(1)
co64	BA_Rk2_Auf	-	-	bit	rw	-	-	-	CL65: Rk2_3-Pkt Auf-Signal(HR40109),2-Pkt(CL104) | 0 = HALT-(0), 1 = AUF-(1)
co65	BA_TLP	-	-	bit	rw	-	-	-	CL66: Tauscherladepumpe TLP (CL105) | 0 = AUS-(0), 1 = EIN-(1)
co66	BA_CP	-	-	bit	rw	-	-	-	CL67: Kollektorpumpe CP (CL106) | 0 = AUS-(0), 1 = EIN-(1)
co87	EBN_Aussentem_AF1	-	-	bit	rw	-	-	-	CL88: Ebene Außentemperatur AF1 (HR40010) | 0 = GLT-(0), 1 = AUTARK-(1)
co88	EBN_BetrArt_Rk1	-	-	bit	rw	-	-	-	CL89: Ebene Betriebsart Rk1 (HR40106) | 0 = GLT-(0), 1 = AUTARK-(1)
co89	EBN_Stellsig_Rk1	-	-	bit	rw	-	-	-	CL90: Ebene Stellsignal Rk1 (HR40107) | 0 = GLT-(0), 1 = AUTARK-(1)
co90	EBN_BetrArt_Rk2	-	-	bit	rw	-	-	-	CL91: Ebene Betriebsart Rk2 (HR40108) | 0 = GLT-(0), 1 = AUTARK-(1)
co91	EBN_Stellsig_Rk2	-	-	bit	rw	-	-	-	CL92: Ebene Stellsignal Rk2 (HR40109) | 0 = GLT-(0), 1 = AUTARK-(1)
co94	EBN_BetrArt_TW	-	-	bit	rw	-	-	-	CL95: Ebene Betriebsart TW (HR40112) | 0 = GLT-(0), 1 = AUTARK-(1)
co95	EBN_UP1	-	-	bit	rw	-	-	-	CL96: Ebene Umwälzpumpe UP1 (CL57) | 0 = GLT-(0), 1 = AUTARK-(1)
co96	EBN_UP2	-	-	bit	rw	-	-	-	CL97: Ebene Umwälzpumpe UP2 (CL58) | 0 = GLT-(0), 1 = AUTARK-(1)
co98	EBN_SLP	-	-	bit	rw	-	-	-	CL99: Ebene Speicherladepumpe SLP (CL60) | 0 = GLT-(0), 1 = AUTARK-(1)
co99	EBN_ZP	-	-	bit	rw	-	-	-	CL100: Ebene Zirkulationspumpe ZP (CL61) | 0 = GLT-(0), 1 = AUTARK-(1)
co100	EBN_Klemme_26	-	-	bit	rw	-	-	-	CL101: Ebene Klemme 26 | 0 = GLT-(0), 1 = AUTARK-(1)
co101	EBN_Rk1_2-Pkt	-	-	bit	rw	-	-	-	CL102: Ebene Rk1_2-Pkt-Signal (CL63) | 0 = GLT-(0), 1 = AUTARK-(1)
co102	EBN_Klemme_29	-	-	bit	rw	-	-	-	CL103: Ebene Klemme 29 | 0 = GLT-(0), 1 = AUTARK-(1)
co103	EBN_Rk2_2-Pkt	-	-	bit	rw	-	-	-	CL104: Ebene Rk2_2-Pkt-Signal (CL65) | 0 = GLT-(0), 1 = AUTARK-(1)
co104	EBN_TLP	-	-	bit	rw	-	-	-	CL105: Ebene Tauscherladepumpe TLP (CL66) | 0 = GLT-(0), 1 = AUTARK-(1)
co105	EBN_CP	-	-	bit	rw	-	-	-	CL106: Ebene Kollektorpumpe CP (CL67) | 0 = GLT-(0), 1 = AUTARK-(1)
co111	EBN_Son_TW_Sollw	-	-	bit	rw	-	-	-	CL112: Ebene Sonder-Trinkwassersollwert (HR41809) | 0 = GLT-(0), 1 = AUTARK-(1)
co112	EBN_SonPuffSollw	-	-	bit	rw	-	-	-	CL113: Ebene Sonder-Pufferspeichersollwert (HR41045) | 0 = GLT-(0), 1 = AUTARK-(1)
co115	EBN_VorlSoll_Rk1	-	-	bit	rw	-	-	-	CL116: Ebene Vorlaufsollwert Rk1 (HR41000) | 0 = GLT-(0), 1 = AUTARK-(1)
co116	EBN_RueckSoll_Rk1	-	-	bit	rw	-	-	-	CL117: Ebene Rücklaufsollwert Rk1 (HR41033) | 0 = GLT-(0), 1 = AUTARK-(1)
co117	EBN_VorlSoll_Rk2	-	-	bit	rw	-	-	-	CL118: Ebene Vorlaufsollwert Rk2 (HR41200) | 0 = GLT-(0), 1 = AUTARK-(1)
co118	EBN_RueckSoll_Rk2	-	-	bit	rw	-	-	-	CL119: Ebene Rücklaufsollwert Rk2 (HR41233) | 0 = GLT-(0), 1 = AUTARK-(1)
co129	FB01_Sensortyp_co129	-	-	bit	rw	-	-	-	CL130: FB01: Sensortyp | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co130	FB02_Sensortyp_co130	-	-	bit	rw	-	-	-	CL131: FB02: Sensortyp | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co132	FB04_Sommerbtr_co132	-	-	bit	rw	-	-	-	CL133: FB04: Sommerbetrieb | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co133	FB05_Verz_AT_Anp_co133	-	-	bit	rw	-	-	-	CL134: FB05: Verzögerte Außentemperaturanpassung fallend | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co134	FB06_Verz_AT_Anp_co134	-	-	bit	rw	-	-	-	CL135: FB06: Verzögerte Außentemperaturanpassung steigend | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co136	FB08_AutSommZeit_co136	-	-	bit	rw	-	-	-	CL137: FB08: Automatische Sommer-/Winterzeitumschaltung | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co137	FB09_Frostschutz_co137	-	-	bit	rw	-	-	-	CL138: FB09: Frostschutzprogramm (I=>FB09=0, II=>FB09=1) | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co140	FB12_Schleichmng_co140	-	-	bit	rw	-	-	-	CL141: FB12: Schleichmengenunterdrückung per BE13 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co142	FB14_Betr_UP1_co142	-	-	bit	rw	-	-	-	CL143: FB14: Betrieb UP1 bei Eigenbedarf | 0 = AUS-(0), 1 = EIN-(1)
co143	FB15_FrgReg_BE1	-	-	bit	rw	-	-	-	CL144: FB15: Freigabe Regler an BE1 (Stdby-Betr. bE/1,0) | 0 = AUS-(0), 1 = EIN-(1)
co144	FB16_Ruecklbegr_p	-	-	bit	rw	-	-	-	CL145: FB16: P-Verhalten bei Rücklauftemperaturbegrenzung | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co147	FB19_Tempueberw_co147	-	-	bit	rw	-	-	-	CL148: FB19: Temperaturüberwachung | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co149	FB21_SperrHand_co149	-	-	bit	rw	-	-	-	CL150: FB21: Sperrung der Handebenen | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co150	FB22_SperrDreh_co150	-	-	bit	rw	-	-	-	CL151: FB22: Sperrung der Drehschalter | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co151	FB23_10V_AT_co151	-	-	bit	rw	-	-	-	CL152: FB23: Außentemperatur mittels 0 bis 10 V | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co152	FB01_Modbus_co152	-	-	bit	rw	-	-	-	CL153: FB01: Modbusbetrieb | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co153	FB02_16bit_co153	-	-	bit	rw	-	-	-	CL154: FB02: Modbus 16-bit-Adressierung | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co154	FB03_Modem	-	-	bit	rw	-	-	-	CL155: FB03: Modemfunktion | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co155	FB04_Auto_Modem	-	-	bit	rw	-	-	-	CL156: FB04: Automatische Modemkonfiguration | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co156	FB05_Sperr_Modem	-	-	bit	rw	-	-	-	CL157: FB05: Sperrung der GLT-Anwahl | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co157	FB06_Anw_gehend	-	-	bit	rw	-	-	-	CL158: FB06: GLT-Anwahl auch bei gehenden Störungen | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co158	FB07_Timeout_GLT_co158	-	-	bit	rw	-	-	-	CL159: FB07: Leitsystemüberwachung | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co159	FB08_SMS	-	-	bit	rw	-	-	-	CL160: FB08: SMS-Betrieb | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co161	FB10_Zaehlerbus_co161	-	-	bit	rw	-	-	-	CL162: FB10: Zählerbus-Betrieb | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co162	FB11_Dfluss_Beg_co162	-	-	bit	rw	-	-	-	CL163: FB11: Durchflußbegrenzung in Rk1 mittels Zählerbus | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co163	FB12_Leist_Beg_co163	-	-	bit	rw	-	-	-	CL164: FB12: Leistungsbegrenzung in Rk1 mittels Zählerbus | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co164	FB13_Dfluss_Beg_co164	-	-	bit	rw	-	-	-	CL165: FB13: Durchflußbegrenzung in Rk2 mittels Zählerbus | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co165	FB14_Leist_Beg_co165	-	-	bit	rw	-	-	-	CL166: FB14: Leistungsbegrenzung in Rk2 mittels Zählerbus | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co171	FB20_GLT_Anzeige_co171	-	-	bit	rw	-	-	-	CL172: FB20: Div. Modbusvorgaben ohne GLT im Display | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co245	WMZ_KomStoer__4	-	-	bit	r	-	-	-	CL246: Kommunikationsstörung Zählerbus WMZ #4 (CO6, Fb10) | 0 = NEIN-(0), 1 = JA-(1)
co246	WMZ_KomStoer__5	-	-	bit	r	-	-	-	CL247: Kommunikationsstörung Zählerbus WMZ #5 (CO6, Fb10) | 0 = NEIN-(0), 1 = JA-(1)
co247	WMZ_KomStoer__6	-	-	bit	r	-	-	-	CL248: Kommunikationsstörung Zählerbus WMZ #6 (CO6, Fb10) | 0 = NEIN-(0), 1 = JA-(1)
co248	WMZ_FehlerWMZ__4	-	-	bit	r	-	-	-	CL249: Fehler WMZ #4 (CO6, Fb10) | 0 = NEIN-(0), 1 = JA-(1)
co249	WMZ_FehlerWMZ__5	-	-	bit	r	-	-	-	CL250: Fehler WMZ #5 (CO6, Fb10) | 0 = NEIN-(0), 1 = JA-(1)
co250	WMZ_FehlerWMZ__6	-	-	bit	r	-	-	-	CL251: Fehler WMZ #6 (CO6, Fb10) | 0 = NEIN-(0), 1 = JA-(1)
co251	4WMZ-Auslesung	-	-	bit	rw	-	-	-	CL252: 1 = 1xAuslesung WMZ #4 veranlassen | 0 = NEIN-(0), 1 = JA-(1)
co252	5WMZ-Auslesung	-	-	bit	rw	-	-	-	CL253: 1 = 1xAuslesung WMZ #5 veranlassen | 0 = NEIN-(0), 1 = JA-(1)
co253	6WMZ-Auslesung	-	-	bit	rw	-	-	-	CL254: 1 = 1xAuslesung WMZ #6 veranlassen | 0 = NEIN-(0), 1 = JA-(1)
co254	summarische_Begr	-	-	bit	rw	-	-	-	CL255: 1 = P und V' aller WMZ_Adr!=0 werden addiert f. B. | 0 = NEIN-(0), 1 = JA-(1)
co300	CO9_FB05	-	-	bit	rw	-	-	-	CL301: Externe Vorlaufsoll-Korrektur (Techem/Adapterm) | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co302	Zykl_Relaisinit	-	-	bit	rw	-	-	-	CL303: Zyklische Relaisinitialisierung | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co306	Schleichm_bin	-	-	bit	rw	-	-	-	CL307: Schleichmenge mittels Binäreingang | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co307	CO9_FB08	-	-	bit	rw	-	-	-	CL308: RK1 als Zubringerkreis | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co308	CO9_FB09	-	-	bit	rw	-	-	-	CL309: Modbus-Schreibfreigabe | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co400	FB01_SF1_co400	-	-	bit	rw	-	-	-	CL401: FB01: Speicherfühler SF1 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co401	FB02_SF2_co401	-	-	bit	rw	-	-	-	CL402: FB02: Speicherfühler SF2 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co402	FB03_RueF2_co402	-	-	bit	rw	-	-	-	CL403: FB03: Rücklauffühler RüF2 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co403	FB04_WSS_FDS_co403	-	-	bit	rw	-	-	-	CL404: FB04: Wasserströmungssensor / Fließdruckschalter | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co404	FB05_VF4_co404	-	-	bit	rw	-	-	-	CL405: FB05: Vorlauffühler VF4 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co405	FB06_Parallel_TW_co405	-	-	bit	rw	-	-	-	CL406: FB06: Pumpenparallellauf | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co406	FB07_Zwischenhzg_co406	-	-	bit	rw	-	-	-	CL407: FB07: Zwischenheizbetrieb | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co407	FB08_Vorrang_Inv_co407	-	-	bit	rw	-	-	-	CL408: FB08: Vorrang durch Inversbetrieb | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co408	FB09_Vorrang_Abs_co408	-	-	bit	rw	-	-	-	CL409: FB09: Vorrang durch Absenkbetrieb | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co409	FB10_ZP_in_WT_co409	-	-	bit	rw	-	-	-	CL410: FB10: ZP in Wärmetauscher eingebunden | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co410	FB11_ZPbeimLaden_co410	-	-	bit	rw	-	-	-	CL411: FB11: Betrieb der ZP bei Speicherladung | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co411	FB12_3Pkt_Reg_TW_co411	-	-	bit	rw	-	-	-	CL412: FB12: Regelungsart 3-Pkt TW | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co412	FB13_Beg_Regdiff_co412	-	-	bit	rw	-	-	-	CL413: FB13: Begrenzung der Regelabweichung AUF-Signal TW | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co413	FB14_ThermDes_co413	-	-	bit	rw	-	-	-	CL414: FB14: Thermische Desinfektion | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co414	FB15_SLP_abh_RueF_co414	-	-	bit	rw	-	-	-	CL415: FB15: SLP ein in Abhängigkeit der Rücklauftemp | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co415	FB16_Bed_Prio_co415	-	-	bit	rw	-	-	-	CL416: FB16: Externer Bedarf hat Priorität | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co418	FB19_ZP_SFumsch	-	-	bit	rw	-	-	-	CL419: FB19: Zeitprogrammgest. Speicherfühlerumschaltung | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co419	FB20_Durchgngreg_co419	-	-	bit	rw	-	-	-	CL420: FB20: TW-Kreis nachgeregelt mit Durchgangsventil | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co420	FB21_Drehz_Ladep_co420	-	-	bit	rw	-	-	-	CL421: FB21: Drehzahlregelung der Ladepumpe | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co421	FB22_Kaltladesch	-	-	bit	rw	-	-	-	CL422: FB22: Prim. Vorl. Messung zur Speicherladefreigabe | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co500	FB01_Sensortyp_co500	-	-	bit	rw	-	-	-	CL501: FB01: Sensortyp | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co501	FB02_Sensortyp_co501	-	-	bit	rw	-	-	-	CL502: FB02: Sensortyp | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co503	FB04_Sommerbtr_co503	-	-	bit	rw	-	-	-	CL504: FB04: Sommerbetrieb | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co504	FB05_Verz_AT_Anp_co504	-	-	bit	rw	-	-	-	CL505: FB05: Verzögerte Außentemperaturanpassung fallend | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co505	FB06_Verz_AT_Anp_co505	-	-	bit	rw	-	-	-	CL506: FB06: Verzögerte Außentemperaturanpassung steigend | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co507	FB08_AutSommZeit_co507	-	-	bit	rw	-	-	-	CL508: FB08: Automatische Sommer-/Winterzeitumschaltung | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co508	FB09_Frostschutz_co508	-	-	bit	rw	-	-	-	CL509: FB09: Frostschutzprogramm (I=>FB09=0, II=>FB09=1) | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co509	FB10_Leist_Beg	-	-	bit	rw	-	-	-	CL510: FB10: Durchfluß-/Leistungsbegrenzung mit Impulsen | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co511	FB12_Schleichmng_co511	-	-	bit	rw	-	-	-	CL512: FB12: Schleichmengenunterdrückung per BE13 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co513	FB14_Betr_UP1_co513	-	-	bit	rw	-	-	-	CL514: FB14: Betrieb UP1 bei Eigenbedarf | 0 = AUS-(0), 1 = EIN-(1)
co514	FB15_FrgReg_BE15	-	-	bit	rw	-	-	-	CL515: FB15: Freigabe Regler an BE15 (Stdby-Betr. bE/1,0) | 0 = AUS-(0), 1 = EIN-(1)
co515	FB16_Ruecklbegr	-	-	bit	rw	-	-	-	CL516: FB16: P-Verhalten bei Rücklauftemperaturbegrenzung | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co518	FB19_Tempueberw_co518	-	-	bit	rw	-	-	-	CL519: FB19: Temperaturüberwachung | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co520	FB21_SperrHand_co520	-	-	bit	rw	-	-	-	CL521: FB21: Sperrung der Handebenen | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co521	FB22_SperrDreh_co521	-	-	bit	rw	-	-	-	CL522: FB22: Sperrung der Drehschalter | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co522	FB23_10V_AT_co522	-	-	bit	rw	-	-	-	CL523: FB23: Außentemperatur mittels 0 bis 10 V | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co523	FB24_10Vin_Anz	-	-	bit	rw	-	-	-	CL524: FB24: Messwert 0 bis 10 V als Sonderwert | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co524	FB25_10Vout_inv	-	-	bit	rw	-	-	-	CL525: FB25: Signal an Ausgang Kl. 11 invertiert | 0 = NEIN-(0), 1 = JA-(1)
co530	FB31_10Vin_Null	-	-	bit	rw	-	-	-	CL531: FB31: Nullpunktverschiebung am Eingang Kl. 11 | 0 = NEIN-(0), 1 = JA-(1)
co600	FB01_Modbus_co600	-	-	bit	rw	-	-	-	CL601: FB01: Modbusbetrieb | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co601	FB02_16bit_co601	-	-	bit	rw	-	-	-	CL602: FB02: Modbus 16-bit-Adressierung | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co606	FB07_Timeout_GLT_co606	-	-	bit	rw	-	-	-	CL607: FB07: Leitsystemüberwachung | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co609	FB10_Zaehlerbus_co609	-	-	bit	rw	-	-	-	CL610: FB10: Zählerbus-Betrieb | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co610	FB11_Dfluss_Beg_co610	-	-	bit	rw	-	-	-	CL611: FB11: Durchflußbegrenzung in Rk1 mittels Zählerbus | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co611	FB12_Leist_Beg_co611	-	-	bit	rw	-	-	-	CL612: FB12: Leistungsbegrenzung in Rk1 mittels Zählerbus | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co612	FB13_Dfluss_Beg_co612	-	-	bit	rw	-	-	-	CL613: FB13: Durchflußbegrenzung in Rk2 mittels Zählerbus | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co613	FB14_Leist_Beg_co613	-	-	bit	rw	-	-	-	CL614: FB14: Leistungsbegrenzung in Rk2 mittels Zählerbus | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co619	FB20_GLT_Anzeige_co619	-	-	bit	rw	-	-	-	CL620: FB20: Div. Modbusvorgaben ohne GLT im Display | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co800	FB01_BE01	-	-	bit	rw	-	-	-	CL801: FB01: 1=>Binäreingang; 0=Sensoreingang | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co801	FB02_BE02	-	-	bit	rw	-	-	-	CL802: FB02: 1=>Binäreingang; 0=Sensoreingang | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co900	FB01_Ni_Siemens	-	-	bit	rw	-	-	-	CL901: FB01: Siemens QAC-, QAD-, QAE-, QAM- und QAA 21 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co901	FB02_Sommer_dir	-	-	bit	rw	-	-	-	CL902: FB02: CO5->F04-1 mit aktueller AT ohne Anzahl Tage | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co902	FB03_Schaltd_neg	-	-	bit	rw	-	-	-	CL903: FB03: Schaltdifferenz (PA4) wird abgezogen | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co903	FB04_Imp_bei_0	-	-	bit	rw	-	-	-	CL904: FB04: kein Dauer-ZU-Signal bei 0% Ventilstellung | 0 = NEIN-(0), 1 = JA-(1)
co904	FB05_Sollw_Korr	-	-	bit	rw	-	-	-	CL905: FB05: Sollwertkorrektur 0 bis 10V | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co905	FB06_Pumpen_Mi	-	-	bit	rw	-	-	-	CL906: FB06: Zwangslauf der Pumpen nur mittwochs | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co906	FB07_Anl_2x_VF2	-	-	bit	rw	-	-	-	CL907: FB07: Anlagen 2.x mit VF2 für Fußbodenkreise | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co907	FB08_RK1_Zubring	-	-	bit	rw	-	-	-	CL908: FB08: RK1 ist Zubringerkreis; UP1 bedarfsabhängig | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co908	FB09_MDB_Schreib	-	-	bit	rw	-	-	-	CL909: FB09: Schlüsselzahl für Modbus-Schreibzugriffe | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co909	FB10_Impulssumme	-	-	bit	rw	-	-	-	CL910: FB10: WMZ Impulse werden in HR36(low)+37 summiert | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co910	FB11_Geraeuscharm	-	-	bit	rw	-	-	-	CL911: FB11: Relais aller 3-Punkt-Ausgänge inaktiv | 0 = NEIN-(0), 1 = JA-(1)
co911	FB12_0_Relaissch	-	-	bit	rw	-	-	-	CL912: FB12: Pumpenrelais ohne Wiedereinschaltverzögerung | 0 = NEIN-(0), 1 = JA-(1)
co913	FB14_CO4F14Sperr	-	-	bit	rw	-	-	-	CL914: FB14: Zugriff auf CO4->F14 sperren; kein Err 3 | 0 = NEIN-(0), 1 = JA-(1)
co914	FB15_MDB_SF1_SF2	-	-	bit	rw	-	-	-	CL915: FB15: Autarker Betrieb mit SF1; SF2 mit Coil 1809 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co915	FB16_Ventilblock	-	-	bit	rw	-	-	-	CL916: FB16: Jeden Mittwoch Ventilblockierschutz | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co916	FB17_PA_sperren	-	-	bit	rw	-	-	-	CL917: FB17: Rückl.-, Vol.- und Leistungs-PA sperren | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co917	FB18_Reg_HK1_aus	-	-	bit	rw	-	-	-	CL918: FB18: Regelung HK1 abhängig von prim VL-Temp. aus | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co918	FB19_ZwillingsUP	-	-	bit	rw	-	-	-	CL919: FB19: Zwillingspumpen mit Differenzdruckschalter | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co919	FB20_WT_Diag_BE	-	-	bit	rw	-	-	-	CL920: FB20: Diagnose WT mittels Fließdruckschalter RK1 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co920	FB21_WT_Diag_SD	-	-	bit	rw	-	-	-	CL921: FB21: Diagnose WT mittels Stellsignaldrift RK1 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co921	FB22_WT_Diag_TD	-	-	bit	rw	-	-	-	CL922: FB22: Diagnose WT mittels Diff. zw. VF1 u. RüF1 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co924	FB25_Fuehr_PR_VL	-	-	bit	rw	-	-	-	CL925: FB25: Prim VL-Temp. bestimmt Vorlaufsollwert | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co925	FB26_Nachspeisg	-	-	bit	rw	-	-	-	CL926: FB26: Nachspeisung mit Drucksensor 0 bis 10V | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co926	FB27_Systemueberw	-	-	bit	rw	-	-	-	CL927: FB27: Erhöhung Systemstabilität, EMV | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co927	FB28_RelMaxPower	-	-	bit	rw	-	-	-	CL928: FB28: Haltestrom der Relais wird nicht abgesenkt | 0 = NEIN-(0), 1 = JA-(1)
co997	Btr_nicht_Auto	-	-	bit	r	-	-	-	CL998: mind. 1 Rk ungleich Auto | 0 = NEIN-(0), 1 = Ja-(1)
co998	BtrS_nicht_Auto	-	-	bit	r	-	-	-	CL999: mind. 1 Rk ungleich Auto mittels Betriebsschalter | 0 = NEIN-(0), 1 = Ja-(1)
co999	Auto_Rk1	-	-	bit	r	-	-	-	CL1000: Zeitabhängiger Betrieb Rk1 | 0 = NEIN-(0), 1 = JA-(1)
co1000	Tagbetrieb_Rk1	-	-	bit	r	-	-	-	CL1001: Tagbetrieb Rk1 | 0 = NEIN-(0), 1 = JA-(1)
co1001	Nachtbetrieb_Rk1	-	-	bit	r	-	-	-	CL1002: Nachtbetrieb Rk1 | 0 = NEIN-(0), 1 = JA-(1)
co1002	Haltebtr_Rk1	-	-	bit	r	-	-	-	CL1003: Haltebetrieb Rk1 (mit CO1, Fb07=1) | 0 = NEIN-(0), 1 = JA-(1)
co1003	Stuetzbtr_Rk1	-	-	bit	r	-	-	-	CL1004: Stützbetrieb Rk1 (mit CO1, Fb07=1) | 0 = NEIN-(0), 1 = JA-(1)
co1004	Aufheizbtr_Rk1	-	-	bit	r	-	-	-	CL1005: Aufheizbetrieb Rk1 (mit CO1, Fb07=1) | 0 = NEIN-(0), 1 = JA-(1)
co1005	Ruecklbeg_Rk1	-	-	bit	r	-	-	-	CL1006: Rücklauftemperaturbegrenzung Rk1 aktiv | 0 = NEIN-(0), 1 = JA-(1)
co1006	Heizaus_Rk1	-	-	bit	r	-	-	-	CL1007: AT-abhängige Heizungsabschaltung Rk1 aktiv | 0 = NEIN-(0), 1 = JA-(1)
co1007	Standby_Rk1	-	-	bit	r	-	-	-	CL1008: Standby-Betrieb Rk1 | 0 = NEIN-(0), 1 = JA-(1)
co1008	Frostschutz_Rk1	-	-	bit	r	-	-	-	CL1009: Frostschutzbetrieb Rk1 | 0 = NEIN-(0), 1 = JA-(1)
co1024	FB01_RF1_co1024	-	-	bit	rw	-	-	-	CL1025: FB01: Raumfühler RF1 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co1025	FB02_AF1	-	-	bit	rw	-	-	-	CL1026: FB02: Außenfühler AF1 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co1026	FB03_RueF1_Rk1_co1026	-	-	bit	rw	-	-	-	CL1027: FB03: Rücklauffühler RüF1 Rk1 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co1027	FB04_Kaelte_Rk1_co1027	-	-	bit	rw	-	-	-	CL1028: FB04: Kälteregelung in Rk1 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co1028	FB05_FBH_Rk1_co1028	-	-	bit	rw	-	-	-	CL1029: FB05: Fußbodenheizung Rk1 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co1030	FB07_OptimierRk1_co1030	-	-	bit	rw	-	-	-	CL1031: FB07: Optimierung Rk1 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co1031	FB08_Adapt_Rk1_co1031	-	-	bit	rw	-	-	-	CL1032: FB08: Adaption Rk1 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co1032	FB09_KurzztAdRk1_co1032	-	-	bit	rw	-	-	-	CL1033: FB09: Kurzzeitadaption Rk1 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co1034	FB11_4P_HKL_Rk1_co1034	-	-	bit	rw	-	-	-	CL1035: FB11: 4-Punkte-Kennlinie Rk1 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co1035	FB12_3Pkt_RegRk1_co1035	-	-	bit	rw	-	-	-	CL1036: FB12: Regelungsart 3-Pkt (Rk1) / 0...10V (Y1) | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co1036	FB13_Beg_xd_Rk1_co1036	-	-	bit	rw	-	-	-	CL1037: FB13: Begrenzung d. Regelabweichung AUF-Signal Rk1 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co1037	FB14_Freig_Rk1_co1037	-	-	bit	rw	-	-	-	CL1038: FB14: Freigabe Rk1 an Eingang BE1 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co1038	FB15_Bedarf_co1038	-	-	bit	rw	-	-	-	CL1039: FB15: Bedarfsverarbeitung in Rk1 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co1039	FB16_10V_Bedarf_co1039	-	-	bit	rw	-	-	-	CL1040: FB16: Bedarfsverarbeitung 0-10V in Rk1 (Kl. 11/12) | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co1040	FB17_bin_Bedarf_co1040	-	-	bit	rw	-	-	-	CL1041: FB17: Bedarfsverarbeitung binär in Rk1 (Kl. 03/12) | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co1041	FB18_maxVL-Soll_co1041	-	-	bit	rw	-	-	-	CL1042: FB18: Max. Vorlaufsollwert mittels 0-10V anfordern | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co1043	FB20_ExtWaermean_co1043	-	-	bit	rw	-	-	-	CL1044: FB20: Externe Wärmeanforderung bei Unterversorgung | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co1044	FB21_Drehz_Ladep_co1044	-	-	bit	rw	-	-	-	CL1045: FB21: Drehzahlregelung der Ladepumpe | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co1045	FB22_SLP_abh_RueF_co1045	-	-	bit	rw	-	-	-	CL1046: FB22: SLP ein in Abhängigkeit der Rücklauftemp | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co1199	Auto_Rk2	-	-	bit	r	-	-	-	CL1200: Zeitabhängiger Betrieb Rk2 | 0 = NEIN-(0), 1 = JA-(1)
co1200	Tagbetrieb_Rk2	-	-	bit	r	-	-	-	CL1201: Tagbetrieb Rk2 | 0 = NEIN-(0), 1 = JA-(1)
co1201	Nachtbetrieb_Rk2	-	-	bit	r	-	-	-	CL1202: Nachtbetrieb Rk2 | 0 = NEIN-(0), 1 = JA-(1)
co1202	Haltebtr_Rk2	-	-	bit	r	-	-	-	CL1203: Haltebetrieb Rk2 (mit CO2, Fb07=1) | 0 = NEIN-(0), 1 = JA-(1)
co1203	Stuetzbtr_Rk2	-	-	bit	r	-	-	-	CL1204: Stützbetrieb Rk2 (mit CO2, Fb07=1) | 0 = NEIN-(0), 1 = JA-(1)
co1204	Aufheizbtr_Rk2	-	-	bit	r	-	-	-	CL1205: Aufheizbetrieb Rk2 (mit CO2, Fb07=1) | 0 = NEIN-(0), 1 = JA-(1)
co1205	Ruecklbeg_Rk2	-	-	bit	r	-	-	-	CL1206: Rücklauftemperaturbegrenzung Rk2 aktiv | 0 = NEIN-(0), 1 = JA-(1)
co1206	Heizaus_Rk2	-	-	bit	r	-	-	-	CL1207: AT-abhängige Heizungsabschaltung Rk2 aktiv | 0 = NEIN-(0), 1 = JA-(1)
co1207	Standby_Rk2	-	-	bit	r	-	-	-	CL1208: Standby-Betrieb Rk2 | 0 = NEIN-(0), 1 = JA-(1)
co1208	Frostschutz_Rk2	-	-	bit	r	-	-	-	CL1209: Frostschutzbetrieb Rk2 | 0 = NEIN-(0), 1 = JA-(1)
co1211	WMZ_Dfluss_Beg__2	-	-	bit	r	-	-	-	CL1212: Durchflußbegrenzung #2 aktiv (CO6,Fb13) | 0 = NEIN-(0), 1 = JA-(1)
co1212	WMZ_Leist_Beg__2	-	-	bit	r	-	-	-	CL1213: Leistungsbegrenzung #2 aktiv (CO6,Fb14) | 0 = NEIN-(0), 1 = JA-(1)
co1224	FB01_RF2_co1224	-	-	bit	rw	-	-	-	CL1225: FB01: Raumfühler RF2 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co1226	FB03_RueF2_Rk2_co1226	-	-	bit	rw	-	-	-	CL1227: FB03: Rücklauffühler RüF2 Rk2 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co1227	FB04_Kaelte_Rk2_co1227	-	-	bit	rw	-	-	-	CL1228: FB04: Kälteregelung in Rk2 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co1228	FB05_FBH_Rk2_co1228	-	-	bit	rw	-	-	-	CL1229: FB05: Fußbodenheizung Rk2 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co1230	FB07_OptimierRk2_co1230	-	-	bit	rw	-	-	-	CL1231: FB07: Optimierung Rk2 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co1231	FB08_Adapt_Rk2_co1231	-	-	bit	rw	-	-	-	CL1232: FB08: Adaption Rk2 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co1232	FB09_KurzztAdRk2_co1232	-	-	bit	rw	-	-	-	CL1233: FB09: Kurzzeitadaption Rk2 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co1234	FB11_4P_HKL_Rk2_co1234	-	-	bit	rw	-	-	-	CL1235: FB11: 4-Punkte-Kennlinie Rk2 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co1235	FB12_3Pkt_RegRk2_co1235	-	-	bit	rw	-	-	-	CL1236: FB12: Regelungsart 3-Pkt (Rk2) / 0...10V (Y2) | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co1236	FB13_Beg_xd_Rk2_co1236	-	-	bit	rw	-	-	-	CL1237: FB13: Begrenzung d. Regelabweichung AUF-Signal Rk2 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co1237	FB14_Freig_Rk2_co1237	-	-	bit	rw	-	-	-	CL1238: FB14: Freigabe Rk2 an Eingang BE2 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co1799	Auto_TW	-	-	bit	r	-	-	-	CL1800: Zeitabhängiger Betrieb Trinkwasser | 0 = NEIN-(0), 1 = JA-(1)
co1800	Therm_Des_TW	-	-	bit	r	-	-	-	CL1801: Thermische Desinfektion Trinkwasserkreis aktiv | 0 = NEIN-(0), 1 = JA-(1)
co1801	Vorrang_TW	-	-	bit	r	-	-	-	CL1802: Vorrangbetrieb Trinkwasserkreis aktiv | 0 = NEIN-(0), 1 = JA-(1)
co1802	MaxLadetempbg_TW	-	-	bit	r	-	-	-	CL1803: Maximale Ladetemperaturbegrenzung aktiv | 0 = NEIN-(0), 1 = JA-(1)
co1803	Ruecklbeg_TW	-	-	bit	r	-	-	-	CL1804: Rücklauftemperaturbegr. Trinkwasserkreis aktiv | 0 = NEIN-(0), 1 = JA-(1)
co1804	Standby_TW	-	-	bit	r	-	-	-	CL1805: Standby-Betrieb Trinkwasser | 0 = NEIN-(0), 1 = JA-(1)
co1805	Frostschutz_TW	-	-	bit	r	-	-	-	CL1806: Frostschutzbetrieb Trinkwasser | 0 = NEIN-(0), 1 = JA-(1)
co1806	Zwangslad_TW	-	-	bit	rw	-	-	-	CL1807: Zwangsladung Trinkwasserspeicher | 0 = NEIN-(0), 1 = JA-(1)
co1807	Solar_UP_TW	-	-	bit	r	-	-	-	CL1808: Solarkreis-Umwälzpumpe aktiv | 0 = NEIN-(0), 1 = JA-(1)
co1808	SF2_anstatt_SF1	-	-	bit	rw	-	-	-	CL1809: Zwangsladung durch Umschaltung von SF1 auf SF2 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co1809	Speicherlad_TW	-	-	bit	r	-	-	-	CL1810: Anzeige Speicherladung aktiv | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co1810	Speicherlad_En	-	-	bit	rw	-	-	-	CL1811: Freigabe Speicherladung 1 = Freigabe | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co1811	SpeicherladSperr	-	-	bit	r	-	-	-	CL1812: Anzeige Speicherladung gesperrt (Entladeschutz) | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co1824	FB01_SF1_co1824	-	-	bit	rw	-	-	-	CL1825: FB01: Speicherfühler SF1 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co1825	FB02_SF2_co1825	-	-	bit	rw	-	-	-	CL1826: FB02: Speicherfühler SF2 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co1826	FB03_RueF2_co1826	-	-	bit	rw	-	-	-	CL1827: FB03: Rücklauffühler RüF2 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co1827	FB04_WSS_FDS_co1827	-	-	bit	rw	-	-	-	CL1828: FB04: Wasserströmungssensor / Fließdruckschalter | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co1828	FB05_VF4_co1828	-	-	bit	rw	-	-	-	CL1829: FB05: Vorlauffühler VF4 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co1829	FB06_Parallel_TW_co1829	-	-	bit	rw	-	-	-	CL1830: FB06: Pumpenparallellauf | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co1830	FB07_Zwischenhzg_co1830	-	-	bit	rw	-	-	-	CL1831: FB07: Zwischenheizbetrieb | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co1831	FB08_Vorrang_Inv_co1831	-	-	bit	rw	-	-	-	CL1832: FB08: Vorrang durch Inversbetrieb | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co1832	FB09_Vorrang_Abs_co1832	-	-	bit	rw	-	-	-	CL1833: FB09: Vorrang durch Absenkbetrieb | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co1833	FB10_ZP_in_WT_co1833	-	-	bit	rw	-	-	-	CL1834: FB10: ZP in Wärmetauscher eingebunden | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co1834	FB11_ZPbeimLaden_co1834	-	-	bit	rw	-	-	-	CL1835: FB11: Betrieb der ZP bei Speicherladung | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co1835	FB12_3Pkt_Reg_TW_co1835	-	-	bit	rw	-	-	-	CL1836: FB12: Regelungsart 3-Pkt (Rk2) / 0...10V (Y2) TW | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co1836	FB13_Beg_Regdiff_co1836	-	-	bit	rw	-	-	-	CL1837: FB13: Begrenzung der Regelabweichung AUF-Signal TW | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co1837	FB14_ThermDes_co1837	-	-	bit	rw	-	-	-	CL1838: FB14: Thermische Desinfektion | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co1838	FB15_SLP_abh_RueF_co1838	-	-	bit	rw	-	-	-	CL1839: FB15: SLP ein in Abhängigkeit der Rücklauftemp | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co1839	FB16_Bed_Prio_co1839	-	-	bit	rw	-	-	-	CL1840: FB16: Externer Bedarf hat Priorität | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co1842	FB19_SF_Umschalt	-	-	bit	rw	-	-	-	CL1843: FB19: Zeitprogrammgest. Speicherfühlerumschaltung | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co1843	FB20_Durchgngreg_co1843	-	-	bit	rw	-	-	-	CL1844: FB20: TW-Kreis nachgeregelt mit Durchgangsventil | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co1844	FB21_Drehz_Ladep_co1844	-	-	bit	rw	-	-	-	CL1845: FB21: Drehzahlregelung der Ladepumpe | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co2100	FB01_RF1_co2100	-	-	bit	rw	-	-	-	CL2101: FB01: Raumfühler RF1 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co2101	FB02_AF1_Rk1	-	-	bit	rw	-	-	-	CL2102: FB02: Außenfühler AF1 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co2102	FB03_RueF1_Rk1_co2102	-	-	bit	rw	-	-	-	CL2103: FB03: Rücklauffühler RüF1 Rk1 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co2103	FB04_Kaelte_Rk1_co2103	-	-	bit	rw	-	-	-	CL2104: FB04: Kälteregelung in Rk1 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co2104	FB05_FBH_Rk1_co2104	-	-	bit	rw	-	-	-	CL2105: FB05: Fußbodenheizung Rk1 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co2105	FB06_SF2	-	-	bit	rw	-	-	-	CL2106: FB06: Speichersensor SF2 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co2106	FB07_OptimierRk1_co2106	-	-	bit	rw	-	-	-	CL2107: FB07: Optimierung Rk1 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co2107	FB08_Adapt_Rk1_co2107	-	-	bit	rw	-	-	-	CL2108: FB08: Adaption Rk1 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co2108	FB09_KurzztAdRk1_co2108	-	-	bit	rw	-	-	-	CL2109: FB09: Kurzzeitadaption Rk1 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co2110	FB11_4P_HKL_Rk1_co2110	-	-	bit	rw	-	-	-	CL2111: FB11: 4-Punkte-Kennlinie Rk1 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co2111	FB12_3Pkt_RegRk1_co2111	-	-	bit	rw	-	-	-	CL2112: FB12: Regelungsart 3-Pkt (Rk1) / 0-10V (Kl. 20/21) | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co2112	FB13_Beg_xd_Rk1_co2112	-	-	bit	rw	-	-	-	CL2113: FB13: Begrenzung d. Regelabweichung AUF-Signal Rk1 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co2113	FB14_Freig_Rk1_co2113	-	-	bit	rw	-	-	-	CL2114: FB14: Freigabe Rk1 an Eingang BE15 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co2114	FB15_Bedarf_co2114	-	-	bit	rw	-	-	-	CL2115: FB15: Bedarfsverarbeitung in Rk1 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co2115	FB16_10V_Bedarf_co2115	-	-	bit	rw	-	-	-	CL2116: FB16: Bedarfsverarbeitung 0-10V in Rk1 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co2116	FB17_bin_Bedarf_co2116	-	-	bit	rw	-	-	-	CL2117: FB17: Bedarfsverarbeitung binär in Rk1 (Kl. 17/18) | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co2117	FB18_maxVL-Soll_co2117	-	-	bit	rw	-	-	-	CL2118: FB18: Max. Vorlaufsollwert mittels 0-10V anfordern | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co2119	FB20_ExtWaermean_co2119	-	-	bit	rw	-	-	-	CL2120: FB20: Externe Wärmeanforderung bei Unterversorgung | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co2120	FB21_Drehz_Ladep_co2120	-	-	bit	rw	-	-	-	CL2121: FB21: Drehzahlregelung der Ladepumpe | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co2121	FB22_SLP_abh_RueF_co2121	-	-	bit	rw	-	-	-	CL2122: FB22: SLP ein in Abhängigkeit der Rücklauftemp | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co2122	FB23_Spreiz_Reg	-	-	bit	rw	-	-	-	CL2123: FB23: Spreizungsregelung | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co2123	FB24_Nur_Bed_Rk1	-	-	bit	rw	-	-	-	CL2124: FB24: Rk1 ist Zubringerkreis; UP1 nur nach Bedarf | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co2200	FB01_RF2_co2200	-	-	bit	rw	-	-	-	CL2201: FB01: Raumfühler RF2 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co2201	FB02_AF_Rk2	-	-	bit	rw	-	-	-	CL2202: FB02: Außenfühler (CL1224) | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co2202	FB03_RueF2_Rk2_co2202	-	-	bit	rw	-	-	-	CL2203: FB03: Rücklauffühler RüF2 Rk2 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co2203	FB04_Kaelte_Rk2_co2203	-	-	bit	rw	-	-	-	CL2204: FB04: Kälteregelung in Rk2 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co2204	FB05_FBH_Rk2_co2204	-	-	bit	rw	-	-	-	CL2205: FB05: Fußbodenheizung Rk2 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co2206	FB07_OptimierRk2_co2206	-	-	bit	rw	-	-	-	CL2207: FB07: Optimierung Rk2 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co2207	FB08_Adapt_Rk2_co2207	-	-	bit	rw	-	-	-	CL2208: FB08: Adaption Rk2 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co2208	FB09_KurzztAdRk2_co2208	-	-	bit	rw	-	-	-	CL2209: FB09: Kurzzeitadaption Rk2 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co2210	FB11_4P_HKL_Rk2_co2210	-	-	bit	rw	-	-	-	CL2211: FB11: 4-Punkte-Kennlinie Rk2 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co2211	FB12_3Pkt_RegRk2_co2211	-	-	bit	rw	-	-	-	CL2212: FB12: Regelungsart 3-Pkt (Rk2) | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co2212	FB13_Beg_xd_Rk2_co2212	-	-	bit	rw	-	-	-	CL2213: FB13: Begrenzung d. Regelabweichung AUF-Signal Rk2 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co2213	FB14_Freig_Rk2_co2213	-	-	bit	rw	-	-	-	CL2214: FB14: Freigabe Rk2 an Eingang BE16 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co2215	FB16_10V_Bed_Rk2	-	-	bit	rw	-	-	-	CL2216: FB16: Bedarfsverarbeitung 0-10V in Rk2 | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co2223	FB24_Nur_Bed_Rk2	-	-	bit	rw	-	-	-	CL2224: FB24: Rk2 ist Zubringerkreis; UP2 nur nach Bedarf | 0 = INAKTIV-(0), 1 = AKTIV-(1)
co9909	FB15_ZL_SFumsch	-	-	bit	rw	-	-	-	CL9910: FB15: Zwangsladung Puffer mit SF-Umschaltung | 0 = INAKTIV-(0), 1 = AKTIV-(1)
