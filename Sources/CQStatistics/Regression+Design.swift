/// The regression problem in working form: scaled, centred, and the
/// doubled-precision sums the refinement needs.
extension Regression {
    /// The regression problem in scaled units, and its centred working form.
    ///
    /// Columns are indexed like the coefficients: the intercept (a column of
    /// ones) first when there is one, then the predictors. In scaled units
    /// the response is y·k and column j is xⱼ·tⱼ (k, tⱼ powers of two); the
    /// working column is wⱼ = sⱼ·(xⱼ·tⱼ − cⱼ), cⱼ the centre (0 for the
    /// intercept and for models without one), sⱼ a power of two making
    /// ‖wⱼ‖ ≈ 1. So Xβ = Wa with βⱼ = sⱼ·aⱼ for the predictors and
    /// β₀ = s₀·a₀ − Σ cⱼβⱼ for the intercept.
    struct Design: Sendable {
        let n: Int
        let hasIntercept: Bool
        /// y·k.
        let response: [Double]
        /// k.
        let responseScale: Double
        /// xⱼ·tⱼ (the intercept column is not stored).
        let columns: [[Double]]
        /// tⱼ (1 for the intercept).
        let columnScales: [Double]
        /// cⱼ.
        let centres: [Double]
        /// sⱼ.
        let workingScales: [Double]
        /// wⱼ, rounded, for the factorization.
        let working: [[Double]]
        /// sⱼ·‖xⱼ·tⱼ‖: a column's own size in working units, against which
        /// its unexplained part is judged (R's rule, uncentred).
        let referenceNorms: [Double]
        /// ‖xⱼ·tⱼ‖ (√n for the intercept) and ‖y·k‖, for the refinement's
        /// test of convergence.
        let columnNorms: [Double]
        let responseNorm: Double

        var columnCount: Int { working.count }

        /// `referenceSizes`, one per predictor in its original units, replace
        /// each predictor's own norm as the size its unexplained part is
        /// judged against: a within-transformed column is judged against the
        /// column before the transformation, so one that the effects absorb
        /// (rounding noise is all that is left) is reported collinear.
        init(response y: [Double], predictors: [[Double]], intercept: Bool, referenceSizes: [Double]? = nil) {
            n = y.count
            hasIntercept = intercept
            let responseScale = Self.powerOfTwoScale(y.lazy.map(abs).max() ?? 0)
            self.responseScale = responseScale
            response = y.map { $0 * responseScale }
            var columns: [[Double]] = []
            var columnScales: [Double] = []
            var centres: [Double] = []
            var workingScales: [Double] = []
            var working: [[Double]] = []
            var referenceNorms: [Double] = []
            var columnNorms: [Double] = []
            if intercept {
                // ‖1‖ = √n; scaled to about 1 like the others.
                let scale = Self.powerOfTwoScale(Double(n).squareRoot())
                columns.append([])
                columnScales.append(1)
                centres.append(0)
                workingScales.append(scale)
                working.append([Double](repeating: scale, count: n))
                referenceNorms.append(Double(n).squareRoot() * scale)
                columnNorms.append(Double(n).squareRoot())
            }
            for (index, values) in predictors.enumerated() {
                let columnScale = Self.powerOfTwoScale(values.lazy.map(abs).max() ?? 0)
                let column = values.map { $0 * columnScale }
                let centre = intercept ? (Descriptive.mean(column) ?? 0) : 0
                let deviations = column.map { $0 - centre }
                let workingScale = Self.powerOfTwoScale(Self.norm(deviations))
                columns.append(column)
                columnScales.append(columnScale)
                centres.append(centre)
                workingScales.append(workingScale)
                working.append(deviations.map { $0 * workingScale })
                let ownNorm = Self.norm(column)
                let reference = referenceSizes.map { $0[index] * columnScale } ?? ownNorm
                referenceNorms.append(reference * workingScale)
                columnNorms.append(ownNorm)
            }
            self.columns = columns
            self.columnScales = columnScales
            self.centres = centres
            self.workingScales = workingScales
            self.working = working
            self.referenceNorms = referenceNorms
            self.columnNorms = columnNorms
            responseNorm = Self.norm(response)
        }

