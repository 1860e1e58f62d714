extension ClosedRange where Bound == Int {
    /// "2017" for one year, "2000–2024" for several: how every message and
    /// table writes a span of years.
    public var yearSpan: String {
        lowerBound == upperBound ? "\(lowerBound)" : "\(lowerBound)–\(upperBound)"
    }
}

extension Dataset {
    /// The dataset's years as people read them; "undated" for a table
    /// loaded without a year column (`DatasetLoader.undatedYear`).
    public var yearSpan: String {
        firstYear == DatasetLoader.undatedYear && lastYear == DatasetLoader.undatedYear ? "undated" : years.yearSpan
    }
}
