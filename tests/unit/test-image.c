/* Unit tests for core/image.c: the size read from each format's header (and refusals
 * of truncated or foreign bytes), the scaled size, and a real decode-scale-encode. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include <gd.h>
#include "crm/plugin.h"
#include "image.h"

#define B(s) (const unsigned char *)(s), sizeof(s) - 1

static const struct {
	const char *name;
	const unsigned char *bytes;
	size_t n;
	int want_w, want_h; /* 0, 0: refused */
} headers[] = {
	{"png", B("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\x0b\xb8\0\0\x07\xd0\x08\x06\0\0\0"), 3000, 2000},
	{"png cut in the header", B("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\x0b\xb8\0\0\x07"), 0, 0},
	{"png of zero width", B("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\0\0\0\x07\xd0"), 0, 0},
	{"png width over 2^31", B("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\xff\0\0\0\0\0\0\x01"), 0, 0},
	{"gif87a", B("GIF87a\x0a\0\x14\0\x80\0\0"), 10, 20},
	{"gif89a", B("GIF89a\xff\xff\x01\0\0\0\0"), 65535, 1},
	{"gif too short", B("GIF89a\x0a\0\x14"), 0, 0},
	{"jpeg, APP0 then SOF0",
	 B("\xff\xd8\xff\xe0\0\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0\xff\xc0\0\x11\x08\0\x64\0\xc8\x03"), 200, 100},
	{"jpeg, DHT skipped, fill bytes, progressive SOF2",
	 B("\xff\xd8\xff\xc4\0\x04\0\0\xff\xff\xff\xc2\0\x11\x08\x01\x2c\0\xc8\x03"), 200, 300},
	{"jpeg, scan before any frame", B("\xff\xd8\xff\xda\0\x08\0\0\0\0\0\0"), 0, 0},
	{"jpeg, segment past the end", B("\xff\xd8\xff\xe1\x7f\xff\0\0"), 0, 0},
	{"jpeg, SOF cut", B("\xff\xd8\xff\xc0\0\x11\x08\0"), 0, 0},
	{"webp lossy",
	 B("RIFF\0\0\0\0WEBPVP8 \0\0\0\0\0\0\0\x9d\x01\x2a\x90\x01\xc8\0\0\0"), 400, 200},
	{"webp lossy, bad start code",
	 B("RIFF\0\0\0\0WEBPVP8 \0\0\0\0\0\0\0\x9d\x01\x2b\x90\x01\xc8\0\0\0"), 0, 0},
	{"webp lossless", B("RIFF\0\0\0\0WEBPVP8L\0\0\0\0\x2f\x63\xc0\x31\0\0\0\0\0\0"), 100, 200},
	{"webp extended", B("RIFF\0\0\0\0WEBPVP8X\0\0\0\0\x10\0\0\0\x0f\x27\0\x0f\x27\0"), 10000, 10000},
	{"text", B("just some text, long enough to be any header at all......"), 0, 0},
	{"empty", B(""), 0, 0},
};

static void test_headers(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof headers / sizeof headers[0]; i++) {
		int w = -7, h = -7;
		int rc = crm_image_size(headers[i].bytes, headers[i].n, &w, &h);
		if (!headers[i].want_w) {
			if (rc == 0)
				fail_msg("%s: accepted as %dx%d", headers[i].name, w, h);
			continue;
		}
		if (rc || w != headers[i].want_w || h != headers[i].want_h)
			fail_msg("%s: rc %d, %dx%d, want %dx%d", headers[i].name, rc, w, h, headers[i].want_w,
				 headers[i].want_h);
	}
}

static const struct {
	int w, h, max_w, max_h, want_w, want_h;
} fits[] = {
	{3000, 2000, 200, 300, 200, 133}, /* wide: the width limits */
	{600, 1200, 200, 300, 150, 300},  /* tall: the height limits */
	{200, 300, 200, 300, 200, 300},   /* exactly the box */
	{100, 50, 200, 300, 100, 50},     /* smaller: never scaled up */
	{201, 300, 200, 300, 200, 299},   /* rounded to the nearest pixel */
	{10000, 1, 200, 300, 200, 1},     /* a line keeps one pixel */
	{1, 10000, 200, 300, 1, 300},
	{400, 600, 200, 300, 200, 300},   /* same ratio as the box */
};

