/* Photos: image dimensions read from file headers, and scaling down with libgd. */
#ifndef CRM_IMAGE_H
#define CRM_IMAGE_H

#include <stddef.h>
#include "crm/pool.h"

/* Decoding allocates 4 bytes a pixel: larger images are refused before decoding. */
#define CRM_IMAGE_MAX_PIXELS (25 * 1000 * 1000)
#define CRM_IMAGE_MAX_SIDE 16384

/* Width and height from the header of a PNG, GIF (its logical screen), JPEG or WebP
 * file (the canvas): 0, or -1 when the bytes are none of these or truncated. */
int crm_image_size(const unsigned char *p, size_t n, int *w, int *h);
/* The size of a w x h image scaled down, keeping its aspect ratio, to fit max_w x
 * max_h; an image that already fits keeps its size. */
void crm_image_fit_size(int w, int h, int max_w, int max_h, int *out_w, int *out_h);

typedef struct crm_image {
	const char *data; /* in the pool */
	size_t len;
	const char *mime; /* "image/jpeg" or "image/png" */
	int w, h;
} crm_image;

/* Decode data (mime is what libmagic found: image/jpeg, png, gif or webp), scale it down
 * to fit max_w x max_h and encode it again: JPEG, or PNG when it has transparency.
 * 0, or CRM_EINVAL with an i18n key in *err_key. */
int crm_image_fit(crm_pool *p, const char *mime, const void *data, size_t len, int max_w,
		  int max_h, crm_image *out, const char **err_key);

#endif
