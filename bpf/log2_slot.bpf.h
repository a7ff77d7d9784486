/* bpftrace's hist() slot for a value, shared by the BPF tracers. */
#ifndef SYSCOST_LOG2_SLOT_BPF_H
#define SYSCOST_LOG2_SLOT_BPF_H

#include <linux/types.h>

/* 1 for 0, else 2 + floor(log2(v)): slot k >= 2 holds [2^(k-2), 2^(k-1)).
 * Branch-free, so the verifier sees one short path. At most 65. */
static __always_inline __u32 log2_slot(__u64 v)
{
    __u32 r = 0, shift;

    if (v == 0)
        return 1;
    shift = (v > 0xffffffffULL) << 5; v >>= shift; r |= shift;
    shift = (v > 0xffff) << 4; v >>= shift; r |= shift;
    shift = (v > 0xff) << 3; v >>= shift; r |= shift;
    shift = (v > 0xf) << 2; v >>= shift; r |= shift;
    shift = (v > 0x3) << 1; v >>= shift; r |= shift;
    r |= (v >> 1);
    return r + 2;
}

#endif
