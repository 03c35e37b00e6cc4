/* Growing a heap array by doubling: the one helper every list in lpcheck uses. */
#include "config.h"
#include <stdint.h>
#include <stdlib.h>
#include "array.h"

bool lp_array_grow(void **arr, size_t *alloc, size_t need, size_t size)
{
	size_t n;
	void *p;

	if (need <= *alloc)
		return true;
	n = *alloc ? *alloc : 8;
	while (n < need) {
		if (n > SIZE_MAX / 2)
			return false;
		n *= 2;
	}
	if (size && n > SIZE_MAX / size)
		return false;
	p = realloc(*arr, n * size);
	if (p == NULL)
		return false;
	*arr = p;
	*alloc = n;
	return true;
}