static void test_fit_size(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof fits / sizeof fits[0]; i++) {
		int w, h;
		crm_image_fit_size(fits[i].w, fits[i].h, fits[i].max_w, fits[i].max_h, &w, &h);
		if (w != fits[i].want_w || h != fits[i].want_h)
			fail_msg("%dx%d in %dx%d: got %dx%d, want %dx%d", fits[i].w, fits[i].h, fits[i].max_w,
				 fits[i].max_h, w, h, fits[i].want_w, fits[i].want_h);
	}
}

/* A picture made here, in each format, through the whole path. */
static void *picture(const char *fmt, int w, int h, int alpha, int *size)
{
	gdImagePtr im = gdImageCreateTrueColor(w, h);
	gdImageAlphaBlending(im, 0);
	gdImageSaveAlpha(im, alpha);
	gdImageFilledRectangle(im, 0, 0, w - 1, h - 1, gdTrueColorAlpha(10, 200, 30, alpha ? 100 : 0));
	void *out = !strcmp(fmt, "image/jpeg") ? gdImageJpegPtr(im, size, 90)
		  : !strcmp(fmt, "image/png")  ? gdImagePngPtr(im, size)
		  : !strcmp(fmt, "image/gif")  ? gdImageGifPtr(im, size)
					       : gdImageWebpPtr(im, size);
	gdImageDestroy(im);
	return out;
}

static const struct {
	const char *mime;
	int w, h, alpha;
	const char *want_mime, *want_err;
	int want_w, want_h;
} pictures[] = {
	{"image/jpeg", 3000, 2000, 0, "image/jpeg", NULL, 200, 133},
	{"image/png", 300, 600, 0, "image/jpeg", NULL, 150, 300},
	{"image/png", 120, 80, 1, "image/png", NULL, 120, 80},
	{"image/gif", 400, 100, 0, "image/jpeg", NULL, 200, 50},
	{"image/webp", 50, 50, 0, "image/jpeg", NULL, 50, 50},
	{"image/bmp", 50, 50, 0, NULL, "core.photo_not_image", 0, 0}, /* PNG bytes, but not a type we read */
};

static void test_fit(void **state)
{
	(void)state;
	crm_pool *p = crm_pool_new();
	for (size_t i = 0; i < sizeof pictures / sizeof pictures[0]; i++) {
		int size = 0;
		const char *enc = strcmp(pictures[i].mime, "image/bmp") ? pictures[i].mime : "image/png";
		void *bytes = picture(enc, pictures[i].w, pictures[i].h, pictures[i].alpha, &size);
		assert_non_null(bytes);
		crm_image out = {0};
		const char *err = NULL;
		int rc = crm_image_fit(p, pictures[i].mime, bytes, (size_t)size, 200, 300, &out, &err);
		if (pictures[i].want_err) {
			assert_int_equal(rc, CRM_EINVAL);
			assert_string_equal(err, pictures[i].want_err);
		} else {
			if (rc)
				fail_msg("%s %dx%d: %s", pictures[i].mime, pictures[i].w, pictures[i].h, err);
			assert_string_equal(out.mime, pictures[i].want_mime);
			int w, h;
			assert_int_equal(crm_image_size((const unsigned char *)out.data, out.len, &w, &h), 0);
			assert_int_equal(w, pictures[i].want_w);
			assert_int_equal(h, pictures[i].want_h);
			assert_int_equal(out.w, w);
			assert_int_equal(out.h, h);
		}
		/* Cut in half, the same bytes no longer decode (or decode what is there). */
		rc = crm_image_fit(p, enc, bytes, 20, 200, 300, &out, &err);
		assert_int_equal(rc, CRM_EINVAL);
		gdFree(bytes);
	}
	crm_pool_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_headers),
		cmocka_unit_test(test_fit_size),
		cmocka_unit_test(test_fit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
