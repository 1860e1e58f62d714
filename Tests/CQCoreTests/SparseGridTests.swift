import Testing

@testable import CQCore

/// A patchy indicator held as a bitmap and its values (`SparseGrid`): the
/// same grid, counts and cells as the dense form, laid out only when read.
struct SparseGridTests {
    /// Grids at the bitmap's word boundaries, with -0.0 and a NaN payload.
    static let grids: [(name: String, grid: [Double])] = [
        ("empty", []),
        ("all missing", Array(repeating: .nan, count: 70)),
        ("one value", [.nan, .nan, 2.5]),
        ("half of 64", (0..<64).map { $0 % 2 == 0 ? Double($0) : .nan }),
        ("last cell of 65", (0..<65).map { $0 == 64 ? -0.0 : .nan }),
        ("two words", (0..<128).map { $0 % 7 == 0 ? Double($0) * 1e300 : Double(nan: 0x55, signaling: false) }),
    ]

    static func indicator(_ values: [Double]) -> Indicator {
        Indicator(
            id: "v", label: "V", unit: "", kind: "", minimum: nil, maximum: nil, source: "", license: "", url: "",
            note: "", values: values)
    }

    static func sparseIndicator(_ values: [Double]) throws -> Indicator {
        let sparse = try #require(SparseGrid(grid: values))
        return Indicator(
            id: "v", label: "V", unit: "", kind: "", minimum: nil, maximum: nil, source: "", license: "", url: "",
            note: "", sparse: sparse)
    }

    @Test(arguments: grids)
    func the_sparse_form_is_the_same_grid(name: String, grid: [Double]) throws {
        let dense = Self.indicator(grid)
        let sparse = try Self.sparseIndicator(grid)
        #expect(sparse.observationCount == dense.observationCount, "\(name)")
        #expect(sparse.values.map(\.isNaN) == grid.map(\.isNaN), "\(name)")
        for cell in grid.indices where !grid[cell].isNaN {
            #expect(sparse.values[cell].bitPattern == grid[cell].bitPattern, "\(name) cell \(cell)")
        }
        #expect(sparse == dense, "\(name)")
        #expect((0..<grid.count).map(sparse.hasValue(atCell:)) == grid.map { !$0.isNaN }, "\(name)")
        var visited: [Int] = []
        sparse.forEachCellWithValue { visited.append($0) }
        #expect(visited == grid.indices.filter { !grid[$0].isNaN }, "\(name)")
        var fromSparse = [UInt64](repeating: 0, count: (grid.count + 63) / 64)
        var fromDense = fromSparse
        sparse.markCellsWithValue(in: &fromSparse)
        dense.markCellsWithValue(in: &fromDense)
        #expect(fromSparse == fromDense, "\(name)")
    }

    @Test func more_than_half_the_cells_is_not_sparse() {
        #expect(SparseGrid(grid: [1, 2, .nan]) == nil)
        #expect(SparseGrid(grid: [1, .nan]) != nil)
    }

    @Test func the_grid_is_laid_out_once_when_first_read() throws {
        let sparse = try #require(SparseGrid(grid: [.nan, 4, .nan, .nan]))
        #expect(!sparse.isLaidOut)
        let first = sparse.dense
        #expect(sparse.isLaidOut)
        let second = sparse.dense
        #expect(first.withUnsafeBufferPointer { $0.baseAddress } == second.withUnsafeBufferPointer { $0.baseAddress })
    }

    /// `indicator.values[cell] = x` changes the one copy in place (a loop of
    /// them must not copy the grid each time) and never another holder's.
    @Test func changing_a_value_changes_only_this_indicator() throws {
        var dense = Self.indicator([1, .nan, 3])
        let before = dense.values.withUnsafeBufferPointer { $0.baseAddress }
        dense.values[1] = 2
        #expect(dense.values == [1, 2, 3])
        #expect(dense.values.withUnsafeBufferPointer { $0.baseAddress } == before)

        var sparse = try Self.sparseIndicator([.nan, 5, .nan, .nan])
        let untouched = sparse
        sparse.values[0] = 7
        #expect(sparse.values[0] == 7 && sparse.values[1] == 5)
        #expect(untouched.values[0].isNaN, "the other holder's grid changed")
        #expect(untouched.observationCount == 1)
    }

