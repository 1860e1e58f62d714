import Glibc

// `--wdi-table DIR`: the file just written, as the World Bank's bulk
// download lays it out: DIR/WDICSV.csv, a row per economy and indicator
// (`Country Name`, quoted as the World Bank quotes "Korea, Rep.", then
// `Country Code`, `Indicator Name`, `Indicator Code`) and a column per year
// 1960–2023, an empty cell where the long file has no row. Made from the
// long file's rows, which must come a pair at a time (not shuffled).

/// Writes `folder`/WDICSV.csv from the long-form file at `long`.
func writeWDITable(_ folder: String, from long: String, countries: String, firstYear: Int, lastYear: Int) {
    mkdir(folder, 0o755)
    var names: [String: String] = [:]
    for line in readCountryLines(countries).lines {
        let fields = line.split(separator: ",", omittingEmptySubsequences: false)
        if fields.count > 1 { names[String(fields[0])] = String(fields[1]) }
    }
    let bytes = readBytes(long)
    var output = Output(path: folder + "/WDICSV.csv")
    output.text("Country Name,Country Code,Indicator Name,Indicator Code")
    for year in firstYear...lastYear { output.text(",\(year)") }
    output.text("\n")
    let yearCount = lastYear - firstYear + 1
    var cells = [ArraySlice<UInt8>](repeating: [], count: yearCount)
    var pair: (code: ArraySlice<UInt8>, series: ArraySlice<UInt8>)?
    var seen = Set<[UInt8]>()

    func flushRow() {
        guard let (code, series) = pair else { return }
        if output.count > output.capacity - 8192 { output.flush() }
        let codeText = String(decoding: code, as: UTF8.self)
        let name = names[codeText] ?? "Economy " + codeText
        output.text("\"" + name.replacing("\"", with: "\"\"") + "\",")
        for byte in code { output.byte(byte) }
        output.text(",\"Series ")
        for byte in series { output.byte(byte) }
        output.text(", as published\",")
        for byte in series { output.byte(byte) }
        for index in 0..<yearCount {
            output.byte(UInt8(ascii: ","))
            for byte in cells[index] { output.byte(byte) }
            cells[index] = []
        }
        output.byte(UInt8(ascii: "\n"))
    }

    var start = bytes.firstIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? bytes.count
    while start < bytes.count {
        let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
        let fields = bytes[start..<end].split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
        start = end + 1
        guard fields.count == 4 else { continue }
        let year = Int(String(decoding: fields[2], as: UTF8.self)) ?? firstYear
        if pair == nil || pair!.code != fields[0] || pair!.series != fields[1] {
            flushRow()
            guard seen.insert(Array(fields[0]) + [0] + Array(fields[1])).inserted else {
                fail("--wdi-table needs the rows of each pair together: use --order country or indicator")
            }
            pair = (fields[0], fields[1])
        }
        cells[year - firstYear] = fields[3]
    }
    flushRow()
    output.close()
}

func readBytes(_ path: String) -> [UInt8] {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { fail("cannot read \(path): \(String(cString: strerror(errno)))") }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else { fail("cannot read \(path)") }
    let size = Int(status.st_size)
    return [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
        var filled = 0
        while filled < size {
            let count = read(descriptor, buffer.baseAddress! + filled, size - filled)
            if count <= 0 { break }
            filled += count
        }
        initialized = filled
    }
}
