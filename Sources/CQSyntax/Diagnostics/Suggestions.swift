/// "Did you mean …?" candidates: bounded, deterministic, and only from the
/// names that are valid where the mistake was made.
public enum Suggestions {
    /// Up to `limit` candidates close to `typed`: within an edit distance of
    /// about a third of its length (case-insensitive, transpositions count
    /// once), or starting with it when it is at least three characters long.
    /// Ordered by distance, then alphabetically.
    public static func closest(to typed: String, among candidates: [String], limit: Int = 3) -> [String] {
        let needle = Array(typed.lowercased())
        guard !needle.isEmpty else { return [] }
        let threshold = max(1, needle.count / 3)
        var scored: [(distance: Int, name: String)] = []
        for candidate in Set(candidates) {
            let lowered = Array(candidate.lowercased())
            if lowered == needle {
                scored.append((0, candidate))
                continue
            }
            let distance = editDistance(needle, lowered, cutoff: threshold)
            if distance <= threshold {
                scored.append((distance, candidate))
            } else if needle.count >= 3, lowered.starts(with: needle) {
                scored.append((threshold + 1, candidate))
            }
        }
        scored.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.name < $1.name }
        return scored.prefix(limit).map(\.name)
    }

    /// Optimal-string-alignment distance; returns `cutoff + 1` as soon as the
    /// answer is known to exceed `cutoff`, which keeps long lists cheap.
    public static func editDistance(_ a: [Character], _ b: [Character], cutoff: Int) -> Int {
        if abs(a.count - b.count) > cutoff { return cutoff + 1 }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previousPrevious[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > cutoff { return cutoff + 1 }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count]
    }

    /// "did you mean `a`?" / "did you mean `a` or `b`?" / "did you mean `a`, `b` or `c`?"
    public static func didYouMean(_ names: [String], quote: (String) -> String = { "`\($0)`" }) -> String? {
        guard !names.isEmpty else { return nil }
        let quoted = names.map(quote)
        if quoted.count == 1 { return "did you mean \(quoted[0])?" }
        return "did you mean " + quoted.dropLast().joined(separator: ", ") + " or " + quoted.last! + "?"
    }

    /// The help for a word that is not one of a closed set: the closest
    /// choices, if any are close, then every choice, e.g. "did you mean
    /// `year`?" and "settings: `year`, `method`".
    public static func choices(for word: String, among names: [String], listedAs label: String) -> [String] {
        var help: [String] = []
        if let hint = didYouMean(closest(to: word, among: names)) { help.append(hint) }
        help.append("\(label): " + names.map { "`\($0)`" }.joined(separator: ", "))
        return help
    }
}
