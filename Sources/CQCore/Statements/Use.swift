/// `use name`, `use "path" [as format]`: switch to a built-in dataset or load a file.
///
/// The statement's checking, evaluation and presentation, in that order.
extension Checker {
    mutating func checkUse(
        _ reference: DatasetReference, format formatName: Name?, options optionSyntax: [LoadOptionSyntax] = [],
        adding: SourceRange? = nil
    ) -> Action? {
        var format: DatasetFormat?
        if let formatName {
            guard let known = DatasetFormat(rawValue: formatName.text.lowercased()) else {
                let names = DatasetFormat.allCases.map(\.rawValue)
                report(
                    .unknownFormat, "there is no format `\(formatName.text)`", at: formatName.range,
                    help: Suggestions.choices(for: formatName.text, among: names, listedAs: "formats"))
                return nil
            }
            format = known
        }
        if case .database(let engine, let location, let range) = reference {
            return checkUseDatabase(engine, location: location, at: range, options: optionSyntax)
        }
        guard let options = loadOptions(optionSyntax, format: format, formatName: formatName) else { return nil }
        let loaded: Dataset
        var loadReport: LoadReport?
        switch reference {
        case .builtin(let name):
            guard let builtin = catalog.load(name.text) ?? catalog.load(name.text.lowercased()) else {
                var help: [String] = []
                if let hint = Suggestions.didYouMean(Suggestions.closest(to: name.text, among: catalog.names)) {
                    help.append(hint)
                }
                help.append(
                    "datasets: " + catalog.names.map { "`\($0)`" }.joined(separator: ", ")
                        + "; a file is named in quotes: use \"data.csv\"")
                report(.unknownDataset, "no dataset is named `\(name.text)`", at: name.range, help: help)
                return nil
            }
            loaded = builtin
        case .path(let path, let range):
            switch catalog.loadFile(path, as: format, options: options) {
            case .success(let file)?:
                loaded = file.dataset
                loadReport = file.report
            case .failure(let problem)?:
                reportDataProblem(problem, loading: path, at: range)
                return nil
            case nil:
                report(
                    .badDataFile, "this session cannot read files", at: range,
                    help: ["the built-in datasets are " + catalog.names.map { "`\($0)`" }.joined(separator: ", ")])
                return nil
            }
        case .database: return nil
        }
        var notes: [DatasetSwitchNote] = []
        var result = loaded
        if let adding {
            guard case .path(_, let range) = reference else {
                report(
                    .invalidLoadOption, "`adding` adds a file's indicators; `\(loaded.name)` is a built-in dataset",
                    at: adding, help: ["use \"mine.csv\" adding"])
                return nil
            }
            switch IndicatorAddition.adding(loaded, to: state.dataset) {
            case .success(let (merged, addition)):
                result = merged
                notes.append(.indicatorsAdded(addition, to: state.dataset.name))
            case .failure(let conflict):
                report(.badDataFile, conflict.message, at: range, help: [conflict.help])
                return nil
            }
        }
        return switchDataset(to: result, report: loadReport, notes: notes, database: nil)
    }

    /// The dataset in use becomes `dataset`: bindings are resolved again, a
    /// year setting it lacks is cleared, and what changed is noted.
    mutating func switchDataset(
        to dataset: Dataset, report loadReport: LoadReport?, notes: [DatasetSwitchNote],
        database: (any DatabaseSource)?
    ) -> Action {
        var notes = notes
        state.dataset = dataset
        state.database = database
        notes += rebindDefinitions()
        // A year setting the new dataset lacks would select nothing;
        // clear it, and say so.
        if let years = state.settings.years, !years.overlaps(dataset.years) {
            state.settings.years = nil
            notes.append(.yearSettingCleared(dataset: dataset.name, covers: dataset.years))
        }
        return .use(dataset, report: loadReport, notes: notes)
    }

    /// A data file's error, shown at its own file, line and column, with the
    /// offending line under a caret; listed where the `use` is.
    mutating func reportDataProblem(_ problem: DataFileProblem, loading path: String, at range: SourceRange) {
        let error = problem.error
        let here = source.location(of: range.start)
        var help = ["nothing was loaded: `\(dataset.name)` is still in use"]
        if error.file != path { help.insert("while loading \"\(path)\" for `use` at \(source.name):\(here)", at: 0) }
        guard error.line > 0, let lineText = problem.lineText else {
            var diagnostic = Diagnostic(
                .badDataFile,
                error.line > 0
                    ? "\(error.file):\(error.line):\(error.column): \(error.message)"
                    : "\(error.file): \(error.message)",
                source: source, range: range, help: help)
            diagnostic.anchor = range.start
            diagnostics.append(diagnostic)
            return
        }
        let excerpt = SourceFile(name: error.file, text: lineText, firstLine: error.line)
        // Columns count characters; find the byte offset of that character.
        let characters = Array(lineText)
        let prefix = String(characters.prefix(max(0, error.column - 1)))
        let offset = min(prefix.utf8.count, lineText.utf8.count)
        let width =
            characters.indices.contains(error.column - 1)
            ? String(characters[(error.column - 1)...].prefix { $0 != "," }).utf8.count : 0
        var diagnostic = Diagnostic(
            .badDataFile, error.message, source: excerpt,
            range: SourceRange(start: offset, end: offset + max(width, 0)), help: help)
        diagnostic.anchor = range.start
        diagnostics.append(diagnostic)
    }

