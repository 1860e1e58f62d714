// The built-in datasets as byte arrays, via C23 #embed. A C target builds in
// seconds where a Swift array literal of the same bytes takes minutes and
// gigabytes, and the compiler records the embedded files as dependencies, so
// rewriting a .cqdb (swift run cq-pack) rebuilds this file. The .cqdb files
// are excluded from the target's sources in Package.swift.

// #embed is standard C23; SwiftPM compiles C targets as an earlier standard,
// where clang accepts it as an extension and warns.
#pragma clang diagnostic ignored "-Wc23-extensions"

#include "CEmbeddedData.h"

// 16-byte alignment is not required (the decoder reads unaligned) but lets
// bulk copies start on a vector boundary.
static const unsigned char world_bytes[] __attribute__((aligned(16))) = {
#embed "world.cqdb"
};

static const unsigned char paper_bytes[] __attribute__((aligned(16))) = {
#embed "paper.cqdb"
};

static const unsigned char extended_bytes[] __attribute__((aligned(16))) = {
#embed "extended.cqdb"
};

const unsigned char *cq_embedded_world(size_t *length) {
    *length = sizeof world_bytes;
    return world_bytes;
}

const unsigned char *cq_embedded_paper(size_t *length) {
    *length = sizeof paper_bytes;
    return paper_bytes;
}

const unsigned char *cq_embedded_extended(size_t *length) {
    *length = sizeof extended_bytes;
    return extended_bytes;
}
