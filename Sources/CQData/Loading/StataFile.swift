/// Stata `.dta` files of formats 117, 118 and 119 (Stata 13 and later),
/// rewritten as standard CSV so that they go through the same table shape
/// detection as any table: one column per variable, one row per
/// observation.
///
/// The file is `<stata_dta><header>…</header><map>…` with the map giving
/// the byte offset of every section; this reader uses the map for
/// `<variable_types>`, `<varnames>` and `<data>`. Numeric types: byte,
/// int, long, float, double; Stata's missing values (`.` and `.a`–`.z`,
/// every value above the type's largest ordinary one) become empty cells.
/// Fixed-length strings are read; long strings (`strL`) and value labels
/// are not (their cells are empty, and the load report says how many
/// `strL` variables there were). Variable labels are not read.
enum StataFile {
    static let magic = Array("<stata_dta>".utf8)

    static func isStata(_ bytes: [UInt8]) -> Bool {
        bytes.starts(with: magic)
    }

    /// The file as CSV bytes, and what the load report says about it.
    static func csv(_ bytes: [UInt8], file: String) throws(DataLoadError) -> (bytes: [UInt8], shape: String) {
        func fail(_ message: String) -> DataLoadError {
            DataLoadError(file: file, line: 0, column: 0, message: message)
        }
        guard let releaseText = text(between: "<release>", and: "</release>", in: bytes),
            let release = Int(releaseText)
        else { throw fail("not a Stata file cq can read: no <release> in its header") }
        guard [117, 118, 119].contains(release) else {
            throw fail(
                "a Stata file in format \(release), which cq does not read; save it with Stata 13 or later (format 117–119)"
            )
        }
        guard let order = text(between: "<byteorder>", and: "</byteorder>", in: bytes), ["LSF", "MSF"].contains(order)
        else { throw fail("a Stata file without a byte order (LSF or MSF) in its header") }
        let reader = Reader(bytes: bytes, littleEndian: order == "LSF")
        guard let kStart = find("<K>", in: bytes), let nStart = find("<N>", in: bytes) else {
            throw fail("a Stata file without the number of variables or observations in its header")
        }
        let variables = release == 119 ? Int(reader.uint(at: kStart, width: 4)) : Int(reader.uint(at: kStart, width: 2))
        let observations =
            release == 117 ? Int(reader.uint(at: nStart, width: 4)) : Int(reader.uint(at: nStart, width: 8))
        guard let mapStart = find("<map>", in: bytes), mapStart + 14 * 8 <= bytes.count else {
            throw fail("a Stata file without its <map> section")
        }
        let map = (0..<14).map { Int(reader.uint(at: mapStart + $0 * 8, width: 8)) }
        let typesAt = map[2] + "<variable_types>".utf8.count
        let namesAt = map[3] + "<varnames>".utf8.count
        let dataAt = map[9] + "<data>".utf8.count
        let nameWidth = release == 117 ? 33 : 129
        guard typesAt + variables * 2 <= bytes.count, namesAt + variables * nameWidth <= bytes.count,
            dataAt <= bytes.count
        else { throw fail("a Stata file whose sections lie beyond its end: it is cut short or damaged") }

        let types = (0..<variables).map { Int(reader.uint(at: typesAt + $0 * 2, width: 2)) }
        let names = (0..<variables).map { reader.cString(at: namesAt + $0 * nameWidth, width: nameWidth) }
        var widths: [Int] = []
        for type in types {
            switch type {
            case 1...2045: widths.append(type)
            case 32768: widths.append(8)
            case 65526: widths.append(8)
            case 65527, 65528: widths.append(4)
            case 65529: widths.append(2)
            case 65530: widths.append(1)
            default: throw fail("a Stata variable of type \(type), which cq does not know")
            }
        }
        let rowWidth = widths.reduce(0, +)
        guard dataAt + rowWidth * observations <= bytes.count else {
            throw fail("a Stata file with fewer observations than its header says: it is cut short")
        }

        var output: [UInt8] = []
        output.reserveCapacity(observations * rowWidth * 2)
        appendRow(names.map { Cell.text($0) }, to: &output)
        var offset = dataAt
        for _ in 0..<observations {
            var cells: [Cell] = []
            cells.reserveCapacity(variables)
            for (type, width) in zip(types, widths) {
                cells.append(reader.cell(type: type, at: offset, width: width))
                offset += width
            }
            appendRow(cells, to: &output)
        }
        let longStrings = types.filter { $0 == 32768 }.count
        var shape = "Stata file (format \(release)), \(variables) variable\(variables == 1 ? "" : "s")"
        if longStrings > 0 {
            shape += ", \(longStrings) long-string (strL) variable\(longStrings == 1 ? "" : "s") left empty"
        }
        return (output, shape)
    }

