/// Every diagnostic cq can report, each with a stable code that users can
/// search for and that tests pin. Codes are grouped by the stage that finds
/// them: 1xx reading text, 2xx syntax, 3xx names, 4xx types and units,
/// 5xx values, 6xx running.
public enum DiagnosticCode: String, Sendable, CaseIterable {
    // Lexing
    case unexpectedCharacter = "E101"
    case unterminatedString = "E102"
    case invalidNumber = "E103"
    case unterminatedQuotedName = "E104"
    /// Found by the front end that reads files, before lexing.
    case invalidEncoding = "E105"

    // Syntax
    case expectedStatement = "E201"
    case expectedExpression = "E202"
    case expectedToken = "E203"
    case clauseNotAllowed = "E204"
    case duplicateClause = "E205"
    case nestingTooDeep = "E206"
    case expectedYear = "E207"
    case emptyYearRange = "E208"
    case expectedCount = "E209"

    // Names
    case unknownName = "E301"
    case unknownFunction = "E302"
    case unknownSetting = "E303"
    case unknownDataset = "E304"
    case unknownMethod = "E305"
    case nameTaken = "E306"
    case duplicateColumn = "E307"

    // Types and units
    case typeMismatch = "E401"
    case unitMismatch = "E402"
    case expectedNumber = "E403"
    case expectedCondition = "E404"
    case cannotGroup = "E405"
    case wrongArgumentCount = "E406"
    case cannotExplain = "E407"
    case invalidTimeArgument = "E408"
    case mixedAggregation = "E409"
    case cannotWriteFileType = "E410"
    case notCompiledToSQL = "E411"

    // Values
    case unknownValue = "E501"
    case yearOutsideData = "E502"
    case invalidSettingValue = "E503"

    // Running
    case cancelled = "E601"

    // Data files
    case badDataFile = "E701"
    case unknownFormat = "E702"
    case invalidLoadOption = "E703"
    case databaseError = "E704"

    public var code: String { rawValue }

    /// One line saying what the code means, for the README's table and `--help`.
    public var summary: String {
        switch self {
        case .unexpectedCharacter: return "a character that cq does not use"
        case .unterminatedString: return "a string without its closing quote"
        case .invalidNumber: return "a malformed number"
        case .unterminatedQuotedName: return "a `quoted name` without its closing backtick"
        case .invalidEncoding: return "a script file that is not valid UTF-8"
        case .expectedStatement: return "something that does not start a statement"
        case .expectedExpression: return "a value or name is missing"
        case .expectedToken: return "a required word or symbol is missing"
        case .clauseNotAllowed: return "a clause that the statement does not take"
        case .duplicateClause: return "the same clause twice in one statement"
        case .nestingTooDeep: return "an expression nested too deeply"
        case .expectedYear: return "a year is missing or malformed"
        case .emptyYearRange: return "a year range whose end comes before its start"
        case .expectedCount: return "`limit` or `top` without a whole number"
        case .unknownName: return "a name that is not an indicator, attribute, group or binding"
        case .unknownFunction: return "a function that does not exist"
        case .unknownSetting: return "`set` of a setting that does not exist"
        case .unknownDataset: return "`use` of a dataset that does not exist"
        case .unknownMethod: return "`using` a method that does not exist"
        case .nameTaken: return "`let` of a name the dataset already uses"
        case .duplicateColumn: return "the same variable twice where each must be distinct"
        case .typeMismatch: return "values of different types compared or combined"
        case .unitMismatch: return "quantities in different units added, subtracted or compared"
        case .expectedNumber: return "text or a condition where a number is needed"
        case .expectedCondition: return "a number or text where a true/false condition is needed"
        case .cannotGroup: return "`by` a number instead of a category"
        case .wrongArgumentCount: return "a function called with the wrong number of arguments"
        case .cannotExplain: return "`explain` of a statement it cannot show step by step"
        case .invalidTimeArgument: return "a time function's step or year that is not a whole number it can use"
        case .mixedAggregation: return "a value per country-year beside period aggregates (one row per country)"
        case .cannotWriteFileType:
            return
                "`to` a file whose extension cq cannot write (it writes .svg plots and .csv, .json, .md, .txt results)"
        case .notCompiledToSQL: return "`cq sql` of a statement or expression it cannot write as SQL yet"
        case .unknownValue: return "a value that no country has, e.g. a misspelt region"
        case .yearOutsideData: return "a year outside the years the dataset covers"
        case .invalidSettingValue: return "a value that the setting does not accept"
        case .cancelled: return "the statement was interrupted"
        case .badDataFile: return "a data file that cannot be loaded, with the place and the reason"
        case .unknownFormat: return "`use … as` a format that does not exist"
        case .invalidLoadOption:
            return "an option of `use … as table (…)` that cq does not know, or a value it cannot use"
        case .databaseError:
            return "a database that cannot be reached or read: the connection, a permission, a missing table or column"
        }
    }
}
