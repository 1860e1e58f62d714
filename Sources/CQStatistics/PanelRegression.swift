/// Least squares on a panel: pooled, or with country and/or year fixed
/// effects by the within estimator, with classical, robust or clustered
/// standard errors (`StandardErrors`).
///
/// Before the fit, observations that cannot inform the slopes are dropped
/// and counted, as fixest and reghdfe do:
/// - singletons: an observation alone in its group of an absorbed factor is
///   fitted exactly by its own effect. Dropping one can leave another
///   alone in the other factor, so this repeats until none is left.
/// - with one factor, groups without variation: a group in which the
///   response and every term are constant is fitted exactly by its effect
///   whatever the slopes, so it adds nothing but zero residuals. (With two
///   factors such a group still informs the other factor's effects and is
///   kept.)
/// Neither changes an estimate; both change n and the degrees of freedom,
/// which the ledger reports.
public enum PanelRegression {
    /// An absorbed factor: its name (`country`, `year`) and one level
    /// number per observation (any integers).
    public struct Effect: Sendable {
        public var name: String
        public var levels: [Int]

        public init(name: String, levels: [Int]) {
            self.name = name
            self.levels = levels
        }
    }

    /// How many groups an absorbed factor has in the sample, and how many
    /// observations they hold.
    public struct EffectSummary: Sendable, Equatable {
        public var name: String
        public var groups: Int
        public var smallest: Int
        public var mean: Double
        public var largest: Int
    }

    public struct Fit: Sendable, Equatable {
        public var regression: RegressionFit
        /// One per absorbed factor, in the order given.
        public var effects: [EffectSummary]
        /// The input observations the fit used, ascending.
        public var kept: [Int]
        /// Observations dropped as singletons.
        public var droppedSingletons: Int
        /// Observations dropped because their group had no variation, and
        /// how many groups those were.
        public var droppedConstant: Int
        public var constantGroups: Int
    }

    /// Fits the response on the predictors with the effects absorbed; with
    /// none, pooled least squares with or without an intercept (the effects
    /// absorb it otherwise). `errors`' cluster numbers are one per input
    /// observation.
    public static func fit(
        response y: [Double], predictors: [(name: String, values: [Double])], intercept: Bool = true,
        effects: [Effect], errors: StandardErrors = .classical, confidence: Double = 0.95
    ) -> Fit {
        let n = y.count
        guard !effects.isEmpty else {
            let regression = Regression.fit(
                response: y, predictors: predictors, intercept: intercept, errors: errors, confidence: confidence)
            return Fit(
                regression: regression, effects: [], kept: Array(0..<n), droppedSingletons: 0, droppedConstant: 0,
                constantGroups: 0)
        }
        precondition(effects.count <= 2, "at most two absorbed factors")
        var active = [Bool](repeating: true, count: n)
        let singletons = dropSingletons(effects.map(\.levels), active: &active)
        var constant = (observations: 0, groups: 0)
        if effects.count == 1 {
            constant = dropConstantGroups(
                effects[0].levels, columns: [y] + predictors.map(\.values), active: &active)
        }
        let kept = (0..<n).filter { active[$0] }

        // Level numbers 0..<count over the kept observations.
        let coded = effects.map { effect in Self.code(kept.map { effect.levels[$0] }) }
        let within = WithinTransformation(factors: coded.map(\.codes), levels: coded.map(\.count))
        let keptY = kept.map { y[$0] }
        let keptPredictors = predictors.map { predictor in
            (name: predictor.name, values: kept.map { predictor.values[$0] })
        }
        // A response constant within every group of a factor is explained
        // entirely by the effects: exactly 0 after the transformation, not
        // the rounding the transformation would leave.
        let explained = coded.contains { Self.isConstantWithinGroups(keptY, groups: $0.codes, levels: $0.count) }
        let transformedY = explained ? [Double](repeating: 0, count: kept.count) : within.apply(keptY)

        var keptErrors = errors
        var nested = 0
        if case .clustered(let clusters) = errors {
            let keptClusters = kept.map { clusters[$0] }
            keptErrors = .clustered(keptClusters)
            // The parameters of effects nested in the clusters: all of a
            // factor's when it is the first (demeaned) factor or the only one,
            // else those beyond the first factor's.
            for (position, factor) in coded.enumerated()
            where Self.isConstantWithinGroups(keptClusters, groups: factor.codes, levels: factor.count) {
                nested += coded.count == 1 ? within.parameters : Self.parameters(of: position, coded, within)
            }
        }
        let absorption = Regression.Absorption(
            parameters: within.parameters, nestedInClusters: min(nested, within.parameters),
            referenceSizes: keptPredictors.map { Self.norm($0.values) },
            totalSquares: Self.centredSquares(keptY))
        let regression = Regression.fit(
            response: transformedY,
            predictors: keptPredictors.map { (name: $0.name, values: within.apply($0.values)) },
            intercept: false, errors: keptErrors, absorption: absorption, confidence: confidence)
        let summaries = zip(effects, coded).map { effect, factor in
            var sizes = [Int](repeating: 0, count: factor.count)
            for code in factor.codes { sizes[code] += 1 }
            return EffectSummary(
                name: effect.name, groups: factor.count, smallest: sizes.min() ?? 0,
                mean: factor.count > 0 ? Double(kept.count) / Double(factor.count) : 0, largest: sizes.max() ?? 0)
        }
        return Fit(
            regression: regression, effects: summaries, kept: kept, droppedSingletons: singletons,
            droppedConstant: constant.observations, constantGroups: constant.groups)
    }