        /// β += L·step, where step holds working coefficients for the kept
        /// columns (in `kept` order).
        func addWorkingStep(_ step: [Double], kept: [Int], to beta: inout [Double]) {
            var interceptStep = CompensatedSum()
            for (position, column) in kept.enumerated() {
                if hasIntercept && column == 0 {
                    interceptStep.add(workingScales[0] * step[position])
                } else {
                    let change = workingScales[column] * step[position]
                    beta[column] += change
                    if hasIntercept { interceptStep.add(-centres[column] * change) }
                }
            }
            if hasIntercept { beta[0] += interceptStep.value }
        }

        /// Row `position` of L·R⁻¹: the coefficient's standard error is σ̂
        /// times its norm. For the intercept the row is s₀·(R⁻¹)₀ − Σ cⱼsⱼ(R⁻¹)ⱼ,
        /// each entry a compensated sum (the terms can nearly cancel).
        func originalRow(position: Int, inverseRows: [[Double]], kept: [Int]) -> [Double] {
            let column = kept[position]
            guard hasIntercept && column == 0 else {
                return inverseRows[position].map { $0 * workingScales[column] }
            }
            return (0..<kept.count).map { entry in
                var sum = CompensatedSum()
                sum.add(workingScales[0] * inverseRows[0][entry])
                for (other, otherColumn) in kept.enumerated() where other > 0 {
                    sum.add(-centres[otherColumn] * workingScales[otherColumn] * inverseRows[other][entry])
                }
                return sum.value
            }
        }

        /// Adds Σⱼ xᵢⱼβⱼ (kept columns) to `sum` with every product exact:
        /// p = a·b rounded, and its error a·b − p from a fused multiply-add.
        private func addFitted(row i: Int, beta: [Double], kept: [Int], sign: Double, to sum: inout CompensatedSum) {
            for column in kept {
                if hasIntercept && column == 0 {
                    sum.add(sign * beta[0])
                    continue
                }
                let x = columns[column][i]
                let product = x * beta[column]
                sum.add(sign * product)
                sum.add(sign * (-product).addingProduct(x, beta[column]))
            }
        }

        /// y − Xβ in doubled precision, rounded once.
        func residuals(beta: [Double], kept: [Int]) -> [Double] {
            (0..<n).map { i in
                var sum = CompensatedSum()
                sum.add(response[i])
                addFitted(row: i, beta: beta, kept: kept, sign: -1, to: &sum)
                return sum.value
            }
        }

        /// Xβ in doubled precision, rounded once.
        func fitted(beta: [Double], kept: [Int]) -> [Double] {
            (0..<n).map { i in
                var sum = CompensatedSum()
                addFitted(row: i, beta: beta, kept: kept, sign: 1, to: &sum)
                return sum.value
            }
        }

        /// f = y − r − Xβ, the first block of the augmented system's residual.
        func augmentedResidual(beta: [Double], residuals: [Double], kept: [Int]) -> [Double] {
            (0..<n).map { i in
                var sum = CompensatedSum()
                sum.add(response[i])
                sum.add(-residuals[i])
                addFitted(row: i, beta: beta, kept: kept, sign: -1, to: &sum)
                return sum.value
            }
        }

        /// g = −Wᵀr for the kept columns, with W's exact entries
        /// sⱼ·(xᵢⱼ − cⱼ): the difference is split exactly into a rounded part
        /// and its error (TwoSum), so the centring costs nothing here.
        func orthogonalityResidual(residuals: [Double], kept: [Int]) -> [Double] {
            kept.map { column in
                var sum = CompensatedSum()
                if hasIntercept && column == 0 {
                    for r in residuals { sum.add(r) }
                    return -workingScales[0] * sum.value
                }
                for (i, r) in residuals.enumerated() {
                    let (high, low) = Self.exactDifference(columns[column][i], centres[column])
                    let product = high * r
                    sum.add(product)
                    sum.add((-product).addingProduct(high, r))
                    sum.add(low * r)
                }
                return -workingScales[column] * sum.value
            }
        }

        /// The sums of squares of a fit, in scaled units.
        struct SumsOfSquares: Sendable {
            var rss: Double
            var tss: Double
            var mss: Double
            var responseScale: Double
        }

        func sumsOfSquares(beta: [Double], kept: [Int]) -> SumsOfSquares {
            var rss = CompensatedSum()
            for r in residuals(beta: beta, kept: kept) { rss.add(r * r) }
            return SumsOfSquares(
                rss: rss.value, tss: Self.totalSquares(response, centred: hasIntercept),
                mss: modelSquares(beta: beta, kept: kept), responseScale: responseScale)
        }

