/* Photos: image dimensions read from file headers (so that a small file claiming a
 * huge picture is refused before decoding), and scaling down with libgd. */
#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <gd.h>
#include <gd_errors.h>
#include "crm/plugin.h"
#include "image.h"

static uint32_t be16(const unsigned char *p) { return (uint32_t)p[0] << 8 | p[1]; }
static uint32_t le16(const unsigned char *p) { return (uint32_t)p[1] << 8 | p[0]; }
static uint32_t le24(const unsigned char *p) { return (uint32_t)p[2] << 16 | le16(p); }
static uint32_t be32(const unsigned char *p) { return be16(p) << 16 | be16(p + 2); }
static uint32_t le32(const unsigned char *p) { return (uint32_t)p[3] << 24 | le24(p); }

static int sized(uint32_t w, uint32_t h, int *ow, int *oh)
{
	if (!w || !h || w > INT_MAX || h > INT_MAX)
		return -1;
	*ow = (int)w;
	*oh = (int)h;
	return 0;
}

static int png_size(const unsigned char *p, size_t n, int *w, int *h)
{
	if (n < 24 || memcmp(p, "\x89PNG\r\n\x1a\n", 8) || memcmp(p + 12, "IHDR", 4))
		return -1;
	return sized(be32(p + 16), be32(p + 20), w, h);
}

/* gd refuses a frame reaching past the logical screen, so the screen bounds it. */
static int gif_size(const unsigned char *p, size_t n, int *w, int *h)
{
	if (n < 13 || (memcmp(p, "GIF87a", 6) && memcmp(p, "GIF89a", 6)))
		return -1;
	return sized(le16(p + 6), le16(p + 8), w, h);
}

/* Walk the markers up to the first start-of-frame, which holds the size. */
static int jpeg_size(const unsigned char *p, size_t n, int *w, int *h)
{
	if (n < 4 || p[0] != 0xFF || p[1] != 0xD8)
		return -1;
	size_t i = 2;
	while (i + 2 <= n) {
		if (p[i] != 0xFF)
			return -1;
		unsigned char m = p[i + 1];
		if (m == 0xFF) { /* fill byte */
			i++;
			continue;
		}
		i += 2;
		if (m == 0x01 || (m >= 0xD0 && m <= 0xD8))
			continue; /* no length */
		if (m == 0xD9 || m == 0xDA || i + 2 > n)
			return -1; /* image data or the end before any frame */
		size_t len = be16(p + i);
		if (len < 2)
			return -1;
		if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
			if (len < 7 || i + 7 > n)
				return -1;
			return sized(be16(p + i + 5), be16(p + i + 3), w, h);
		}
		i += len;
	}
	return -1;
}

