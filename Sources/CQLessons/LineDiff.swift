import CQCore

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

    /// Past this many cells in the table of common subsequences (64 MB),
    /// the differing middle is shown as removed, then added.
    static let tableLimit = 16_000_000

    init(recorded: [Substring], actual: [Substring]) {
        self.recorded = recorded
        self.actual = actual
        let left = recorded.map(OutputComparison.pieces)
        let right = actual.map(OutputComparison.pieces)
        func same(_ i: Int, _ j: Int) -> Bool { OutputComparison.piecesMatch(left[i], right[j]) }
        // Lines alike at both ends need no table: a stale output usually
        // differs in a few lines.
        var head = 0
        while head < left.count, head < right.count, same(head, head) { head += 1 }
        var tail = 0
        while tail < left.count - head, tail < right.count - head, same(left.count - 1 - tail, right.count - 1 - tail) {
            tail += 1
        }
        var edits = (0..<head).map { Edit.same(recorded: $0, actual: $0) }
        let rows = head..<(left.count - tail)
        let columns = head..<(right.count - tail)
        if (rows.count + 1) * (columns.count + 1) > Self.tableLimit {
            edits += rows.map { Edit.removed(recorded: $0) }
            edits += columns.map { Edit.added(actual: $0, before: rows.upperBound) }
        } else {
            edits += Self.middle(rows, columns, same)
        }
        edits += (0..<tail).map { Edit.same(recorded: rows.upperBound + $0, actual: columns.upperBound + $0) }
        self.edits = edits
    }

    /// The edits for the lines between the alike ends, by dynamic programming.
    private static func middle(_ rows: Range<Int>, _ columns: Range<Int>, _ same: (Int, Int) -> Bool) -> [Edit] {
        let n = rows.count
        let m = columns.count
        // common[i * (m + 1) + j]: the longest common subsequence of the
        // middle's recorded lines from i and actual lines from j.
        var common = [Int32](repeating: 0, count: (n + 1) * (m + 1))
        func at(_ i: Int, _ j: Int) -> Int32 { common[i * (m + 1) + j] }
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                common[i * (m + 1) + j] =
                    same(rows.lowerBound + i, columns.lowerBound + j)
                    ? at(i + 1, j + 1) + 1 : max(at(i + 1, j), at(i, j + 1))
            }
        }
        var edits: [Edit] = []
        var i = 0
        var j = 0
        while i < n || j < m {
            if i < n, j < m, at(i, j) == at(i + 1, j + 1) + 1, same(rows.lowerBound + i, columns.lowerBound + j) {
                edits.append(.same(recorded: rows.lowerBound + i, actual: columns.lowerBound + j))
                i += 1
                j += 1
            } else if i < n, j == m || at(i + 1, j) >= at(i, j + 1) {
                edits.append(.removed(recorded: rows.lowerBound + i))
                i += 1
            } else {
                edits.append(.added(actual: columns.lowerBound + j, before: rows.lowerBound + i))
                j += 1
            }
        }
        return edits
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
            let first =
                hunk.lazy.compactMap { index -> Int? in
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
