/// Excel `.xlsx` workbooks — the default download of the World Bank's
/// DataBank and of many statistics offices — rewritten as standard CSV from
/// their first sheet, so that they go through the same table shape
/// detection as any table.
///
/// A workbook is a zip archive (`ZipArchive`) of XML files:
/// `xl/workbook.xml` names the sheets, `xl/_rels/workbook.xml.rels` says
/// which file each is, `xl/sharedStrings.xml` holds the text cells, and the
/// sheet's `<row>`s hold `<c r="B2" t="…"><v>…</v></c>` cells: numbers
/// (`t` absent or `n`), shared strings (`s`), formula strings (`str`),
/// inline strings (`inlineStr`), booleans (`b`), errors (`e`, read as
/// missing). Dates are serial numbers and are read as such; a year column
/// holds plain numbers and needs nothing more. Empty rows are left out.
enum ExcelWorkbook {
    static func isWorkbook(_ bytes: [UInt8], file: String) -> Bool {
        file.lowercased().hasSuffix(".xlsx") && bytes.starts(with: [0x50, 0x4B, 0x03, 0x04])
    }

    /// The first sheet as CSV bytes, and what the load report says.
    static func csv(
        _ bytes: [UInt8], file: String, sheet wanted: String? = nil
    ) throws(DataLoadError) -> (bytes: [UInt8], shape: String) {
        func fail(_ message: String) -> DataLoadError {
            DataLoadError(file: file, line: 0, column: 0, message: message)
        }
        do throws(ZipArchive.Failure) {
            let archive = try ZipArchive(bytes)
            guard let workbook = try archive.data("xl/workbook.xml") else {
                throw ZipArchive.Failure(message: "a zip archive without xl/workbook.xml: not an Excel workbook")
            }
            let sheets = XML.elements("sheet", in: workbook)
            let chosen =
                wanted.map { name in sheets.first { $0["name"]?.lowercased() == name.lowercased() } } ?? sheets.first
            guard let sheet = chosen, let id = sheet["r:id"] else {
                guard let wanted else { throw ZipArchive.Failure(message: "a workbook without sheets") }
                let names = sheets.compactMap { $0["name"] }.map { "`\($0)`" }.joined(separator: ", ")
                throw ZipArchive.Failure(message: "the workbook has no sheet `\(wanted)`; its sheets: \(names)")
            }
            var path = "xl/worksheets/sheet1.xml"
            if let rels = try archive.data("xl/_rels/workbook.xml.rels"),
                let relation = XML.elements("Relationship", in: rels).first(where: { $0["Id"] == id }),
                let target = relation["Target"]
            {
                path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            }
            guard let sheetBytes = try archive.data(path) else {
                throw ZipArchive.Failure(message: "the workbook names \(path), which it does not hold")
            }
            let shared = try archive.data("xl/sharedStrings.xml").map(sharedStrings) ?? []
            let rows = try cells(sheetBytes, shared: shared)
            let name = sheet["name"] ?? "sheet 1"
            let which =
                wanted == nil && sheets.count > 1
                ? " (the first of \(sheets.count); `sheet = \"…\"` picks another)" : ""
            return (csv(rows), "Excel sheet `\(name)`" + which)
        } catch {
            throw fail(error.message)
        }
    }

    /// The shared strings, each the text of its `<t>` runs.
    static func sharedStrings(_ bytes: [UInt8]) -> [String] {
        XML.blocks("si", in: bytes).map { block in XML.texts("t", in: block).joined() }
    }

    /// Rows of cells by column index; empty rows left out.
    static func cells(_ bytes: [UInt8], shared: [String]) throws(ZipArchive.Failure) -> [[Int: String]] {
        var rows: [[Int: String]] = []
        for row in XML.blocks("row", in: bytes) {
            var cells: [Int: String] = [:]
            var next = 0
            for (attributes, inner) in XML.elementsWithContent("c", in: row) {
                let column = attributes["r"].flatMap(columnIndex) ?? next
                next = column + 1
                let value = XML.texts("v", in: inner).first
                switch attributes["t"] {
                case "s":
                    guard let index = value.flatMap({ Int($0) }), shared.indices.contains(index) else {
                        throw ZipArchive.Failure(
                            message: "cell \(attributes["r"] ?? "?") names a shared string the workbook does not have")
                    }
                    cells[column] = shared[index]
                case "inlineStr":
                    cells[column] = XML.texts("t", in: inner).joined()
                case "e":
                    continue
                case "b":
                    cells[column] = value == "1" ? "TRUE" : "FALSE"
                default:
                    if let value, !value.isEmpty { cells[column] = value }
                }
            }
            if !cells.isEmpty { rows.append(cells) }
        }
        return rows
    }