/* RIFF "WEBP" with one of: VP8 (lossy), VP8L (lossless), VP8X (extended: the canvas). */
static int webp_size(const unsigned char *p, size_t n, int *w, int *h)
{
	if (n < 30 || memcmp(p, "RIFF", 4) || memcmp(p + 8, "WEBP", 4))
		return -1;
	const unsigned char *d = p + 20;
	if (!memcmp(p + 12, "VP8 ", 4)) {
		if (memcmp(d + 3, "\x9d\x01\x2a", 3))
			return -1;
		return sized(le16(d + 6) & 0x3fff, le16(d + 8) & 0x3fff, w, h);
	}
	if (!memcmp(p + 12, "VP8L", 4)) {
		if (d[0] != 0x2f)
			return -1;
		uint32_t bits = le32(d + 1);
		return sized((bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1, w, h);
	}
	if (!memcmp(p + 12, "VP8X", 4))
		return sized(le24(d + 4) + 1, le24(d + 7) + 1, w, h);
	return -1;
}

int crm_image_size(const unsigned char *p, size_t n, int *w, int *h)
{
	if (!p)
		return -1;
	if (!png_size(p, n, w, h) || !gif_size(p, n, w, h) || !jpeg_size(p, n, w, h) ||
	    !webp_size(p, n, w, h))
		return 0;
	return -1;
}

void crm_image_fit_size(int w, int h, int max_w, int max_h, int *out_w, int *out_h)
{
	if (w <= max_w && h <= max_h) {
		*out_w = w;
		*out_h = h;
		return;
	}
	/* The tighter side sets the scale; the other is rounded to the nearest pixel. */
	if ((long long)w * max_h >= (long long)h * max_w) {
		*out_w = max_w;
		*out_h = (int)(((long long)h * max_w + w / 2) / w);
	} else {
		*out_h = max_h;
		*out_w = (int)(((long long)w * max_h + h / 2) / h);
	}
	if (*out_w < 1)
		*out_w = 1;
	if (*out_h < 1)
		*out_h = 1;
}

static bool too_big(int w, int h)
{
	return w > CRM_IMAGE_MAX_SIDE || h > CRM_IMAGE_MAX_SIDE || (long long)w * h > CRM_IMAGE_MAX_PIXELS;
}

static bool has_alpha(gdImagePtr im)
{
	for (int y = 0; y < gdImageSY(im); y++)
		for (int x = 0; x < gdImageSX(im); x++)
			if (gdTrueColorGetAlpha(gdImageTrueColorPixel(im, x, y)))
				return true;
	return false;
}

/* libgd says why a picture did not decode on stderr: into the log instead. */
static void gd_message(int priority, const char *fmt, va_list ap)
{
	char buf[256];
	vsnprintf(buf, sizeof buf, fmt, ap);
	size_t n = strlen(buf);
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		buf[--n] = 0;
	crm_log(priority <= GD_ERROR ? "warn" : "info", "libgd: %s", buf);
}

static pthread_once_t gd_once = PTHREAD_ONCE_INIT;

static void gd_setup(void)
{
	gdSetErrorMethod(gd_message);
}

int crm_image_fit(crm_pool *p, const char *mime, const void *data, size_t len, int max_w,
		  int max_h, crm_image *out, const char **err_key)
{
	int w, h;
	pthread_once(&gd_once, gd_setup);
	*err_key = "core.photo_broken";
	if (len > INT_MAX || crm_image_size(data, len, &w, &h) < 0)
		return CRM_EINVAL;
	if (too_big(w, h)) {
		*err_key = "core.photo_too_many_pixels";
		return CRM_EINVAL;
	}
	gdImagePtr src;
	if (!strcmp(mime, "image/jpeg"))
		src = gdImageCreateFromJpegPtr((int)len, (void *)data);
	else if (!strcmp(mime, "image/png"))
		src = gdImageCreateFromPngPtr((int)len, (void *)data);
	else if (!strcmp(mime, "image/gif"))
		src = gdImageCreateFromGifPtr((int)len, (void *)data);
	else if (!strcmp(mime, "image/webp"))
		src = gdImageCreateFromWebpPtr((int)len, (void *)data);
	else {
		*err_key = "core.photo_not_image";
		return CRM_EINVAL;
	}
	if (!src)
		return CRM_EINVAL;
	int sw = gdImageSX(src), sh = gdImageSY(src), dw, dh;
	/* Palette images (GIF, some PNGs) turn their transparent index into alpha here. */
	if (too_big(sw, sh) || !gdImagePaletteToTrueColor(src)) {
		gdImageDestroy(src);
		return CRM_EINVAL;
	}
	crm_image_fit_size(sw, sh, max_w, max_h, &dw, &dh);
	gdImagePtr dst = gdImageCreateTrueColor(dw, dh);
	if (!dst) {
		gdImageDestroy(src);
		*err_key = "core.internal";
		return CRM_EINTERNAL;
	}
	/* Without blending, the resampled pixels keep their own alpha. */
	gdImageAlphaBlending(dst, 0);
	gdImageSaveAlpha(dst, 1);
	gdImageFilledRectangle(dst, 0, 0, dw - 1, dh - 1, gdTrueColorAlpha(255, 255, 255, gdAlphaTransparent));
	gdImageCopyResampled(dst, src, 0, 0, 0, 0, dw, dh, sw, sh);
	gdImageDestroy(src);
	bool alpha = has_alpha(dst);
	int size = 0;
	void *bytes = alpha ? gdImagePngPtrEx(dst, &size, 9) : gdImageJpegPtr(dst, &size, 85);
	gdImageDestroy(dst);
	if (!bytes || size <= 0) {
		gdFree(bytes);
		*err_key = "core.internal";
		return CRM_EINTERNAL;
	}
	char *copy = crm_palloc(p, (size_t)size);
	memcpy(copy, bytes, (size_t)size);
	gdFree(bytes);
	*out = (crm_image){.data = copy, .len = (size_t)size, .mime = alpha ? "image/png" : "image/jpeg",
			   .w = dw, .h = dh};
	*err_key = NULL;
	return 0;
}
