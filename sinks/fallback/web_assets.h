/*
 * web_assets.h - the page's files inside the binary. The real table is
 * generated at build time from web/ (web/embed.cmake); this fallback, used
 * only while web/ is not in the tree, serves one placeholder page.
 */
#ifndef METERD_WEB_ASSETS_H
#define METERD_WEB_ASSETS_H

#include <stddef.h>

struct web_asset {
	const char          *path;
	const char          *content_type;
	const unsigned char *gz;
	size_t               gz_len;
	const char          *etag;
};

/* "/" is "/index.html"; NULL when there is no such asset. */
const struct web_asset *web_asset_find(const char *path);

#endif
