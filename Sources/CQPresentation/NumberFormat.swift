import Glibc

/// The one rule for printing numbers (documented in README.md, "How numbers
/// are printed"), identical on every machine because it rounds the exact
/// binary value correctly (C's printf in the "C" locale, which cq never
/// changes) and never depends on locale:
///
/// - correlation coefficients and their confidence bounds: 3 decimals;
/// - p-values: 3 significant digits, in scientific notation below 0.0001;
///   below 10⁻³⁰⁰ (an underflow, or an exact 0 when |r| = 1) `< 1e-300`;
/// - test statistics (t, z): 3 decimals;
/// - counts: all digits;
/// - any other value: all digits when it is a whole number below 10^10
///   (populations, patent counts), otherwise 6 significant digits with
///   trailing zeros dropped (scientific notation below 0.0001 and from 10^6
///   up, as C's %g), so that a column of large amounts reads alike;
/// - machine formats (CSV, JSON) print the shortest text that reads back as
///   the same binary64 value.
public enum NumberFormat {
    public static func coefficient(_ value: Double) -> String {
        normalized(printf("%.3f", value))
    }

    /// Test statistics (t, z): 3 decimals.
    public static func statistic(_ value: Double) -> String {
        normalized(printf("%.3f", value))
    }

    /// The smallest p-value printed as a number. Below it a tail
    /// probability has lost its relative accuracy or underflowed to 0 (for t
    /// = 51.6 on 5239 df the exact p is about 10⁻⁵⁰⁰, which binary64 cannot
    /// hold), so it prints as `< 1e-300`: a true statement, where "0" would
    /// not be. An exact 0 (|r| = 1, a perfect fit) prints the same way; the
    /// note under such a result says it is exact.
    public static let smallestPrintedP = 1e-300

    public static func pValue(_ p: Double) -> String {
        if p < smallestPrintedP { return "< 1e-300" }
        if p < 1e-4 { return printf("%.2e", p) }
        return normalized(printf("%.3g", p))
    }

    /// "= 0.0123" or "< 1e-300", to follow "p " in a sentence.
    public static func pRelation(_ p: Double) -> String {
        p < smallestPrintedP ? "< 1e-300" : "= " + pValue(p)
    }

    public static func value(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e10 {
            return normalized(printf("%.0f", value))
        }
        return normalized(printf("%.6g", value))
    }

    /// A column of values in one format: all digits when every value is a
    /// whole number below 10^10, otherwise 6 significant digits for all.
    public static func column(_ values: [Double]) -> [String] {
        let whole = values.allSatisfy { $0 == $0.rounded() && abs($0) < 1e10 }
        return values.map { whole ? normalized(printf("%.0f", $0)) : normalized(printf("%.6g", $0)) }
    }

    /// An order of magnitude, one significant digit: `3e-9`, `2e+11`, for
    /// warnings that say how small or large something is, not its value.
    public static func magnitude(_ value: Double) -> String {
        guard value.isFinite, value != 0 else { return value == 0 ? "0" : "∞" }
        var exponent = Int(log10(abs(value)).rounded(.down))
        var digit = (abs(value) / pow(10, Double(exponent))).rounded()
        if digit >= 10 {
            digit = 1
            exponent += 1
        }
        return (value < 0 ? "-" : "") + "\(Int(digit))e" + (exponent < 0 ? "-" : "+") + "\(abs(exponent))"
    }

    /// A share in percent, one decimal: "12.5%".
    /// A value that does not exist, on screen and in Markdown; CSV leaves
    /// the cell empty and JSON writes null.
    public static let missing = "–"

    public static func percent(_ value: Double) -> String {
        normalized(printf("%.1f", value)) + "%"
    }

    /// Full precision for machine formats.
    public static func exact(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return value.description
    }

    /// "-0.000" is zero.
    private static func normalized(_ text: String) -> String {
        if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) {
            return String(text.dropFirst())
        }
        return text
    }

    private static func printf(_ format: String, _ value: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        _ = withVaList([value]) { arguments in
            vsnprintf(&buffer, buffer.count, format, arguments)
        }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