    // MARK: - The sample

    /// Drops observations alone in their group of any factor, repeatedly;
    /// returns how many were dropped.
    static func dropSingletons(_ factors: [[Int]], active: inout [Bool]) -> Int {
        var dropped = 0
        var changed = true
        while changed {
            changed = false
            for levels in factors {
                var counts: [Int: Int] = [:]
                for (i, level) in levels.enumerated() where active[i] { counts[level, default: 0] += 1 }
                for (i, level) in levels.enumerated() where active[i] && counts[level] == 1 {
                    active[i] = false
                    dropped += 1
                    changed = true
                }
            }
        }
        return dropped
    }

    /// Drops the groups in which every column is constant; returns the
    /// observations and groups dropped.
    static func dropConstantGroups(
        _ levels: [Int], columns: [[Double]], active: inout [Bool]
    ) -> (observations: Int, groups: Int) {
        var first: [Int: Int] = [:]
        var varies: Set<Int> = []
        for (i, level) in levels.enumerated() where active[i] {
            guard let j = first[level] else {
                first[level] = i
                continue
            }
            if columns.contains(where: { $0[i] != $0[j] }) { varies.insert(level) }
        }
        var observations = 0
        for (i, level) in levels.enumerated() where active[i] && !varies.contains(level) {
            active[i] = false
            observations += 1
        }
        return (observations, first.count - varies.count)
    }

    // MARK: - Helpers

    /// Level numbers recoded to 0..<count in order of first appearance.
    private static func code(_ levels: [Int]) -> (codes: [Int], count: Int) {
        var codes: [Int: Int] = [:]
        let coded = levels.map { level in
            if let code = codes[level] { return code }
            codes[level] = codes.count
            return codes.count - 1
        }
        return (coded, codes.count)
    }

    /// Whether `values` is the same for every member of each group: a
    /// response the effects explain entirely, or a factor nested in the
    /// clusters (each of its levels in exactly one cluster).
    private static func isConstantWithinGroups<Value: Equatable>(_ values: [Value], groups: [Int], levels: Int) -> Bool
    {
        var first = [Value?](repeating: nil, count: levels)
        for (i, group) in groups.enumerated() {
            if let value = first[group] {
                if value != values[i] { return false }
            } else {
                first[group] = values[i]
            }
        }
        return true
    }

    /// The parameters a factor accounts for in a two-way transformation:
    /// the first (demeaned) factor all its levels, the other the rest.
    private static func parameters(
        of position: Int, _ coded: [(codes: [Int], count: Int)], _ within: WithinTransformation
    ) -> Int {
        let primary = coded[1].count > coded[0].count ? 1 : 0
        return position == primary ? coded[position].count : within.parameters - coded[primary].count
    }

    private static func norm(_ values: [Double]) -> Double {
        let largest = values.lazy.map(abs).max() ?? 0
        guard largest > 0, largest.isFinite else { return largest }
        var sum = CompensatedSum()
        for value in values { sum.add((value / largest) * (value / largest)) }
        return sum.value.squareRoot() * largest
    }

    private static func centredSquares(_ values: [Double]) -> Double {
        guard values.count >= 2, let variance = Descriptive.variance(values) else { return 0 }
        return variance * Double(values.count - 1)
    }
}