        /// MSS: Σ(ŷᵢ − mean ŷ)² with an intercept, Σŷᵢ² without.
        ///
        /// With an intercept the fitted values are not formed: rounding
        /// ŷᵢ ≈ 10⁹ + small would cost the small part 7 digits. Their
        /// deviations Σⱼ βⱼ(xᵢⱼ − cⱼ) (slopes only; the intercept cancels) are
        /// summed in doubled precision with the centring exact, and the
        /// corrected two-pass formula Σd² − (Σd)²/n removes what the rounded
        /// centres leave over.
        private func modelSquares(beta: [Double], kept: [Int]) -> Double {
            guard hasIntercept else {
                var sum = CompensatedSum()
                for value in fitted(beta: beta, kept: kept) { sum.add(value * value) }
                return sum.value
            }
            var squares = CompensatedSum()
            var deviations = CompensatedSum()
            for i in 0..<n {
                var sum = CompensatedSum()
                for column in kept where column != 0 {
                    let (high, low) = Self.exactDifference(columns[column][i], centres[column])
                    let product = high * beta[column]
                    sum.add(product)
                    sum.add((-product).addingProduct(high, beta[column]))
                    sum.add(low * beta[column])
                }
                let deviation = sum.value
                squares.add(deviation * deviation)
                deviations.add(deviation)
            }
            guard n > 0 else { return 0 }
            let drift = deviations.value
            return max(0, squares.value - drift * drift / Double(n))
        }

        /// x − c as high + low exactly: high the rounded difference, low its
        /// rounding error (Knuth's TwoSum).
        private static func exactDifference(_ x: Double, _ c: Double) -> (high: Double, low: Double) {
            let high = x - c
            let bridge = high - x
            return (high, (x - (high - bridge)) + (-c - bridge))
        }

        /// Σ(vᵢ − v̄)² by the corrected two-pass algorithm, or Σvᵢ².
        private static func totalSquares(_ values: [Double], centred: Bool) -> Double {
            if centred {
                guard values.count >= 2, let variance = Descriptive.variance(values) else { return 0 }
                return variance * Double(values.count - 1)
            }
            var sum = CompensatedSum()
            for value in values { sum.add(value * value) }
            return sum.value
        }

        /// The terms (column indices) an aliased column is made of: those
        /// whose multiple in xⱼ ≈ Σ γᵢ·xᵢ contributes at least 10⁻⁶ of ‖xⱼ‖.
        /// γ comes from the factorization's dependency in working units,
        /// mapped back like the coefficients.
        func dependencyTerms(_ aliased: HouseholderQR.AliasedColumn, kept: [Int]) -> [Int] {
            let column = aliased.column
            let size =
                hasIntercept && column == 0
                ? Double(n).squareRoot() : Self.norm(columns[column])
            var gamma = [Double](repeating: 0, count: columnCount)
            addWorkingStep(aliased.dependency, kept: Array(kept.prefix(aliased.dependency.count)), to: &gamma)
            // The step above treats the dependency like a coefficient step; the
            // aliased column's own centre and scale still apply:
            // xⱼ = cⱼ + wⱼ/sⱼ ≈ cⱼ + Σ γᵢ xᵢ / sⱼ.
            var terms: [Int] = []
            for other in kept.prefix(aliased.dependency.count) {
                var coefficient = gamma[other] / workingScales[column]
                if hasIntercept && other == 0 { coefficient += centres[column] }
                let otherSize =
                    hasIntercept && other == 0
                    ? Double(n).squareRoot() : Self.norm(columns[other])
                if abs(coefficient) * otherSize > 1e-6 * size { terms.append(other) }
            }
            return terms
        }

        /// 2^(−e) where 2^e ≤ magnitude < 2^(e+1); 1 for zero.
        private static func powerOfTwoScale(_ magnitude: Double) -> Double {
            guard magnitude > 0, magnitude.isFinite else { return 1 }
            return Double(sign: .plus, exponent: -magnitude.exponent, significand: 1)
        }

        /// The Euclidean norm of values with magnitudes below 2 (scaled data).
        private static func norm(_ values: [Double]) -> Double {
            var sum = CompensatedSum()
            for value in values { sum.add(value * value) }
            return sum.value.squareRoot()
        }
    }
}
