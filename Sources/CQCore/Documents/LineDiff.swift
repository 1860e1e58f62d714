/// A unified-style diff of a recorded output against the actual one, by the
/// longest common subsequence of lines, where lines are equal when
/// `OutputComparison.linesMatch` says so (a rounded number is not a change).
/// `-` lines are recorded, `+` lines actual; hunks keep `context` lines
/// around each change and are headed by the document line of their first
/// change.
struct LineDiff {
    enum Edit: Equatable {
        case same(recorded: Int, actual: Int)
        case removed(recorded: Int)
        /// `before`: the recorded line it comes before (its count at the end).
        case added(actual: Int, before: Int)
    }

    let recorded: [Substring]
    let actual: [Substring]
    let edits: [Edit]

    init(recorded: [Substring], actual: [Substring]) {
        self.recorded = recorded
        self.actual = actual
        let n = recorded.count, m = actual.count
        // common[i][j]: the longest common subsequence of recorded[i...] and actual[j...].
        var common = Array(repeating: Array(repeating: 0, count: m + 1), count: n + 1)
        var same = Array(repeating: Array(repeating: false, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                if OutputComparison.linesMatch(recorded[i], actual[j]) {
                    same[i][j] = true
                    common[i][j] = common[i + 1][j + 1] + 1
                } else {
                    common[i][j] = max(common[i + 1][j], common[i][j + 1])
                }
            }
        }
        var edits: [Edit] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, same[i][j], common[i][j] == common[i + 1][j + 1] + 1 {
                edits.append(.same(recorded: i, actual: j))
                i += 1
                j += 1
            } else if i < n, j == m || common[i + 1][j] >= common[i][j + 1] {
                edits.append(.removed(recorded: i))
                i += 1
            } else {
                edits.append(.added(actual: j, before: i))
                j += 1
            }
        }
        self.edits = edits
    }

    /// The recorded line (0-based) where the first change is.
    var firstChange: Int? {
        for edit in edits {
            switch edit {
            case .same: continue
            case .removed(let line), .added(_, let line): return line
            }
        }
        return nil
    }

    /// The hunks, each headed `@@ PATH:LINE @@`, where recorded line 0 is
    /// document line `firstLine`.
    func render(path: String, firstLine: Int, context: Int = 2) -> String {
        let changed = edits.indices.filter { if case .same = edits[$0] { return false } else { return true } }
        var hunks: [ClosedRange<Int>] = []
        for index in changed {
            let range = max(0, index - context)...min(edits.count - 1, index + context)
            if let last = hunks.last, range.lowerBound <= last.upperBound + 1 {
                hunks[hunks.count - 1] = last.lowerBound...range.upperBound
            } else {
                hunks.append(range)
            }
        }
        var out = ""
        for hunk in hunks {
            let first = hunk.lazy.compactMap { index -> Int? in
                switch edits[index] {
                case .same: return nil
                case .removed(let line), .added(_, let line): return line
                }
            }.first ?? 0
            out += "@@ \(path):\(firstLine + first) @@\n"
            for index in hunk {
                switch edits[index] {
                case .same(let line, _): out += " " + recorded[line] + "\n"
                case .removed(let line): out += "-" + recorded[line] + "\n"
                case .added(let line, _): out += "+" + actual[line] + "\n"
                }
            }
        }
        return out
    }
}