    /// Replacing a sparse indicator's values does not lay out the grid it replaces.
    @Test func assigning_values_does_not_lay_out_the_old_grid() throws {
        var indicator = try Self.sparseIndicator([.nan, 5, .nan, .nan])
        guard case .sparse(let old) = indicator.storage else {
            Issue.record("not sparse")
            return
        }
        indicator.values = [1, 2, 3, 4]
        #expect(!old.isLaidOut)
        #expect(indicator.values == [1, 2, 3, 4])
    }

    @Test func a_settled_indicator_holds_its_grid() throws {
        let sparse = try Self.sparseIndicator([.nan, 5, .nan, .nan])
        guard case .dense(let grid) = sparse.settled.storage else {
            Issue.record("settled is still sparse")
            return
        }
        #expect(grid.count == 4 && grid[1] == 5)
    }

    /// The tiny dataset with two patchy indicators (3 and 4 of 8 cells), held
    /// densely or sparse.
    static func patchyTiny(sparse: Bool) -> Dataset {
        var dataset = TestDatasets.tiny
        let nan = Double.nan
        let patchy: [(String, [Double])] = [
            ("patchy", [nan, 5, nan, 2, nan, 1, nan, nan]),
            ("tech", [1.5, nan, nan, 2.5, 4, nan, 0.5, nan]),
        ]
        for (id, values) in patchy {
            var indicator = sparse ? try! Self.sparseIndicator(values) : Self.indicator(values)
            indicator.id = id
            dataset.indicators.append(indicator)
        }
        dataset.indicators.sort { $0.id < $1.id }
        return dataset
    }

    static func sparseIndexes(_ dataset: Dataset) -> [Int] {
        dataset.indicators.indices.filter { index in
            if case .sparse = dataset.indicators[index].storage { return true }
            return false
        }
    }

    static func output(_ statement: String, on dataset: Dataset) -> String {
        var session = Session(dataset: dataset, catalog: TestDatasets.catalog)
        let outcome = session.run(statement)
        return outcome.diagnostics.map(\.message).joined() + "\(outcome.results.map(\.value))"
    }

    @Test(arguments: [
        "count countries", "count countries by region", "countries where patchy > 1",
        "correlate patchy, tech", "correlate gdp, tech", "summarize patchy, tech by region",
        "list patchy, tech", "rank tech in 2016", "regress gdp on tech", "describe tech", "indicators",
        "correlate growth(gdp), tech", "count countries where tech > 1",
    ])
    func statements_read_a_sparse_indicator_as_its_grid(statement: String) {
        let sparse = Self.patchyTiny(sparse: true)
        #expect(Self.sparseIndexes(sparse).count == 2)
        #expect(Self.output(statement, on: sparse) == Self.output(statement, on: Self.patchyTiny(sparse: false)))
    }

    /// Counting countries, listing indicators and describing one read the
    /// bitmaps; a statement lays out the grids it reads, no more.
    @Test func only_the_grids_a_statement_reads_are_laid_out() {
        let dataset = Self.patchyTiny(sparse: true)
        func laidOut() -> [String] {
            Self.sparseIndexes(dataset).compactMap { index in
                guard case .sparse(let grid) = dataset.indicators[index].storage, grid.isLaidOut else { return nil }
                return dataset.indicators[index].id
            }
        }
        var session = Session(dataset: dataset, catalog: TestDatasets.catalog)
        for statement in ["count countries", "indicators", "describe tech", "countries", "count countries in 2017"] {
            #expect(session.run(statement).diagnostics.isEmpty, "\(statement)")
        }
        #expect(laidOut().isEmpty)
        #expect(session.run("summarize tech").diagnostics.isEmpty)
        #expect(laidOut() == ["tech"])
    }
}
