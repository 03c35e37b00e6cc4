/* Live patch records: components, build IDs, V-Rs, Provides and payload names. */
#ifndef LPCHECK_RECORD_H
#define LPCHECK_RECORD_H
#include <stdbool.h>
#include <stddef.h>

enum lp_component { LP_XEN = 0, LP_KERNEL = 1 };
#define LP_NCOMPONENTS 2
#define LP_COMPONENT_NONE (-1) /* a problem that names no component: printed "all" */

const char *lp_component_name(int component);
/* Case-insensitive "xen" / "kernel"; returns the component or -1. */
int lp_component_parse(const char *s, size_t n);
/* "/usr/lib/xen-livepatch", "/usr/lib/kernel-livepatch" (no trailing slash). */
const char *lp_component_dir(enum lp_component c);
/* "livepatch" for Xen, "ko" for the kernel. */
const char *lp_component_ext(enum lp_component c);
/* The length at which payload names may have been cut: 128 (Xen), 55 (kernel). */
size_t lp_component_name_limit(enum lp_component c);

#define LP_BUILDID_MIN 16
#define LP_BUILDID_MAX 128
/*
 * A build ID is an even number of hex digits, 16 to 128 of them. Writes the
 * lowercase form to out (LP_BUILDID_MAX + 1 bytes). With allow_upper false an
 * uppercase digit is refused (directory names: the toolstack looks up lowercase).
 */
bool lp_buildid_normalise(const char *s, size_t n, bool allow_upper, char *out);

/* An rpm version-release pair (no epoch). Invariant: v and r non-empty, one allocation. */
struct lp_vr {
	char *v; /* owns the allocation; r points into it */
	char *r;
};

/* Splits "V-R" at its single '-'; false if there is not exactly one or a side is empty. */
bool lp_vr_parse(const char *s, size_t n, struct lp_vr *out);
/* True when s is a V-R as rpm writes one: one '-', each side of letters, digits and ._+~^. */
bool lp_vr_text_valid(const char *s);
bool lp_vr_set(struct lp_vr *out, const char *v, size_t vn, const char *r, size_t rn);
void lp_vr_release(struct lp_vr *vr);
/* The one way a V-R is written: printf(LP_VR_FMT, LP_VR_ARGS(vr)) gives "V-R". */
#define LP_VR_FMT "%s-%s"
#define LP_VR_ARGS(vr) (vr)->v, (vr)->r
/* rpmvercmp on version, then release. */
int lp_vr_cmp(const struct lp_vr *a, const struct lp_vr *b);

/*
 * One live patch. Invariant: base and to are set, build_id is a normalised
 * build ID; pkg is the owning package (NULL while parsing Provides).
 */
struct lp_package;
struct lp_record {
	enum lp_component component;
	char build_id[LP_BUILDID_MAX + 1];
	struct lp_vr base;
	struct lp_vr to;
	bool cut;      /* the target is known only as a prefix: read from a payload name at its length limit */
	bool name_cut; /* the payload name is at the length limit (Provides may still give the full V-Rs) */
	const struct lp_package *pkg;
};
void lp_record_release(struct lp_record *rec);
/*
 * The order of targets for the newest-target choice (doc/rules.md §3). A cut
 * target (read from a payload name at its length limit) is only a prefix: it
 * equals a target it starts, and is older than a full target it does not
 * start, so it never beats one; two cut targets are equal when one starts the
 * other. Otherwise rpmvercmp.
 */
int lp_record_target_cmp(const struct lp_record *a, const struct lp_record *b);

/* True when name starts with "livepatch(": such a Provides must parse. */
bool lp_provides_is_livepatch(const char *name);
/*
 * Parses livepatch(component/C/base/V-R/to/V-R/base-buildid/ID). On failure
 * returns false and points *why at a static explanation.
 */
bool lp_provides_parse(const char *name, struct lp_record *out, const char **why);

/*
 * A payload stem (file name without ".livepatch"/".ko", or a module name):
 * lp_<bv>__<br>__<tv>__<tr> with '.' written as '_'. Fills base/to with '_'
 * turned back into '.', and cut when the stem is at the component's limit.
 */
bool lp_payload_parse(enum lp_component c, const char *stem, size_t n, struct lp_vr *base,
		      struct lp_vr *to, bool *cut);
/* The stem a payload for base -> to has (cut at the component's limit); caller frees. */
char *lp_payload_stem(enum lp_component c, const struct lp_vr *base, const struct lp_vr *to);
/* True when stem names the payload for base -> to, as a prefix when it is at the limit. */
bool lp_payload_matches(enum lp_component c, const char *stem, size_t n, const struct lp_vr *base,
			const struct lp_vr *to);

/* An applied live patch as the host reports it (a module or payload name). */
struct lp_applied {
	struct lp_vr to;
	char *name; /* the stem as read, for prefix comparison when cut */
	bool cut;   /* the name is at the component's length limit */
};
void lp_applied_release(struct lp_applied *a);
/* "V-R" given by the user (macro or option). */
bool lp_applied_from_vr(struct lp_applied *a, const char *vr);

#endif
