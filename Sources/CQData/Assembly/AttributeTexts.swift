extension Attribute {
    /// An attribute whose values are the distinct non-missing texts, sorted,
    /// and whose codes index them: the one way every loader turns texts read
    /// from files (or taken from the reference) into an `Attribute`, so equal
    /// texts always give equal attributes whichever path read them.
    init(name: String, label: String, texts: [String?], perCell: Bool) {
        let values = Set(texts.compactMap { $0 }).sorted()
        var codeOf: [String: Int32] = [:]
        for (position, value) in values.enumerated() { codeOf[value] = Int32(position) }
        let codes = texts.map { text in text.flatMap { codeOf[$0] } ?? Attribute.missing }
        self.init(name: name, label: label, values: values, codes: perCell ? .perCell(codes) : .perCountry(codes))
    }

    /// The text of one country's value of a static attribute (nil when missing).
    func staticText(ofCountry country: Int, yearCount: Int) -> String? {
        let code = code(atCell: country * yearCount, yearCount: yearCount)
        return code == Attribute.missing ? nil : values[Int(code)]
    }
}
