/* Writes a test picture to stdout: mkimage jpeg|png|gif|webp WIDTH HEIGHT [alpha].
 * A smooth gradient (small once compressed, whatever its size); "alpha" makes its
 * left half transparent (PNG and WebP keep it). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gd.h>

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: %s jpeg|png|gif|webp WIDTH HEIGHT [alpha]\n", argv[0]);
		return 2;
	}
	int w = atoi(argv[2]), h = atoi(argv[3]), alpha = argc > 4 && !strcmp(argv[4], "alpha");
	gdImagePtr im = w > 0 && h > 0 ? gdImageCreateTrueColor(w, h) : NULL;
	if (!im) {
		fprintf(stderr, "mkimage: bad size\n");
		return 2;
	}
	gdImageAlphaBlending(im, 0);
	gdImageSaveAlpha(im, alpha);
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++)
			gdImageSetPixel(im, x, y, gdTrueColorAlpha(x * 255 / w, y * 255 / h, 128,
								     alpha && x < w / 2 ? gdAlphaTransparent : 0));
	int size = 0;
	void *out = NULL;
	if (!strcmp(argv[1], "jpeg"))
		out = gdImageJpegPtr(im, &size, 90);
	else if (!strcmp(argv[1], "png"))
		out = gdImagePngPtr(im, &size);
	else if (!strcmp(argv[1], "gif"))
		out = gdImageGifPtr(im, &size);
	else if (!strcmp(argv[1], "webp"))
		out = gdImageWebpPtr(im, &size);
	gdImageDestroy(im);
	if (!out || size <= 0 || fwrite(out, 1, (size_t)size, stdout) != (size_t)size) {
		fprintf(stderr, "mkimage: cannot write %s\n", argv[1]);
		gdFree(out);
		return 1;
	}
	gdFree(out);
	return 0;
}