    /// After `use`, resolves every definition again, in the order they ran,
    /// against the new dataset. Each sees the bindings before it, already
    /// resolved, so this is linear in the definitions' size.
    mutating func rebindDefinitions() -> [DatasetSwitchNote] {
        state.bindings = [:]
        var notes: [DatasetSwitchNote] = []
        for definition in state.definitions {
            // A name the new dataset uses itself is the dataset's: a binding
            // must never silently stand in for an indicator.
            if lookUpExactly(definition.name) != nil, state.bindings[definition.name] == nil {
                notes.append(.bindingSetAside(name: definition.name))
                continue
            }
            var inner = Checker(source: definition.source, state: state, catalog: catalog)
            var binding = definition
            if let typed = inner.resolve(definition.expression) {
                binding.resolved = typed.expression
                binding.type = typed.type
                binding.unavailable = nil
            } else {
                binding.resolved = nil
                binding.unavailable = inner.diagnostics.first?.message ?? "it cannot be computed"
            }
            state.bindings[definition.name] = binding
        }
        return notes
    }
}

extension Checker {
    /// The options' names, lowercased, when each is one of `allowed` and
    /// given once; else nil, with the error reported at the name.
    mutating func optionNames(_ syntax: [LoadOptionSyntax], allowed: [String]) -> [String]? {
        var names: [String] = []
        for option in syntax {
            let name = option.name.text.lowercased()
            guard allowed.contains(name) else {
                report(
                    .invalidLoadOption, "there is no option `\(option.name.text)`", at: option.name.range,
                    help: Suggestions.choices(for: name, among: allowed, listedAs: "options"))
                return nil
            }
            guard !names.contains(name) else {
                report(.invalidLoadOption, "`\(name)` is given twice", at: option.name.range, help: ["keep one"])
                return nil
            }
            names.append(name)
        }
        return names
    }

    /// The options of `use "file" as table (…)`, checked: known names, once
    /// each, values cq can use, and only with `as table`.
    mutating func loadOptions(_ syntax: [LoadOptionSyntax], format: DatasetFormat?, formatName: Name?) -> LoadOptions? {
        var options = LoadOptions()
        guard !syntax.isEmpty else { return options }
        if format != .table, let formatName {
            report(
                .invalidLoadOption, "options apply to tables, not to `\(formatName.text)` files",
                at: formatName.range, help: ["write `as table (…)`, or drop the options"])
            return nil
        }
        guard let names = optionNames(syntax, allowed: LoadOptions.names) else { return nil }
        for (option, name) in zip(syntax, names) {
            switch name {
            case "entity": options.entity = option.value
            case "year": options.year = option.value
            case "sheet": options.sheet = option.value
            case "separator":
                let separators: [String: UInt8] = [
                    ",": UInt8(ascii: ","), ";": UInt8(ascii: ";"), "|": UInt8(ascii: "|"), "\t": UInt8(ascii: "\t"),
                    "tab": UInt8(ascii: "\t"),
                ]
                guard let separator = separators[option.value.lowercased()] else {
                    report(
                        .invalidLoadOption, "cq cannot split fields at \"\(option.value)\"", at: option.valueRange,
                        help: ["separators: \",\", \";\", \"|\", \"tab\""])
                    return nil
                }
                options.separator = separator
            default:
                switch option.value.lowercased() {
                case ",", "comma": options.decimalComma = true
                case ".", "point", "dot": options.decimalComma = false
                default:
                    report(
                        .invalidLoadOption, "a decimal mark is \",\" or \".\", not \"\(option.value)\"",
                        at: option.valueRange, help: ["decimal = \",\" for numbers written 1,5"])
                    return nil
                }
            }
        }
        return options
    }
}

