/// JSON output: one object per statement, statistics under their usual names
/// (`r`, `n`, `p`, `ci_low`, `ci_high`, `method`; `n`, `mean`, `sd`, `min`,
/// `p25`, `median`, `p75`, `max`; `count`). Undefined values are `null`.
enum JSONWriter {
    static func object(for value: ResultValue) -> JSON {
        var fields: [(String, JSON)] = [("statement", .string(value.statement))]
        switch value {
        case .correlation(let result): fields += correlation(result)
        case .regression(let result): fields += regressionFields(result)
        case .explanation(let result): fields += explanationFields(result)
        case .plot(let result): fields += plotFields(result)
        case .summary(let result): fields += summaryFields(result)
        case .count(let result): fields += countFields(result)
        case .ranking(let result): fields += rankingFields(result)
        case .table(let table):
            fields.append(("columns", .array(table.columns.map { .string($0) })))
            fields.append(
                (
                    "rows",
                    .array(
                        table.rows.map { row in
                            .object(zip(table.columns, row).map { ($0, cell($1)) })
                        })
                ))
            fields.append(("total", .integer(table.totalRows)))
        case .description(let result): fields += descriptionFields(result)
        case .binding(let result): fields += bindingFields(result)
        case .setting(let result): fields += settingFields(result)
        case .datasetSwitch(let result): fields += datasetSwitchFields(result)
        }
        return .object(fields)
    }

    static func ledger(_ ledger: SampleLedger) -> JSON {
        var fields: [(String, JSON)] = [
            ("candidates", .integer(ledger.candidates)), ("kept", .integer(ledger.kept)),
            ("used", .integer(ledger.used)),
        ]
        if let filter = ledger.filter { fields.append(("where", .string(filter))) }
        fields.append(
            (
                "dropped",
                .array(
                    ledger.missing.map { missing in
                        .object([
                            ("variable", .string(missing.variable)), ("rows", .integer(missing.rows)),
                            ("countries", .array(missing.countries.map { .string($0) })),
                        ])
                    })
            ))
        fields.append(("countries", .array(ledger.countries.map { .string($0) })))
        fields.append(("years", .array(ledger.years.map { .integer($0) })))
        if let period = ledger.period {
            let counts = period.yearsPerCountry
            fields.append(
                (
                    "period",
                    .object([
                        ("first_year", .integer(period.years.lowerBound)),
                        ("last_year", .integer(period.years.upperBound)),
                        ("year_filter", period.yearFilter.map { .string($0) } ?? .null),
                        ("years_per_country_min", .integer(counts.minimum)),
                        ("years_per_country_median", .number(counts.median)),
                        ("years_per_country_max", .integer(counts.maximum)),
                    ])
                ))
        }
        return .object(fields)
    }

    static func cell(_ cell: Cell) -> JSON {
        switch cell {
        case .number(let value): return .optional(value)
        case .integer(let value): return .integer(value)
        case .year(let value): return .integer(value)
        case .text(let text): return .string(text)
        case .boolean(let value): return .bool(value)
        case .missing: return .null
        }
    }

    /// A p-value and its `<name>_less_than`: null, or 1e-300 when the p is
    /// below the smallest value printed as a number (an underflow to 0
    /// included), so that a reader of the JSON is not told p = 0.
    static func probability(_ name: String, _ p: Double?) -> [(String, JSON)] {
        let bound = NumberFormat.smallestPrintedP
        return [(name, .optional(p)), (name + "_less_than", p.map { $0 < bound ? .number(bound) : .null } ?? .null)]
    }
}

extension String {
    fileprivate var replacingSpaces: String {
        String(map { $0 == " " ? "_" : $0 })
    }

}
