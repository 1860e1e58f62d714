import CEmbeddedData
import CQCore

/// The datasets compiled into the binary (`world`, the default, `paper` and
/// `extended`), decoded from the embedded bytes on demand: no files, no CSV
/// parsing, and a dataset that is not used is never decoded (its bytes stay
/// in the binary's read-only data, never touched).
///
/// The bytes are written by `cq-pack` from `Data/` and checked by the tests
/// (they must decode, and must equal what the CSV loader gives), so a failure
/// to decode them is a broken build, not a user error. `load` therefore stops
/// with `fatalError` (whose message, unlike a precondition's, survives -O)
/// rather than returning nil, which callers would
/// report as "no such dataset" and send the user looking in the wrong place.
/// `decode` is the throwing form, for tests and diagnostics.
public enum BuiltinDatasets {
    public static let names: [String] = ["world", "paper", "extended"]

    /// The dataset called `name`, or nil if there is no built-in of that name.
    /// Decodes on every call (cq-bench's start-up figures include decoding
    /// `world`); callers keep it.
    public static func load(_ name: String) -> Dataset? {
        do {
            return try decode(name)
        } catch {
            fatalError("built-in dataset `\(name)` does not decode (\(error)); run `swift run cq-pack` and the tests")
        }
    }

    /// The dataset called `name`, nil for an unknown name, or the decoding error.
    public static func decode(_ name: String) throws(DatasetCodec.DecodingError) -> Dataset? {
        guard let bytes = bytes(name) else { return nil }
        return try DatasetCodec.decode(bytes)
    }

    /// The embedded encoding of `name`. It lives in the binary's read-only data
    /// for the life of the process, so the buffer never dangles.
    public static func bytes(_ name: String) -> UnsafeRawBufferPointer? {
        var length = 0
        let start: UnsafePointer<UInt8>?
        switch name {
        case "world": start = cq_embedded_world(&length)
        case "paper": start = cq_embedded_paper(&length)
        case "extended": start = cq_embedded_extended(&length)
        default: return nil
        }
        guard let start else { return nil }
        return UnsafeRawBufferPointer(start: start, count: length)
    }

    /// The fingerprint of a built-in dataset, from its bytes without decoding
    /// (equal to `load(name)!.fingerprint`, as the encoding is canonical).
    public static func fingerprint(_ name: String) -> String? {
        bytes(name).map { DatasetCodec.fingerprint(of: $0) }
    }
}