    enum Cell {
        case number(Double)
        case text(String)
        case missing
    }

    struct Reader {
        let bytes: [UInt8]
        let littleEndian: Bool

        func uint(at offset: Int, width: Int) -> UInt64 {
            var value: UInt64 = 0
            for index in 0..<width {
                let byte = UInt64(bytes[offset + (littleEndian ? width - 1 - index : index)])
                value = value << 8 | byte
            }
            return value
        }

        func cString(at offset: Int, width: Int) -> String {
            let slice = bytes[offset..<(offset + width)]
            let end = slice.firstIndex(of: 0) ?? slice.endIndex
            return String(decoding: slice[offset..<end], as: UTF8.self)
        }

        /// One value; Stata's missing values (above each type's largest
        /// ordinary value) are `.missing`.
        func cell(type: Int, at offset: Int, width: Int) -> Cell {
            switch type {
            case 65530:
                let value = Int8(bitPattern: UInt8(uint(at: offset, width: 1)))
                return value > 100 ? .missing : .number(Double(value))
            case 65529:
                let value = Int16(bitPattern: UInt16(uint(at: offset, width: 2)))
                return value > 32740 ? .missing : .number(Double(value))
            case 65528:
                let value = Int32(bitPattern: UInt32(uint(at: offset, width: 4)))
                return value > 2_147_483_620 ? .missing : .number(Double(value))
            case 65527:
                let value = Float(bitPattern: UInt32(uint(at: offset, width: 4)))
                return value.isNaN || value > Float(bitPattern: 0x7EFF_FFFF) ? .missing : .number(Double(value))
            case 65526:
                let value = Double(bitPattern: uint(at: offset, width: 8))
                return value.isNaN || value > Double(bitPattern: 0x7FDF_FFFF_FFFF_FFFF) ? .missing : .number(value)
            case 32768:
                return .missing
            default:
                let text = cString(at: offset, width: width)
                return text.isEmpty ? .missing : .text(text)
            }
        }
    }

    private static func appendRow(_ cells: [Cell], to output: inout [UInt8]) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            switch cell {
            case .missing:
                break
            case .number(let value):
                var text = "\(value)"
                if text.hasSuffix(".0") { text.removeLast(2) }
                output.append(contentsOf: text.utf8)
            case .text(let text):
                CSVField.append(Array(text.utf8), quoted: true, to: &output)
            }
        }
        output.append(UInt8(ascii: "\n"))
    }

    private static func find(_ tag: String, in bytes: [UInt8]) -> Int? {
        let needle = Array(tag.utf8)
        guard bytes.count >= needle.count else { return nil }
        // The header and map are near the start; the tags are searched there.
        let limit = min(bytes.count - needle.count, 1 << 20)
        var index = 0
        while index <= limit {
            if bytes[index] == needle[0], bytes[index..<(index + needle.count)].elementsEqual(needle) {
                return index + needle.count
            }
            index += 1
        }
        return nil
    }

    private static func text(between open: String, and close: String, in bytes: [UInt8]) -> String? {
        guard let start = find(open, in: bytes) else { return nil }
        let closing = Array(close.utf8)
        var end = start
        while end + closing.count <= bytes.count, end - start < 64 {
            if bytes[end..<(end + closing.count)].elementsEqual(closing) {
                return String(decoding: bytes[start..<end], as: UTF8.self)
            }
            end += 1
        }
        return nil
    }
}
