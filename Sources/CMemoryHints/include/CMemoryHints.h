// Hints to the processor's caches that Swift has no words for.
#ifndef CMEMORYHINTS_H
#define CMEMORYHINTS_H

/// Starts bringing the cache line holding `address` in, to be written soon.
/// A hint only: it never faults, whatever the address, and changes no result.
static inline __attribute__((always_inline)) void cq_prefetch_for_writing(const void *address) {
    __builtin_prefetch(address, 1, 3);
}

#endif
