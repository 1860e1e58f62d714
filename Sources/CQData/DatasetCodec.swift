/// A compact binary form of a `Dataset`, so the built-in data is decoded at
/// start-up by copying arrays rather than parsed from CSV text.
///
/// Layout, version 2, all integers little-endian:
///
///     "CQDB"  u32 version  u64 total byte count (header included)
///     str name, str title, u32 n + n × str attribution
///     i32 firstYear, i32 lastYear
///     u32 n + n × (str code, str name)                         countries
///     u32 n + n × (str name, str label, u32 m + m × str value,
///                  u8 kind (0 per country, 1 per cell), u32 k + k × i32 code)
///     u32 n + n × (str name, str label, u32 k + k × u8 (0 or 1))  groups
///     u32 n + n × (str id, label, unit, kind, u8 flags (1 has min, 2 has max),
///                  f64 min, f64 max, str source, license, url, note,
///                  values)                                       indicators
///
/// where an indicator's values are one of
///
///     u8 0, u32 k + k × f64 bit patterns                 dense: every cell
///     u8 1, u32 k, u32 p, ⌈k/64⌉ × u64 + p × f64         sparse: a bitmap of
///                  the cells with a value (bit i of word w: cell 64w + i),
///                  then those values in cell order; the others are missing
///
/// Sparse where at most half the cells have a value (a bitmap costs 1/64 of
/// the dense grid): a dataset of thousands of patchy indicators is then a
/// cache file of its values, not of its grid. A sparse block is decoded as
/// it is, into a `SparseGrid`; the grid is laid out when a statement reads
/// the indicator. Its values are never NaN (the bitmap marks what is missing).
///
/// where `str` is a u32 byte count followed by UTF-8. Arrays are copied in bulk.
/// Decoding checks every count against the bytes that remain, every string for
/// UTF-8, and the invariants the rest of cq indexes by without checking (grid
/// sizes, value codes in range, countries sorted by code), so a truncated or
/// corrupted file is an error, never a trap or an out-of-bounds read.
/// Encoding is canonical: equal datasets give equal bytes, which is what makes
/// `Dataset.fingerprint` meaningful.
public enum DatasetCodec {
    public static let magic: [UInt8] = Array("CQDB".utf8)
    /// Bump when the layout changes; old files are then rejected, not misread.
    public static let formatVersion: UInt32 = 2
    static let headerSize = 16

    /// Why bytes could not be decoded, and at which byte offset.
    public struct DecodingError: Error, Sendable, Equatable, CustomStringConvertible {
        public var offset: Int
        public var message: String

        public init(offset: Int, message: String) {
            self.offset = offset
            self.message = message
        }

        public var description: String { "invalid dataset file at byte \(offset): \(message)" }
    }

    // MARK: - encoding

    public static func encode(_ dataset: Dataset) -> [UInt8] {
        let encoded = encodePieces(dataset)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(encoded.count)
        for piece in encoded.pieces {
            switch piece {
            case .bytes(let part): bytes += part
            case .values(let values): values.withUnsafeBytes { bytes += $0 }
            case .words(let words): words.withUnsafeBytes { bytes += $0 }
            }
        }
        return bytes
    }

    /// The encoding in pieces: bytes made here, and on a little-endian
    /// machine each indicator's values (and a sparse one's bitmap) by
    /// reference (an array's own memory is the format), so a caller can write a large dataset without
    /// holding a second copy of it. `count` is the total length.
    public struct Pieces: Sendable {
        public enum Piece: Sendable {
            case bytes([UInt8])
            case values([Double])
            case words([UInt64])
        }

        public var pieces: [Piece]
        public var count: Int
    }

