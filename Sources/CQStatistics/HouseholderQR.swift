/// A Householder QR factorization A = Q·R of a tall matrix given by columns,
/// with the limited column pivoting of R's `lm` (LINPACK `dqrdc2`): columns
/// are taken in order, and one whose part orthogonal to the columns already
/// taken is negligible is set aside ("aliased") instead of being factorized.
///
/// Why Householder and not the normal equations: forming AᵀA squares the
/// condition number, which loses NIST's Longley to 7 digits and Filip
/// entirely; Householder reflections are backward stable, so the error
/// depends on the condition number of A itself.
///
/// Why in order rather than by largest remaining norm (LAPACK's pivoting):
/// the set-aside column is then the first term that is a combination of
/// earlier ones, the one R reports as NA, which is what a user who typed the
/// terms in that order expects to be told.
///
/// Q is kept as its reflectors H_k = I − τ_k·v_k·v_kᵀ (v_k zero above row k,
/// v_k[k] = 1), never formed. The type is a numeric building block for
/// `Regression`; its inputs are finite and should be scaled so that no
/// column norm overflows (Regression scales by powers of two).
struct HouseholderQR: Sendable {
    /// A column that was set aside, with the coefficients that express it
    /// through the kept columns before it: column ≈ Σ dependency[i]·kept[i].
    struct AliasedColumn: Sendable, Equatable {
        /// Index into the input columns.
        var column: Int
        /// One coefficient per kept column that precedes it (in `kept` order).
        var dependency: [Double]
    }

    /// The number of rows.
    let rowCount: Int
    /// Input column indices that were factorized, in order; R has this many
    /// rows and columns.
    private(set) var kept: [Int] = []
    /// Input columns set aside, in order.
    private(set) var aliased: [AliasedColumn] = []
    /// For each kept column (in `kept` order), the norm of its part
    /// orthogonal to the kept columns before it, over its reference norm:
    /// how far it is from being set aside (1 for a column orthogonal to the
    /// others).
    private(set) var relativeRemainders: [Double] = []
    /// v_k, the Householder vectors, each of length rowCount − k (the rows
    /// from k down; the leading 1 is stored).
    private var vectors: [[Double]] = []
    /// τ_k for each reflector.
    private var taus: [Double] = []
    /// The columns of R: column k holds R[0...k, k].
    private var rColumns: [[Double]] = []

    /// Factorizes the matrix whose columns are `columns` (each of length
    /// `rowCount`).
    ///
    /// Column j is set aside when the norm of its part orthogonal to the
    /// kept columns before it is at most `tolerance · referenceNorms[j]`.
    /// The reference norm is the caller's idea of the column's size (R's
    /// `dqrdc2` uses the column's own original norm); with a zero reference
    /// norm only an exactly zero remainder is set aside. A column that comes
    /// after `rowCount` kept columns has no rows left and is always set aside,
    /// and so is every column in `excluded` (the caller's own verdict).
    init(
        columns: [[Double]], rowCount: Int, referenceNorms: [Double], tolerance: Double,
        excluded: Set<Int> = []
    ) {
        precondition(columns.count == referenceNorms.count, "one reference norm per column")
        precondition(columns.allSatisfy { $0.count == rowCount }, "columns of equal length")
        self.rowCount = rowCount
        var work = columns
        for j in work.indices {
            let k = kept.count
            let remainder = k < rowCount ? Self.norm(work[j][k...]) : 0
            if remainder == 0 || remainder <= tolerance * referenceNorms[j] || excluded.contains(j) {
                aliased.append(AliasedColumn(column: j, dependency: solveLeading(k, Array(work[j][0..<k]))))
                continue
            }
            // The reflector that maps x = work[j][k...] to (β, 0, …, 0) with
            // β = −sign(x₀)·‖x‖, so that x₀ − β never cancels (LAPACK dlarfg).
            let x0 = work[j][k]
            let beta = x0 >= 0 ? -remainder : remainder
            let tau = (beta - x0) / beta
            let scale = 1 / (x0 - beta)
            var v = [Double](repeating: 0, count: rowCount - k)
            v[0] = 1
            for i in 1..<v.count { v[i] = work[j][k + i] * scale }
            var rColumn = Array(work[j][0..<k])
            rColumn.append(beta)
            rColumns.append(rColumn)
            vectors.append(v)
            taus.append(tau)
            kept.append(j)
            relativeRemainders.append(referenceNorms[j] > 0 ? remainder / referenceNorms[j] : 1)
            // Later columns see this reflector before their own turn.
            for later in (j + 1)..<work.count {
                Self.reflect(&work[later], v: v, tau: tau, from: k)
            }
        }
    }

