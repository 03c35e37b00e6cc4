/* Growing a heap array by doubling: the one helper every list in lpcheck uses. */
#ifndef LPCHECK_ARRAY_H
#define LPCHECK_ARRAY_H
#include <stdbool.h>
#include <stddef.h>

/*
 * Makes *arr (of *alloc elements of size bytes) hold at least need elements,
 * doubling from 8. On failure *arr and *alloc are left as they were.
 */
bool lp_array_grow(void **arr, size_t *alloc, size_t need, size_t size);

#endif
