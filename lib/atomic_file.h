/* Writing a small file whole or not at all. */
#ifndef LPCHECK_ATOMIC_FILE_H
#define LPCHECK_ATOMIC_FILE_H
#include <stddef.h>

/*
 * Writes data to path through a new file in the same directory and a rename,
 * so readers see the old file or the new one, and a symlink at path is
 * replaced, never followed. Missing directories are made (0755); the file is
 * 0644. Returns 0 or an errno value.
 */
int lp_write_file_atomically(const char *path, const char *data, size_t n);

#endif
