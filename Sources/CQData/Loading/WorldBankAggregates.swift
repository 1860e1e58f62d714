/// Codes that name groups of economies rather than economies, so their rows
/// are skipped (and listed in `LoadReport.aggregatesSkipped`) instead of
/// becoming countries that would count twice in every statistic.
///
/// World Bank files say which codes are aggregates: their country metadata
/// (WDICountry.csv, Metadata_Country_API_….csv) leaves `Region` empty for
/// them. This table is the fallback when that metadata is absent: the
/// aggregate codes of the WDI release. Our World in Data marks its own
/// aggregates with an `OWID_` code or no code at all.
public enum WorldBankAggregates {
    public static let codes: Set<String> = [
        "AFE", "AFW", "ARB", "CEB", "CSS", "EAP", "EAR", "EAS", "ECA", "ECS", "EMU", "EUU", "FCS", "HIC", "HPC",
        "IBD", "IBT", "IDA", "IDB", "IDX", "INX", "LAC", "LCN", "LDC", "LIC", "LMC", "LMY", "LTE", "MEA", "MIC",
        "MNA", "NAC", "OED", "OSS", "PRE", "PSS", "PST", "SAS", "SSA", "SSF", "SST", "TEA", "TEC", "TLA", "TMN",
        "TSA", "TSS", "UMC", "WLD",
    ]

    /// Whether a code is a known aggregate: a World Bank aggregate code or an
    /// OWID_ code (OWID_WRL, OWID_EU27, …).
    public static func isAggregate(_ code: String) -> Bool {
        codes.contains(code) || isOWIDCode(code)
    }

    static func isOWIDCode(_ code: String) -> Bool {
        code.hasPrefix("OWID_")
    }

    /// OWID codes that stand for a single present-day economy with an ISO3 or
    /// World Bank code: kept as that country, not skipped as an aggregate.
    /// (OWID writes Kosovo as OWID_KOS; the World Bank as XKX.)
    static let owidCountryCodes: [String: String] = ["OWID_KOS": "XKX"]
}
