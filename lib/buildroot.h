/*
 * What rpmbuild's buildroot says, for validation inside rpmbuild: the
 * livepatch() Provides a payload path carries (the file attribute generator
 * `lpcheck provides`), and the live patch layout of a whole buildroot
 * (`lpcheck scan --buildroot`, behind %livepatch_check).
 */
#ifndef LPCHECK_BUILDROOT_H
#define LPCHECK_BUILDROOT_H
#include <stdbool.h>
#include <stddef.h>
#include "log.h"
#include "package.h"

/* At most this many entries are read under the component directories of a buildroot. */
#define LP_BUILDROOT_MAX_ENTRIES 200000

/*
 * The Provides of one payload path (a buildroot path is fine: the last
 * "/usr/lib/<c>-livepatch/<build id>/lp_*.<ext>" in it counts). target: the
 * spec's %livepatch_target (V-R) or NULL. Returns the Provides (caller
 * frees), or NULL with *why set to a sentence (the path is not a payload,
 * the name does not parse, a cut name without a target, a target that
 * disagrees with the name); *why is NULL for paths that are simply not
 * payloads (the livepatch.<ext> symlink, directories).
 */
char *lp_provides_for_payload(const char *path, const char *target, const char **why);

/*
 * Reads the live patch layout under root (a buildroot) into a finished
 * package named by the given N/V/R/A (NULL parts: "buildroot"), with modes
 * and symlink targets. Returns NULL with err set when root cannot be read.
 */
struct lp_package *lp_buildroot_read(const char *root, const char *name, const char *version,
				     const char *release, const char *arch, char *err, size_t errlen);

#endif