    /// "B12" → 1; "AA3" → 26.
    static func columnIndex(_ reference: String) -> Int? {
        var index = 0
        var letters = 0
        for scalar in reference.unicodeScalars {
            guard scalar >= "A" && scalar <= "Z" else { break }
            index = index * 26 + Int(scalar.value - 64)
            letters += 1
        }
        return letters > 0 ? index - 1 : nil
    }

    private static func csv(_ rows: [[Int: String]]) -> [UInt8] {
        let width = (rows.flatMap(\.keys).max() ?? -1) + 1
        var output: [UInt8] = []
        for row in rows {
            for column in 0..<width {
                if column > 0 { output.append(UInt8(ascii: ",")) }
                guard let text = row[column] else { continue }
                CSVField.append(Array(text.utf8), to: &output)
            }
            output.append(UInt8(ascii: "\n"))
        }
        return output
    }
}

/// Just enough XML for a workbook: elements by name, their attributes, their
/// content and text, with the five entities and character references.
enum XML {
    /// Each `<name …>…</name>` (or `<name …/>`): its attributes and content.
    static func elementsWithContent(_ name: String, in bytes: some Collection<UInt8>) -> [([String: String], [UInt8])] {
        let bytes = Array(bytes)
        let open = Array("<\(name)".utf8)
        let close = Array("</\(name)>".utf8)
        var result: [([String: String], [UInt8])] = []
        var index = 0
        while let start = find(open, in: bytes, from: index) {
            let after = start + open.count
            // `<c` must not match `<col`: the name ends at a space, `>` or `/`.
            guard after < bytes.count, [32, 9, 10, 13, 62, 47].contains(bytes[after]) else {
                index = after
                continue
            }
            guard let tagEnd = bytes[after...].firstIndex(of: UInt8(ascii: ">")) else { break }
            let attributes = parseAttributes(Array(bytes[after..<tagEnd]))
            if bytes[tagEnd - 1] == UInt8(ascii: "/") {
                result.append((attributes, []))
                index = tagEnd + 1
                continue
            }
            guard let end = find(close, in: bytes, from: tagEnd + 1) else { break }
            result.append((attributes, Array(bytes[(tagEnd + 1)..<end])))
            index = end + close.count
        }
        return result
    }

    static func elements(_ name: String, in bytes: [UInt8]) -> [[String: String]] {
        elementsWithContent(name, in: bytes).map(\.0)
    }

    static func blocks(_ name: String, in bytes: [UInt8]) -> [[UInt8]] {
        elementsWithContent(name, in: bytes).map(\.1)
    }

    /// The decoded text of each `<name>` element.
    static func texts(_ name: String, in bytes: [UInt8]) -> [String] {
        elementsWithContent(name, in: bytes).map { decode($0.1) }
    }

    static func parseAttributes(_ bytes: [UInt8]) -> [String: String] {
        var attributes: [String: String] = [:]
        var index = 0
        while index < bytes.count {
            while index < bytes.count, [32, 9, 10, 13, 47].contains(bytes[index]) { index += 1 }
            let nameStart = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "="), ![32, 9, 10, 13].contains(bytes[index]) {
                index += 1
            }
            let name = String(decoding: bytes[nameStart..<index], as: UTF8.self)
            while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "'") {
                index += 1
            }
            guard index < bytes.count else { break }
            let quote = bytes[index]
            index += 1
            let valueStart = index
            while index < bytes.count, bytes[index] != quote { index += 1 }
            if !name.isEmpty { attributes[name] = decode(Array(bytes[valueStart..<min(index, bytes.count)])) }
            index += 1
        }
        return attributes
    }

    /// Text with `&amp;` `&lt;` `&gt;` `&quot;` `&apos;` and `&#…;` decoded.
    static func decode(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.contains("&") else { return text }
        var result = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            guard let semicolon = rest[amp...].firstIndex(of: ";") else { break }
            let entity = rest[rest.index(after: amp)..<semicolon]
            switch entity {
            case "amp": result += "&"
            case "lt": result += "<"
            case "gt": result += ">"
            case "quot": result += "\""
            case "apos": result += "'"
            default:
                let code =
                    entity.hasPrefix("#x")
                    ? UInt32(entity.dropFirst(2), radix: 16) : entity.hasPrefix("#") ? UInt32(entity.dropFirst()) : nil
                if let code, let scalar = Unicode.Scalar(code) { result.unicodeScalars.append(scalar) }
            }
            rest = rest[rest.index(after: semicolon)...]
        }
        return result + rest
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, bytes.count >= needle.count else { return nil }
        var index = start
        let last = bytes.count - needle.count
        while index <= last {
            if bytes[index] == needle[0] {
                var match = true
                for offset in 1..<needle.count where bytes[index + offset] != needle[offset] {
                    match = false
                    break
                }
                if match { return index }
            }
            index += 1
        }
        return nil
    }
}
