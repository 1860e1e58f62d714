// TEMPORARY stand-in for the statistics helper's files; deleted at integration.
import Glibc
public enum CorrelationMethod: String, Sendable, CaseIterable { case pearson, spearman, kendall }
public enum Undefinedness: Sendable, Equatable { case tooFewPairs(needed: Int), constant(variable: Int), perfect }
public struct CorrelationEstimate: Sendable, Equatable {
    public var method: CorrelationMethod
    public var n: Int
    public var r: Double?
    public var statistic: Double?
    public var degreesOfFreedom: Double?
    public var p: Double?
    public var pMethod: String
    public var ciLow: Double?
    public var ciHigh: Double?
    public var undefined: [Undefinedness]
}
public enum Correlation {
    public static func estimate(_ x: [Double], _ y: [Double], method: CorrelationMethod, confidence: Double = 0.95) -> CorrelationEstimate {
        let n = x.count
        var e = CorrelationEstimate(method: method, n: n, r: nil, statistic: nil, degreesOfFreedom: nil, p: nil, pMethod: "t", ciLow: nil, ciHigh: nil, undefined: [])
        guard n >= 2 else { e.undefined.append(.tooFewPairs(needed: 2)); return e }
        let mx = x.reduce(0, +) / Double(n), my = y.reduce(0, +) / Double(n)
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in 0..<n { sxy += (x[i]-mx)*(y[i]-my); sxx += (x[i]-mx)*(x[i]-mx); syy += (y[i]-my)*(y[i]-my) }
        guard sxx > 0, syy > 0 else { e.undefined.append(.constant(variable: sxx > 0 ? 1 : 0)); return e }
        let r = max(-1, min(1, sxy / (sxx*syy).squareRoot()))
        e.r = r
        if n >= 3 { e.p = 0.5; e.degreesOfFreedom = Double(n-2); e.statistic = r * (Double(n-2) / (1-r*r)).squareRoot() }
        if n >= 4 { let z = atanh(r), s = 1/Double(n-3).squareRoot(); e.ciLow = tanh(z - 1.96*s); e.ciHigh = tanh(z + 1.96*s) }
        return e
    }
}
public struct Summary: Sendable, Equatable {
    public var n: Int
    public var mean: Double?
    public var sd: Double?
    public var min: Double?
    public var p25: Double?
    public var median: Double?
    public var p75: Double?
    public var max: Double?
}
public enum Descriptive {
    public static func summary(_ x: [Double]) -> Summary {
        let s = x.sorted()
        guard !s.isEmpty else { return Summary(n: 0, mean: nil, sd: nil, min: nil, p25: nil, median: nil, p75: nil, max: nil) }
        let m = s.reduce(0,+)/Double(s.count)
        let sd: Double? = s.count > 1 ? (s.map{($0-m)*($0-m)}.reduce(0,+)/Double(s.count-1)).squareRoot() : nil
        return Summary(n: s.count, mean: m, sd: sd, min: s.first, p25: s[s.count/4], median: s[s.count/2], p75: s[3*s.count/4], max: s.last)
    }
}