    public static func encodePieces(_ dataset: Dataset) -> Pieces {
        var writer = ByteWriter()
        writer.bytes.reserveCapacity(
            headerSize + 4096 + dataset.groups.count * dataset.cellCount + dataset.attributes.count * dataset.cellCount
                * 4)
        writer.bytes += magic
        writer.u32(formatVersion)
        writer.u64(0)  // total length, patched below
        writer.string(dataset.name)
        writer.string(dataset.title)
        writer.u32(UInt32(dataset.attribution.count))
        for line in dataset.attribution { writer.string(line) }
        writer.i32(Int32(truncatingIfNeeded: dataset.firstYear))
        writer.i32(Int32(truncatingIfNeeded: dataset.lastYear))
        writer.u32(UInt32(dataset.countries.count))
        for country in dataset.countries {
            writer.string(country.code)
            writer.string(country.name)
        }
        writer.u32(UInt32(dataset.attributes.count))
        for attribute in dataset.attributes {
            writer.string(attribute.name)
            writer.string(attribute.label)
            writer.u32(UInt32(attribute.values.count))
            for value in attribute.values { writer.string(value) }
            switch attribute.codes {
            case .perCountry(let codes):
                writer.u8(0)
                writer.array(codes)
            case .perCell(let codes):
                writer.u8(1)
                writer.array(codes)
            }
        }
        writer.u32(UInt32(dataset.groups.count))
        for group in dataset.groups {
            writer.string(group.name)
            writer.string(group.label)
            // Bool is one byte, 0 or 1, so the array's memory is the format.
            writer.array(group.members)
        }
        writer.u32(UInt32(dataset.indicators.count))
        let blocks = valueBlocks(dataset.indicators)
        for (position, indicator) in dataset.indicators.enumerated() {
            writer.string(indicator.id)
            writer.string(indicator.label)
            writer.string(indicator.unit)
            writer.string(indicator.kind)
            writer.u8((indicator.minimum == nil ? 0 : 1) | (indicator.maximum == nil ? 0 : 2))
            // Absent bounds are written as 0 so the encoding stays canonical.
            writer.u64((indicator.minimum ?? 0).bitPattern)
            writer.u64((indicator.maximum ?? 0).bitPattern)
            writer.string(indicator.source)
            writer.string(indicator.license)
            writer.string(indicator.url)
            writer.string(indicator.note)
            writer.values(blocks[position])
        }
        writer.finishPiece()
        let total = UInt64(writer.count)
        guard case .bytes(var first) = writer.pieces[0] else { preconditionFailure("the encoding starts with bytes") }
        for index in 0..<8 { first[8 + index] = UInt8(truncatingIfNeeded: total >> (8 * UInt64(index))) }
        writer.pieces[0] = .bytes(first)
        return Pieces(pieces: writer.pieces, count: writer.count)
    }

    // MARK: - decoding

    public static func decode(_ bytes: [UInt8]) throws(DecodingError) -> Dataset {
        do {
            return try bytes.withUnsafeBytes { buffer in try decode(buffer) }
        } catch let error as DecodingError {
            throw error
        } catch {
            // `withUnsafeBytes` rethrows untyped; the closure throws only DecodingError.
            throw DecodingError(offset: 0, message: "\(error)")
        }
    }

