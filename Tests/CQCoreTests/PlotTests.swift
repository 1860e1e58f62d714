import Testing
@testable import CQCore

/// `swift test --filter PlotTests` runs all three suites.
enum PlotTests {}

extension PlotTests {
    @Suite struct Ticks {
        @Test(arguments: [
            (0.0, 97.0, 5, [0.0, 20, 40, 60, 80, 100]),
            (0.0012, 0.0098, 5, [0.0, 0.002, 0.004, 0.006, 0.008, 0.01]),
            (-3.0, 7.0, 5, [-4.0, -2, 0, 2, 4, 6, 8]),
            (7.0, -3.0, 5, [-4.0, -2, 0, 2, 4, 6, 8]),
            (5.0, 5.0, 5, [4.0, 4.5, 5, 5.5, 6]),
            (0.0, 0.0, 5, [-1.0, -0.5, 0, 0.5, 1]),
            (1e9, 5e9, 5, [1e9, 2e9, 3e9, 4e9, 5e9]),
            (0.0, 1.0, 5, [0.0, 0.2, 0.4, 0.6, 0.8, 1]),
            (-97.0, -0.5, 5, [-100.0, -80, -60, -40, -20, 0]),
            (48.2, 85.0, 6, [40.0, 50, 60, 70, 80, 90]),
            (0.1, 0.3, 3, [0.1, 0.2, 0.3]),
        ])
        func ticks(_ min: Double, _ max: Double, _ count: Int, _ expected: [Double]) {
            #expect(AxisScale.niceTicks(min: min, max: max, count: count) == expected)
        }

        /// Whatever the range, the ticks are finite, ascending, cover it and
        /// are few; extreme and invalid input gives an answer, not a crash.
        @Test(arguments: [
            (1e-300, 3e-300), (1e300, 1.7e308), (-1.7e308, 1.7e308), (1.7e308, 1.7e308),
            (Double.leastNonzeroMagnitude, Double.leastNonzeroMagnitude * 4), (0, Double.leastNonzeroMagnitude),
            (1e15, 1e15 + 0.125), (-1e-7, 1e-7), (123456789, 123456790), (-0.0, 0.0), (2.5, 2.5000000000001),
        ] as [(Double, Double)])
        func extreme_ranges(_ min: Double, _ max: Double) {
            for count in [-1, 0, 1, 2, 5, 1000] {
                let ticks = AxisScale.niceTicks(min: min, max: max, count: count)
                #expect(!ticks.isEmpty)
                #expect(ticks.allSatisfy { $0.isFinite })
                #expect(zip(ticks, ticks.dropFirst()).allSatisfy { $0 < $1 }, "\(ticks)")
                #expect(ticks.first! <= min && ticks.last! >= max, "\(min)…\(max): \(ticks)")
                #expect(ticks.count <= 2 * 50 + 3)
            }
        }

        @Test func non_finite_ends_do_not_crash() {
            #expect(AxisScale.niceTicks(min: .nan, max: 1, count: 5) == [1])
            #expect(AxisScale.niceTicks(min: -.infinity, max: .infinity, count: 5) == [])
            let scale = AxisScale(covering: [.nan, .infinity, 3], tickCount: 5)
            #expect(scale.ticks.allSatisfy { $0.isFinite })
            #expect(AxisScale(covering: [], tickCount: 5).ticks == [0, 0.2, 0.4, 0.6, 0.8, 1])
        }

        @Test(arguments: [
            ([0.0, 97], ["0", "20", "40", "60", "80", "100"]),
            ([0.0012, 0.0098], ["0", "0.002", "0.004", "0.006", "0.008", "0.01"]),
            ([-3.0, 7], ["-4", "-2", "0", "2", "4", "6", "8"]),
            ([0.0, 1.3], ["0", "0.5", "1", "1.5"]),
            ([0.0, 8000], ["0", "2000", "4000", "6000", "8000"]),
            // One unit along an axis: 2k beside 10k, not 2000.
            ([0.0, 9000], ["0", "2k", "4k", "6k", "8k", "10k"]),
            ([0.0, 1.3e9], ["0", "0.5bn", "1bn", "1.5bn"]),
            ([1e12, 2.1e13], ["0", "5tn", "10tn", "15tn", "20tn", "25tn"]),
            ([35e6, 140e6], ["0", "50m", "100m", "150m"]),
            ([-2.5e6, 0.5e6], ["-3m", "-2m", "-1m", "0", "1m"]),
            ([1e-8, 9e-8], ["0", "2e-08", "4e-08", "6e-08", "8e-08", "1e-07"]),
            ([2e15, 9e15], ["2e+15", "4e+15", "6e+15", "8e+15", "1e+16"]),
        ])
        func labels(_ values: [Double], _ expected: [String]) {
            #expect(AxisScale(covering: values, tickCount: 5).labels == expected)
        }
    }
}
