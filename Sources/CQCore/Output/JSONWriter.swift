/// A JSON value with keys kept in insertion order, so output is stable and
/// reads in a sensible order.
enum JSON {
    case null
    case bool(Bool)
    case number(Double)
    case integer(Int)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    static func optional(_ value: Double?) -> JSON {
        guard let value, value.isFinite else { return .null }
        return .number(value)
    }

    func serialized() -> String {
        var out = ""
        write(into: &out)
        return out
    }

    private func write(into out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .number(let value): out += value.isFinite ? NumberFormat.exact(value) : "null"
        case .integer(let value): out += String(value)
        case .string(let text): JSON.quote(text, into: &out)
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                item.write(into: &out)
            }
            out += "]"
        case .object(let fields):
            out += "{"
            for (index, field) in fields.enumerated() {
                if index > 0 { out += "," }
                JSON.quote(field.0, into: &out)
                out += ":"
                field.1.write(into: &out)
            }
            out += "}"
        }
    }

    private static func quote(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}

/// JSON output: one object per statement, statistics under their usual names
/// (`r`, `n`, `p`, `ci_low`, `ci_high`, `method`; `n`, `mean`, `sd`, `min`,
/// `p25`, `median`, `p75`, `max`; `count`). Undefined values are `null`.
enum JSONWriter {
    static func object(for value: ResultValue) -> JSON {
        var fields: [(String, JSON)] = [("statement", .string(value.statement))]
        switch value {
        case .correlation(let result):
            fields += correlation(result)
        case .regression(let result):
            let fit = result.fit
            fields.append(("response", .string(result.response)))
            fields.append(("intercept", .bool(fit.intercept)))
            fields.append(("coefficients", .array(fit.coefficients.enumerated().map { index, c in
                let unit = index < result.units.count ? result.units[index] : nil
                return .object([("term", .string(c.term)), ("estimate", .optional(c.estimate)), ("se", .optional(c.standardError)),
                                ("t", .optional(c.t)), ("p", .optional(c.p)), ("ci_low", .optional(c.ciLow)),
                                ("ci_high", .optional(c.ciHigh)),
                                ("unit", unit.map { .string($0.isDimensionless ? "" : $0.description) } ?? .null)])
            })))
            fields += [("n", .integer(fit.n)), ("r_squared", .optional(fit.rSquared)),
                       ("adj_r_squared", .optional(fit.adjustedRSquared)), ("f", .optional(fit.f)),
                       ("f_df", fit.fNumeratorDegreesOfFreedom.map { d1 in
                           .array([.integer(d1), .integer(fit.fDenominatorDegreesOfFreedom ?? 0)]) } ?? .null),
                       ("f_p", .optional(fit.fP)), ("residual_se", .optional(fit.residualStandardError)),
                       ("residual_df", .integer(fit.residualDegreesOfFreedom)), ("sample", ledger(result.ledger))]
        case .explanation(let result):
            fields += [("x", .string(result.x)), ("y", .string(result.y))]
            let sums: CorrelationWorking
            switch result.working {
            case .correlation(let method, let working, _):
                sums = working
                fields += [("method", .string(method.rawValue)), ("r", .optional(working.r)), ("t", .optional(working.t)),
                           ("df", .integer(working.degreesOfFreedom)), ("p", .optional(working.p))]
            case .regression(let working):
                sums = working.sums
                fields += [("intercept", .optional(working.intercept)), ("slope", .optional(working.slope)),
                           ("sse", .optional(working.residualSumOfSquares)), ("r_squared", .optional(working.rSquared)),
                           ("residual_se", .optional(working.residualStandardError)),
                           ("slope_se", .optional(working.slopeStandardError)), ("t", .optional(working.t)),
                           ("df", .integer(sums.degreesOfFreedom)), ("p", .optional(working.p))]
            }
            fields += [("n", .integer(sums.n)), ("mean_x", .number(sums.meanX)), ("mean_y", .number(sums.meanY)),
                       ("sxx", .number(sums.sxx)), ("syy", .number(sums.syy)), ("sxy", .number(sums.sxy)),
                       ("sample", ledger(result.ledger))]
        case .plot(let result):
            fields += [("x", .string(result.x)), ("y", .string(result.y))]
            fields.append(("points", .array(result.observations.map { point in
                .object([("country", .string(point.country)), ("year", .integer(point.year)),
                         ("x", .number(point.x)), ("y", .number(point.y))])
            })))
            if let fit = result.fit {
                fields.append(("fit", .object([("intercept", .optional(fit.intercept)), ("slope", .optional(fit.slope))])))
            }
            if let output = result.output { fields.append(("file", .string(output))) }
            fields.append(("sample", ledger(result.ledger)))
        case .summary(let result):
            if let by = result.groupedBy { fields.append(("by", .string(by))) }
            fields.append(("quantile_type", .integer(7)))
            var rows: [JSON] = []
            for group in result.groups {
                for row in group.rows {
                    var item: [(String, JSON)] = []
                    if let name = group.name { item.append(("group", .string(name))) }
                    let s = row.summary
                    item += [("variable", .string(row.variable)),
                             ("unit", row.unit.map { .string($0.isDimensionless ? "" : $0.description) } ?? .null),
                             ("n", .integer(s.n)), ("mean", .optional(s.mean)), ("sd", .optional(s.sd)),
                             ("min", .optional(s.min)), ("p25", .optional(s.p25)), ("median", .optional(s.median)),
                             ("p75", .optional(s.p75)), ("max", .optional(s.max))]
                    rows.append(.object(item))
                }
            }
            fields.append(("rows", .array(rows)))
        case .count(let result):
            fields.append(("years", .array([.integer(result.yearRange.lowerBound), .integer(result.yearRange.upperBound)])))
            if let filter = result.filter { fields.append(("where", .string(filter))) }
            if let by = result.groupedBy {
                fields.append(("by", .string(by)))
                fields.append(("groups", .array(result.groups.map { group in
                    .object([("group", .string(group.name ?? "")), ("count", .integer(group.countries)),
                             ("country_years", .integer(group.countryYears))])
                })))
            } else if let group = result.groups.first {
                fields.append(("count", .integer(group.countries)))
                fields.append(("country_years", .integer(group.countryYears)))
            }
        case .ranking(let result):
            fields.append(("variable", .string(result.variable)))
            fields.append(("year", result.year.map { .integer($0) } ?? .null))
            fields.append(("rows", .array(result.rows.map { row in
                .object([("rank", .integer(row.rank)), ("country", .string(row.country)), ("name", .string(row.name)),
                         ("year", .integer(row.year)), ("value", .number(row.value))])
            })))
            fields.append(("total", .integer(result.totalRows)))
            fields.append(("sample", ledger(result.ledger)))
        case .table(let table):
            fields.append(("columns", .array(table.columns.map { .string($0) })))
            fields.append(("rows", .array(table.rows.map { row in
                .object(zip(table.columns, row).map { ($0, cell($1)) })
            })))
            fields.append(("total", .integer(table.totalRows)))
        case .description(let description):
            fields.append(("name", .string(description.title)))
            var details: [JSON] = []
            for fact in description.facts {
                if fact.label.isEmpty {
                    details.append(.string(fact.value))
                } else {
                    fields.append((fact.label.replacingSpaces, .string(fact.value)))
                }
            }
            if !details.isEmpty { fields.append(("details", .array(details))) }
        case .acknowledgement(let ack):
            fields += ack.fields.map { ($0.key, .string($0.value)) }
        }
        return .object(fields)
    }

