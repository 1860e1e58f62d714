import Testing

@testable import CQPresentation

/// The printing rule of README.md, "How numbers are printed".
struct NumberFormatTests {
    @Test(arguments: [
        (0.891927791313754, "0.892"), (-0.0004, "0.000"), (1.0, "1.000"), (-0.80381, "-0.804"), (0.0005, "0.001"),
    ])
    func coefficients(_ value: Double, _ text: String) {
        #expect(NumberFormat.coefficient(value) == text)
    }

    @Test(arguments: [
        (0.19619, "0.196"), (0.000524, "0.000524"), (0.0001, "0.0001"), (0.00009999, "1.00e-04"),
        (3.2094e-7, "3.21e-07"), (0.05, "0.05"), (1.0, "1"), (2.86e-178, "2.86e-178"), (1e-300, "1.00e-300"),
        // An underflow is never printed as a p of 0.
        (0.0, "< 1e-300"), (9.9e-301, "< 1e-300"), (Double.leastNonzeroMagnitude, "< 1e-300"),
    ])
    func p_values(_ value: Double, _ text: String) {
        #expect(NumberFormat.pRelation(value) == (text.hasPrefix("<") ? text : "= " + text))
        #expect(NumberFormat.pValue(value) == text)
    }

    @Test(arguments: [
        (1402112000.0, "1402112000"), (48234.5678, "48234.6"), (21375300000000.3, "2.13753e+13"),
        (14996465250000.0, "1.49965e+13"), (2.9, "2.9"), (-0.0, "0"), (0.000012345, "1.2345e-05"),
        (1234567.8, "1.23457e+06"), (100.0, "100"), (0.1 + 0.2, "0.3"),
    ])
    func values(_ value: Double, _ text: String) {
        #expect(NumberFormat.value(value) == text)
    }

    @Test(arguments: [(0.1 + 0.2, "0.30000000000000004"), (10.0, "10"), (0.892, "0.892"), (1e300, "1e+300")])
    func exact(_ value: Double, _ text: String) {
        #expect(NumberFormat.exact(value) == text)
    }
}
