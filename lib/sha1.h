/*
 * sha1.h - git blob ids with the CPU's SHA instructions.
 *
 * cb hashes every blob it reads from git, to be sure the text it judges is
 * the text the commit names. libgit2's SHA-1 detects collision attacks
 * (sha1dc) and runs at a quarter of the speed of the x86-64 SHA
 * extensions; on a large --rev check that was 9 % of the time. Where the
 * CPU has them, cb check hashes with them; elsewhere it keeps libgit2's.
 * Plain SHA-1 finds any change to an object but a crafted collision, and
 * git refuses to store either half of one (it hashes with sha1dc), so cb
 * audit, which answers "was this changed?", keeps sha1dc everywhere.
 */
#ifndef CB_SHA1_H
#define CB_SHA1_H

#include <stddef.h>

/*
 * Whether this CPU has the SHA extensions: cb_sha1_blob works only then.
 * It executes cpuid, which a virtual machine may trap (microseconds):
 * ask once, not per blob.
 */
int cb_sha1_hw(void);

/*
 * The git id of a blob: the SHA-1 of "blob <len>\0" and the `len` bytes.
 * 0; -1 in a build for a CPU without the extensions (not x86-64). On an
 * x86-64 CPU without them it faults: call it only after cb_sha1_hw().
 */
int cb_sha1_blob(unsigned char out[20], const void *data, size_t len);

#endif