extension Presenter {
    func presentDatasetSwitch(_ result: DatasetSwitchResult, into out: inout Presentation) {
        let years = result.years.yearSpan
        if format == .csv {
            addRecord(
                [
                    ("dataset", result.dataset), ("countries", String(result.countries)),
                    ("indicators", String(result.indicators)), ("years", years),
                ], into: &out)
            return
        }
        var lines = [
            "using `\(result.dataset)`: \(result.countries) "
                + (result.report?.entitiesAreCountries == false
                    ? "entit\(result.countries == 1 ? "y" : "ies")" : "countr\(result.countries == 1 ? "y" : "ies")")
                + ", "
                + "\(result.indicators) indicator\(result.indicators == 1 ? "" : "s"), \(years)"
        ]
        if let report = result.report {
            var line =
                "loaded as \(report.format.rawValue)\(report.fromCache ? " from the cache" : ""): \(report.observations) observations"
            if report.missingMarkers > 0 {
                line += ", \(report.missingMarkers) cell\(report.missingMarkers == 1 ? "" : "s") marked missing"
            }
            if !report.aggregatesSkipped.isEmpty {
                line +=
                    ", \(report.aggregatesSkipped.count) aggregates skipped (\(Presenter.countryList(report.aggregatesSkipped, limit: 8)))"
            }
            lines.append(line)
            if !report.shape.isEmpty { lines.append("read as: " + report.shape.joined(separator: ", ")) }
        }
        for note in result.notes {
            switch note {
            case .bindingSetAside(let name):
                lines.append("note: `\(name)` now names the dataset's own \(name); your `let \(name)` is set aside")
            case .yearSettingCleared(let dataset, let covers):
                lines.append("note: `set year` is cleared: `\(dataset)` covers \(Checker.span(covers))")
            case .indicatorsAdded(let addition, let base):
                lines.append(Presenter.additionText(addition, to: base))
            case .inDatabase(let location):
                lines.append("read the catalogue of \(location); each statement fetches the indicators it reads")
            }
        }
        out.add(.note(lines.joined(separator: "\n")))
    }
}

extension Presenter {
    /// "added `mine` to `world`: 30 of 31 entities matched (not in `world`:
    /// Atlantis); 12 values outside 2000–2024 left out".
    static func additionText(_ addition: IndicatorAddition, to base: String) -> String {
        let ids = addition.indicators.map { "`\($0)`" }.joined(separator: ", ")
        let entities = addition.matchedEntities + addition.unmatchedEntities.count
        var text = "added \(ids) to `\(base)`: \(addition.values) value\(addition.values == 1 ? "" : "s") for "
        text += "\(addition.matchedEntities) of \(entities) entit\(entities == 1 ? "y" : "ies")"
        if !addition.unmatchedEntities.isEmpty {
            text += "; not in `\(base)`, left out: " + countryList(addition.unmatchedEntities, limit: 8)
        }
        if addition.valuesOutsideYears > 0 {
            text +=
                "; \(addition.valuesOutsideYears) value\(addition.valuesOutsideYears == 1 ? "" : "s") in years `\(base)` does not cover, left out"
        }
        return text
    }
}

extension JSONWriter {
    /// `{"dataset", "countries", "indicators", "first_year", "last_year",
    /// "load", "notes"}`; `load` is null for a built-in dataset, else
    /// `{"format", "files", "observations", "missing_markers", "shape",
    /// "aggregates_skipped"}`; each note is `{"kind", …}`.
    static func datasetSwitchFields(_ result: DatasetSwitchResult) -> [(String, JSON)] {
        var load: JSON = .null
        if let report = result.report {
            load = .object([
                ("format", .string(report.format.rawValue)), ("files", .array(report.files.map { .string($0) })),
                ("observations", .integer(report.observations)),
                ("missing_markers", .integer(report.missingMarkers)),
                ("shape", .array(report.shape.map { .string($0) })),
                ("aggregates_skipped", .array(report.aggregatesSkipped.map { .string($0) })),
            ])
        }
        let notes: [JSON] = result.notes.map { note in
            switch note {
            case .bindingSetAside(let name):
                return .object([("kind", .string("binding_set_aside")), ("name", .string(name))])
            case .yearSettingCleared(let dataset, let covers):
                return .object([
                    ("kind", .string("year_setting_cleared")), ("dataset", .string(dataset)),
                    ("first_year", .integer(covers.lowerBound)), ("last_year", .integer(covers.upperBound)),
                ])
            case .indicatorsAdded(let addition, let base):
                return .object([
                    ("kind", .string("indicators_added")), ("to", .string(base)),
                    ("indicators", .array(addition.indicators.map { .string($0) })),
                    ("matched_entities", .integer(addition.matchedEntities)),
                    ("unmatched_entities", .array(addition.unmatchedEntities.map { .string($0) })),
                    ("values", .integer(addition.values)),
                    ("values_outside_years", .integer(addition.valuesOutsideYears)),
                ])
            case .inDatabase(let location):
                return .object([("kind", .string("in_database")), ("location", .string(location))])
            }
        }
        return [
            ("dataset", .string(result.dataset)), ("countries", .integer(result.countries)),
            ("indicators", .integer(result.indicators)), ("first_year", .integer(result.years.lowerBound)),
            ("last_year", .integer(result.years.upperBound)), ("load", load), ("notes", .array(notes)),
        ]
    }
}
