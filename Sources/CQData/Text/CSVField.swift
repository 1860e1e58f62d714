/// Writing one CSV field, RFC 4180 style — the one rule the readers that
/// turn other formats into standard CSV (`TableDialect`, `StataFile`,
/// `ExcelWorkbook`) share: quoted when asked, or when the text holds a
/// comma, a quote or a line end; quotes inside doubled.
enum CSVField {
    static func append(_ text: some Collection<UInt8>, quoted: Bool = false, to output: inout [UInt8]) {
        let quote =
            quoted
            || text.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
        guard quote else {
            output.append(contentsOf: text)
            return
        }
        output.append(UInt8(ascii: "\""))
        for byte in text {
            if byte == UInt8(ascii: "\"") { output.append(byte) }
            output.append(byte)
        }
        output.append(UInt8(ascii: "\""))
    }
}