    public static func decode(_ bytes: UnsafeRawBufferPointer) throws(DecodingError) -> Dataset {
        var reader = ByteReader(base: bytes)
        try reader.need(headerSize, "the header")
        guard bytes[0] == magic[0], bytes[1] == magic[1], bytes[2] == magic[2], bytes[3] == magic[3] else {
            throw DecodingError(offset: 0, message: "not a cq dataset (the file does not start with CQDB)")
        }
        reader.offset = 4
        let version = try reader.u32("the format version")
        guard version == formatVersion else {
            throw DecodingError(
                offset: 4, message: "format version \(version), but this build reads version \(formatVersion)")
        }
        let total = try reader.u64("the total length")
        guard total == UInt64(bytes.count) else {
            throw DecodingError(
                offset: 8,
                message: "the header says \(total) bytes, but there are \(bytes.count) (truncated or extended)")
        }

        let name = try reader.string("the dataset name")
        let title = try reader.string("the title")
        let attributionCount = try reader.count("attribution lines", minimumSize: 4)
        var attribution: [String] = []
        attribution.reserveCapacity(attributionCount)
        for _ in 0..<attributionCount { attribution.append(try reader.string("an attribution line")) }

        let yearOffset = reader.offset
        let firstYear = Int(try reader.i32("the first year"))
        let lastYear = Int(try reader.i32("the last year"))
        guard firstYear <= lastYear else {
            throw DecodingError(
                offset: yearOffset, message: "the first year \(firstYear) is after the last \(lastYear)")
        }
        let yearCount = lastYear - firstYear + 1

        let countryCount = try reader.count("countries", minimumSize: 8)
        var countries: [Country] = []
        countries.reserveCapacity(countryCount)
        for _ in 0..<countryCount {
            let codeOffset = reader.offset
            let code = try reader.string("a country code")
            let countryName = try reader.string("a country name")
            // `Dataset.countryIndex(code:)` is a binary search: order is load-bearing.
            if let previous = countries.last, !(previous.code < code) {
                throw DecodingError(offset: codeOffset, message: "countries are not sorted by code at `\(code)`")
            }
            countries.append(Country(code: code, name: countryName))
        }
        // Grids are at most as large as the bytes that would have to hold them,
        // so a corrupted year range cannot make this overflow or over-allocate.
        let (cellCount, overflow) = countryCount.multipliedReportingOverflow(by: yearCount)
        guard !overflow else {
            throw DecodingError(offset: yearOffset, message: "the country × year grid is too large")
        }

        let attributeCount = try reader.count("attributes", minimumSize: 17)
        var attributes: [Attribute] = []
        attributes.reserveCapacity(attributeCount)
        for _ in 0..<attributeCount {
            let attributeName = try reader.string("an attribute name")
            let label = try reader.string("an attribute label")
            let valueCount = try reader.count("attribute values", minimumSize: 4)
            var values: [String] = []
            values.reserveCapacity(valueCount)
            for _ in 0..<valueCount { values.append(try reader.string("an attribute value")) }
            let kindOffset = reader.offset
            let kind = try reader.u8("the attribute kind")
            guard kind <= 1 else {
                throw DecodingError(offset: kindOffset, message: "unknown attribute kind \(kind)")
            }
            let expected = kind == 0 ? countryCount : cellCount
            let codesOffset = reader.offset
            let codes: [Int32] = try reader.array(expected, "the codes of attribute `\(attributeName)`")
            // Codes index `values` directly; every one must be in range.
            var low = Attribute.missing
            var high = Attribute.missing
            if let first = codes.first {
                low = first
                high = first
            }
            for code in codes {
                low = min(low, code)
                high = max(high, code)
            }
            guard low >= Attribute.missing, Int(high) < values.count else {
                throw DecodingError(
                    offset: codesOffset,
                    message: "attribute `\(attributeName)` has a value code outside 0..<\(values.count)")
            }
            attributes.append(
                Attribute(
                    name: attributeName, label: label, values: values,
                    codes: kind == 0 ? .perCountry(codes) : .perCell(codes)))
        }

        let groupCount = try reader.count("groups", minimumSize: 12)
        var groups: [Group] = []
        groups.reserveCapacity(groupCount)
        for _ in 0..<groupCount {
            let groupName = try reader.string("a group name")
            let label = try reader.string("a group label")
            let membersOffset = reader.offset + 4
            // Only 0 and 1 are valid Bool bytes; check before reinterpreting.
            let raw: [UInt8] = try reader.array(cellCount, "the members of group `\(groupName)`")
            var any: UInt8 = 0
            for byte in raw { any |= byte }
            guard any <= 1 else {
                throw DecodingError(offset: membersOffset, message: "group `\(groupName)` has a flag other than 0 or 1")
            }
            let members = [Bool](unsafeUninitializedCapacity: raw.count) { buffer, initialized in
                raw.withUnsafeBytes { UnsafeMutableRawBufferPointer(buffer).copyMemory(from: $0) }
                initialized = raw.count
            }
            groups.append(Group(name: groupName, label: label, members: members))
        }

        let indicatorCount = try reader.count("indicators", minimumSize: 53)
        var indicators: [Indicator] = []
        indicators.reserveCapacity(indicatorCount)
        var spans: [ValueSpan] = []
        spans.reserveCapacity(indicatorCount)
        for _ in 0..<indicatorCount {
            let id = try reader.string("an indicator id")
            let label = try reader.string("an indicator label")
            let unit = try reader.string("an indicator unit")
            let kind = try reader.string("an indicator kind")
            let flagsOffset = reader.offset
            let flags = try reader.u8("the bound flags")
            guard flags <= 3 else {
                throw DecodingError(offset: flagsOffset, message: "unknown bound flags \(flags)")
            }
            let minimum = Double(bitPattern: try reader.u64("the minimum"))
            let maximum = Double(bitPattern: try reader.u64("the maximum"))
            let source = try reader.string("an indicator source")
            let license = try reader.string("an indicator license")
            let url = try reader.string("an indicator URL")
            let note = try reader.string("an indicator note")
            spans.append(try reader.valueSpan(cellCount, "the values of indicator `\(id)`"))
            indicators.append(
                Indicator(
                    id: id, label: label, unit: unit, kind: kind,
                    minimum: flags & 1 != 0 ? minimum : nil, maximum: flags & 2 != 0 ? maximum : nil,
                    source: source, license: license, url: url, note: note, values: []))
        }
        guard reader.offset == bytes.count else {
            throw DecodingError(
                offset: reader.offset, message: "\(bytes.count - reader.offset) unexpected bytes at the end")
        }
        // Every count is checked; the values are copied on two threads. A
        // sparse block stays sparse: its grid is laid out when a statement
        // reads it.
        try fillValues(&indicators, spans: spans, from: bytes)
        return Dataset(
            name: name, title: title, attribution: attribution, firstYear: firstYear, lastYear: lastYear,
            countries: countries, attributes: attributes, groups: groups, indicators: indicators)
    }

    /// The FNV-1a 64-bit hash of encoded bytes, as 16 lowercase hex digits.
    /// Equal to `decode(bytes).fingerprint` because encoding is canonical, so
    /// the built-in data can be fingerprinted without decoding it.
    public static func fingerprint(of bytes: UnsafeRawBufferPointer) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let digits = Array("0123456789abcdef")
        var text = ""
        for shift in stride(from: 60, through: 0, by: -4) {
            text.append(digits[Int((hash >> UInt64(shift)) & 0xF)])
        }
        return text
    }
}