    /// The rank found: the number of kept columns.
    var rank: Int { kept.count }

    /// R[i, j] for 0 ≤ i ≤ j < rank (0 below the diagonal).
    func r(_ i: Int, _ j: Int) -> Double {
        i <= j ? rColumns[j][i] : 0
    }

    /// Qᵀ·vector, in place (vector has `rowCount` entries).
    func applyQTranspose(_ vector: inout [Double]) {
        for k in 0..<rank {
            Self.reflect(&vector, v: vectors[k], tau: taus[k], from: k)
        }
    }

    /// Q·vector, in place: the reflectors in reverse order.
    func applyQ(_ vector: inout [Double]) {
        for k in stride(from: rank - 1, through: 0, by: -1) {
            Self.reflect(&vector, v: vectors[k], tau: taus[k], from: k)
        }
    }

    /// x with R·x = rhs (rhs has `rank` entries), by back-substitution.
    func solveR(_ rhs: [Double]) -> [Double] {
        solveLeading(rank, rhs)
    }

    /// x with Rᵀ·x = rhs (rhs has `rank` entries), by forward substitution.
    func solveRTranspose(_ rhs: [Double]) -> [Double] {
        var x = rhs
        for i in 0..<rank {
            var sum = CompensatedSum()
            sum.add(x[i])
            for m in 0..<i { sum.add(-rColumns[i][m] * x[m]) }
            x[i] = sum.value / rColumns[i][i]
        }
        return x
    }

    /// R⁻¹ by rows: row i holds (R⁻¹)[i, i..<rank] at positions i..<rank
    /// (zeros before). The rows give the coefficient covariances,
    /// (RᵀR)⁻¹ = R⁻¹R⁻ᵀ, without ever forming AᵀA.
    func inverseRRows() -> [[Double]] {
        var rows = [[Double]](repeating: [Double](repeating: 0, count: rank), count: rank)
        // Column c of R⁻¹ solves R·x = e_c; it is zero below row c.
        for c in 0..<rank {
            var unit = [Double](repeating: 0, count: c + 1)
            unit[c] = 1
            let column = solveLeading(c + 1, unit)
            for i in 0...c { rows[i][c] = column[i] }
        }
        return rows
    }

    /// Back-substitution with the leading `size`×`size` block of R, which is
    /// final as soon as that many columns are kept.
    private func solveLeading(_ size: Int, _ rhs: [Double]) -> [Double] {
        var x = rhs
        for i in stride(from: size - 1, through: 0, by: -1) {
            // Compensated, because the terms can cancel heavily when R is
            // ill-conditioned (Filip) and the refinement in Regression relies
            // on the solve being as good as R allows.
            var sum = CompensatedSum()
            sum.add(x[i])
            for m in (i + 1)..<size { sum.add(-rColumns[m][i] * x[m]) }
            x[i] = sum.value / rColumns[i][i]
        }
        return x
    }

    /// Applies H = I − τ·v·vᵀ (v acting on rows `from`...) to `vector`.
    private static func reflect(_ vector: inout [Double], v: [Double], tau: Double, from start: Int) {
        var dot = 0.0
        for i in v.indices { dot += v[i] * vector[start + i] }
        let factor = tau * dot
        if factor == 0 { return }
        for i in v.indices { vector[start + i] -= factor * v[i] }
    }

    /// The Euclidean norm, scaled by a power of two (exact) so that squaring
    /// can neither overflow nor underflow.
    private static func norm(_ values: ArraySlice<Double>) -> Double {
        let largest = values.lazy.map(abs).max() ?? 0
        guard largest > 0, largest.isFinite else { return largest }
        let scale = Double(sign: .plus, exponent: -largest.exponent, significand: 1)
        var sum = CompensatedSum()
        for value in values {
            let scaled = value * scale
            sum.add(scaled * scaled)
        }
        return sum.value.squareRoot() / scale
    }
}

extension HouseholderQR {
    /// An estimate of the factorized matrix's 2-norm condition number,
    /// ‖R‖_F·‖R⁻¹‖_F: at least the true value and at most `rank` times it,
    /// enough to say how many digits the data must carry.
    func conditionEstimate() -> Double {
        guard rank > 0 else { return 1 }
        var r = 0.0
        for j in 0..<rank {
            for i in 0...j { r += self.r(i, j) * self.r(i, j) }
        }
        var inverse = 0.0
        for row in inverseRRows() {
            for value in row { inverse += value * value }
        }
        return (r * inverse).squareRoot()
    }
}
