/*
 * camera.h - camera meters: a water meter read from snapshots.
 *
 *   camera "water" {
 *       url http://192.168.1.50/capture    # or file:/path/to/snapshot.jpg
 *       config /etc/meterd/water/config.ini # AI-on-the-edge config.ini
 *       interval 5m
 *   }
 *
 * Every interval a worker thread fetches the snapshot (libcurl, with a
 * timeout and a size limit) and runs the vision pipeline (vision/vision.h,
 * about 100 ms). The result comes back to the loop through a pipe watched
 * by an ev_io, where the plausibility rules (vision/plausible.h) decide and
 * the value is published into the seam (protocol "camera", quantity water,
 * class total). Metering on the loop never waits for a camera.
 */
#ifndef METERD_CAMERA_H
#define METERD_CAMERA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cfg;
struct cfg_section;
struct cfg_diag;
struct ev_loop;
struct readings;
struct camera;

/* sections.def: checks one `camera` block (keys, the config.ini and its models). */
int camera_check(const struct cfg_section *s, struct cfg_diag *d);

/* Starts every camera block of c (a block that cannot start is logged and
 * left out). Returns the list, NULL when there is none. */
struct camera *camera_start_all(struct ev_loop *loop, struct readings *rd, const struct cfg *c);
/*
 * Where a restarted daemon finds each camera value's previous reading (the
 * history store's last total for "<camera>/<sequence>"): the plausibility
 * rules start from it when it is younger than PreValueAgeStartup, as
 * AI-on-the-edge does with prevalue.ini.
 */
void camera_set_last_total(struct camera *list,
                           bool (*last)(void *arg, const char *id, double *v, int64_t *wall_ms),
                           void *arg);

/* Stops them (waits for a round in progress: at most the fetch timeout). */
void camera_stop_all(struct camera *list);

/*
 * The last snapshot of camera `name`, aligned, with its ROIs drawn (green
 * digits, red pointers), as a malloc'd JPEG, and when it was taken. For the
 * web page's "what was read" view. Returns 0, or -1 when there is none.
 * Safe to call from the loop at any time.
 */
int camera_last_snapshot(const char *name, uint8_t **jpeg, size_t *len, int64_t *taken_ms);

#endif
