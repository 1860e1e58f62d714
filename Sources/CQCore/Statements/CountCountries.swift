/// `count countries`: how many countries match, per group with `by`.
///
/// The statement's checking, evaluation and presentation, in that order.
extension Checker {
    mutating func checkCountCountries(_ clauses: Clauses) -> Action? {
        guard let scope = scope(clauses) else { return nil }
        return .countCountries(scope: scope)
    }
}

extension Evaluator {
    func countCountries(_ scope: Scope) throws -> CountResult {
        let rows = try rowsWithData(scope)
        var groups: [CountResult.Group] = []
        for group in grouped(rows, by: scope.groupBy, in: scope.dataset).groups {
            let countries = Set(group.cells.map { scope.dataset.countryIndex(ofCell: $0) })
            groups.append(.init(name: group.name, countries: countries.count, countryYears: group.cells.count))
        }
        if groups.isEmpty, scope.groupBy == nil { groups.append(.init(name: nil, countries: 0, countryYears: 0)) }
        var result = CountResult(
            groupedBy: scope.groupBy?.label, groups: groups, filter: scope.filterText, yearRange: scope.years)
        result.aggregated = scope.aggregated
        return result
    }
}

extension Presenter {
    func presentCount(_ result: CountResult, into out: inout Presentation) {
        let years = (result.aggregated ? "over " : "in ") + result.yearRange.yearSpan
        if result.groupedBy == nil, let group = result.groups.first, format != .csv {
            var line = "\(group.countries) countr\(group.countries == 1 ? "y" : "ies")"
            if let filter = result.filter { line += " where `\(filter)`" }
            line += " " + years
            if result.yearRange.count > 1, !result.aggregated {
                line += " (in at least one of those years; \(group.countryYears) country-years)"
            }
            out.add(.note(line))
            return
        }
        var columns: [Table.Column] = []
        if let by = result.groupedBy { columns.append(.init(name: by, alignment: .left)) }
        columns += [.init(name: "countries", alignment: .right), .init(name: "country_years", alignment: .right)]
        let rows = result.groups.map { group -> [String] in
            (group.name.map { [$0] } ?? []) + [String(group.countries), String(group.countryYears)]
        }
        if format != .csv {
            out.add(.heading("countries" + (result.groupedBy.map { " by \($0)" } ?? "") + " " + years))
        }
        out.add(.table(Table(columns: columns, textRows: rows)))
        if format != .csv, result.groupedBy != nil, result.yearRange.count > 1 {
            out.add(.note("a country counts in every group it belonged to in those years"))
        }
    }
}

extension JSONWriter {
    static func countFields(_ result: CountResult) -> [(String, JSON)] {
        var fields: [(String, JSON)] = []
        fields.append(
            ("years", .array([.integer(result.yearRange.lowerBound), .integer(result.yearRange.upperBound)])))
        if let filter = result.filter { fields.append(("where", .string(filter))) }
        if let by = result.groupedBy {
            fields.append(("by", .string(by)))
            fields.append(
                (
                    "groups",
                    .array(
                        result.groups.map { group in
                            .object([
                                ("group", .string(group.name ?? "")), ("count", .integer(group.countries)),
                                ("country_years", .integer(group.countryYears)),
                            ])
                        })
                ))
        } else if let group = result.groups.first {
            fields.append(("count", .integer(group.countries)))
            fields.append(("country_years", .integer(group.countryYears)))
        }
        return fields
    }
}
