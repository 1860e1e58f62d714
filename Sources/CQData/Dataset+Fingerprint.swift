public extension Dataset {
    /// A stable 16-hex-digit FNV-1a 64-bit hash of the dataset's encoding, to
    /// tell whether recorded outputs were computed on the same data. Changes
    /// whenever any value, name, label or note changes (and with the codec's
    /// format version, which is part of the encoding). Costs an encode: compute
    /// it when needed, not at start-up.
    var fingerprint: String {
        let bytes = DatasetCodec.encode(self)
        return bytes.withUnsafeBytes { DatasetCodec.fingerprint(of: $0) }
    }
}
