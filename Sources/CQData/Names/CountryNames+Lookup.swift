import CQSyntax

extension CountryNames {
    /// One spelling of the table: the code it names (several for an
    /// ambiguous name), as written, and who writes it so.
    struct Row: Equatable, Sendable {
        var codes: [String]
        var name: String
        var sources: [String]
    }

    /// What a folded spelling names.
    enum Entry: Hashable, Sendable {
        case country(String)
        case ambiguous([String])

        var match: Match {
            switch self {
            case .country(let code): return .country(code: code)
            case .ambiguous(let codes): return .ambiguous(codes: codes)
            }
        }
    }

    /// The lookup built from `csv`, once, the first time a name is matched
    /// (a `static let` is initialised on first use, thread-safely): about
    /// 570 spellings folded into a dictionary.
    struct Table: Sendable {
        static let shared = Table(csv: CountryNames.csv)

        /// The CSV's rows, in order.
        let rows: [Row]
        /// Folded spelling → what it names.
        let entries: [String: Entry]
        /// Folded spelling → its first spelling in the table, for suggestions.
        let display: [String: String]
        /// Every code the table names.
        let codes: Set<String>
        /// Problems with the CSV itself: lines that are not three fields, and
        /// spellings that fold to a key another code's spelling has (made
        /// ambiguous rather than guessed). A test keeps this empty.
        let problems: [String]
        /// Folded spellings with their lengths and letter counts, for the
        /// suggestion search.
        private let keys: [(key: String, length: Int, letters: [UInt8])]

        init(csv: String) {
            var rows: [Row] = []
            var problems: [String] = []
            var bytes = Array(csv.utf8)
            bytes.append(TextBytes.lf)
            bytes.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                var record = RFC4180Record()
                var offset = 0
                var line = 1
                while offset < buffer.count {
                    if let failure = record.split(base, from: offset, end: buffer.count) {
                        problems.append("line \(line): \(failure.message)")
                        return
                    }
                    if line > 1 {
                        if record.fields.count == 3 {
                            rows.append(
                                Row(
                                    codes: record.string(0).split(separator: " ").map(String.init),
                                    name: record.string(1),
                                    sources: record.string(2).split(separator: " ").map(String.init)))
                        } else {
                            problems.append("line \(line): \(record.fields.count) fields, not 3")
                        }
                    }
                    line += 1 + record.innerLines
                    offset = record.next
                }
            }
            var entries: [String: Entry] = [:]
            var display: [String: String] = [:]
            var codes: Set<String> = []
            for row in rows {
                let key = CountryNames.fold(row.name)
                let entry: Entry = row.codes.count == 1 ? .country(row.codes[0]) : .ambiguous(row.codes.sorted())
                codes.formUnion(row.codes)
                if display[key] == nil { display[key] = row.name }
                switch (entries[key], entry) {
                case (nil, _):
                    entries[key] = entry
                case (let known?, _) where known == entry:
                    break
                case (.country(let code)?, .country(let other)):
                    problems.append("`\(row.name)` (\(other)) folds to `\(key)`, which names \(code)")
                    entries[key] = .ambiguous([code, other].sorted())
                case (.country(let code)?, .ambiguous(let others)), (.ambiguous(let others)?, .country(let code)):
                    problems.append("`\(key)` is both ambiguous (\(others)) and \(code)")
                    entries[key] = .ambiguous(Array(Set(others + [code])).sorted())
                case (.ambiguous(let some)?, .ambiguous(let others)):
                    problems.append("`\(key)` is ambiguous twice, as \(some) and \(others)")
                    entries[key] = .ambiguous(Array(Set(some + others)).sorted())
                }
            }
            self.rows = rows
            self.entries = entries
            self.display = display
            self.codes = codes
            self.problems = problems
            self.keys = entries.keys.sorted().map { ($0, $0.count, Self.letterCounts($0)) }
        }

        /// `name` when it is, in capitals, an alpha-3 code the table names.
        func alpha3Code(_ name: String) -> String? {
            guard name.utf8.count == 3, name.utf8.allSatisfy({ (65...90).contains($0) }), codes.contains(name)
            else { return nil }
            return name
        }

        /// Up to `limit` spellings close to the folded `name`, one per
        /// economy, closest first: `Suggestions`' rule (an edit distance of
        /// about a third of the length, or a spelling that starts with it).
        /// Spellings whose length or letters already differ by more than that
        /// distance are left out first, which keeps a column of thousands of
        /// names that are not countries (counties, firms) cheap.
        func suggestions(for folded: String, limit: Int) -> [String] {
            let length = folded.count
            guard length > 0 else { return [] }
            let threshold = max(1, length / 3)
            let letters = Self.letterCounts(folded)
            let candidates = keys.filter {
                if $0.length > length + threshold { return length >= 3 && $0.key.hasPrefix(folded) }
                return $0.length >= length - threshold && Self.letterDistance(letters, $0.letters) <= threshold
            }
            var named: Set<Entry> = []
            var result: [String] = []
            for key in Suggestions.closest(to: folded, among: candidates.map(\.key), limit: 4 * limit) {
                guard let entry = entries[key], let spelling = display[key], named.insert(entry).inserted else {
                    continue
                }
                result.append(spelling)
                if result.count == limit { break }
            }
            return result
        }

        /// How often each of a–z occurs in a folded name, and the rest.
        static func letterCounts(_ folded: String) -> [UInt8] {
            var counts = [UInt8](repeating: 0, count: 27)
            for byte in folded.utf8 where byte != 32 {
                let index = (97...122).contains(byte) ? Int(byte - 97) : 26
                counts[index] &+= 1
            }
            return counts
        }

        /// A lower bound of the edit distance from the letter counts alone:
        /// an edit adds or removes at most one letter on each side.
        static func letterDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
            var surplus = 0
            var shortfall = 0
            for index in 0..<27 {
                let difference = Int(a[index]) - Int(b[index])
                if difference > 0 { surplus += difference } else { shortfall -= difference }
            }
            return max(surplus, shortfall)
        }
    }
}
