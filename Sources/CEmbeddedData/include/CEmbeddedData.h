// The built-in datasets, compiled into the binary as bytes in cq's binary
// dataset format (see DatasetCodec.swift). Only CQBuiltins reads them.
#ifndef CQ_EMBEDDED_DATA_H
#define CQ_EMBEDDED_DATA_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The encoded `world` dataset; stores its byte count in *length.
const unsigned char *cq_embedded_world(size_t *length);

/// The encoded `paper` dataset; stores its byte count in *length.
const unsigned char *cq_embedded_paper(size_t *length);

/// The encoded `extended` dataset; stores its byte count in *length.
const unsigned char *cq_embedded_extended(size_t *length);

#ifdef __cplusplus
}
#endif

#endif