    private static func estimate(_ e: CorrelationEstimate) -> [(String, JSON)] {
        [("r", .optional(e.r)), ("n", .integer(e.n)), ("p", .optional(e.p)),
         ("ci_low", .optional(e.ciLow)), ("ci_high", .optional(e.ciHigh)),
         ("statistic", .optional(e.statistic)), ("statistic_kind", e.statisticKind.map { .string($0.rawValue) } ?? .null),
         ("df", .optional(e.degreesOfFreedom)),
         ("p_method", e.pMethod.map { .string($0.description) } ?? .null),
         ("confidence", .number(e.confidence))]
    }

    private static func correlation(_ result: CorrelationResult) -> [(String, JSON)] {
        var fields: [(String, JSON)] = [("method", .string(result.method.rawValue))]
        func cells(_ group: CorrelationResult.Group) -> [(String, JSON)] {
            if result.isMatrix {
                return [("cells", .array(group.cells.map { cell in
                    .object([("x", .string(result.variables[cell.row])), ("y", .string(result.variables[cell.column]))]
                            + estimate(cell.estimate))
                }))]
            }
            return estimate(group.cells.first?.estimate ?? .empty(method: result.method))
        }
        if result.isMatrix {
            fields.append(("variables", .array(result.variables.map { .string($0) })))
        } else {
            fields.append(("x", .string(result.variables[0])))
            fields.append(("y", .string(result.variables[1])))
        }
        fields.append(("deletion", .string(result.listwise ? "listwise" : "pairwise")))
        if let by = result.groupedBy {
            fields.append(("by", .string(by)))
            fields.append(("groups", .array(result.groups.map { group in
                .object([("group", .string(group.name ?? ""))] + cells(group) + [("sample", ledger(group.ledger))])
            })))
            if result.comparisonAsked {
                fields.append(("comparison", result.comparison.map { comparison in
                    var test: [(String, JSON)]
                    switch comparison.test {
                    case .fisherZ: test = [("test", .string("fisher_z")), ("df", .null)]
                    case .homogeneity(let df): test = [("test", .string("chi_square_homogeneity")), ("df", .integer(df))]
                    }
                    test += [("statistic", .number(comparison.statistic)), ("p", .number(comparison.p)),
                             ("groups", .array(comparison.groups.map { .string($0) })),
                             ("excluded", .array(comparison.excluded.map { .object([("group", .string($0.group)), ("reason", .string($0.reason))]) }))]
                    return .object(test)
                } ?? .null))
            }
        } else if let group = result.groups.first {
            fields += cells(group)
            fields.append(("sample", ledger(group.ledger)))
        }
        return fields
    }

    private static func ledger(_ ledger: SampleLedger) -> JSON {
        var fields: [(String, JSON)] = [
            ("candidates", .integer(ledger.candidates)), ("kept", .integer(ledger.kept)), ("used", .integer(ledger.used)),
        ]
        if let filter = ledger.filter { fields.append(("where", .string(filter))) }
        fields.append(("dropped", .array(ledger.missing.map { missing in
            .object([("variable", .string(missing.variable)), ("rows", .integer(missing.rows)),
                     ("countries", .array(missing.countries.map { .string($0) }))])
        })))
        fields.append(("countries", .array(ledger.countries.map { .string($0) })))
        fields.append(("years", .array(ledger.years.map { .integer($0) })))
        return .object(fields)
    }

    private static func cell(_ cell: Cell) -> JSON {
        switch cell {
        case .number(let value): return .optional(value)
        case .integer(let value): return .integer(value)
        case .year(let value): return .integer(value)
        case .text(let text): return .string(text)
        case .boolean(let value): return .bool(value)
        case .missing: return .null
        }
    }
}

extension String {
    fileprivate var replacingSpaces: String {
        String(map { $0 == " " ? "_" : $0 })
    }
}
