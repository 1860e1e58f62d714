import CQCore

/// Small hand-made datasets whose every number is visible here, so a test's
/// expected output can be checked by eye.
enum TestDatasets {
    /// Four countries, 2016–2017, two indicators with one gap, a time-varying
    /// region and an EU flag that GBR loses in 2017 (for the tests' sake).
    static let tiny: Dataset = {
        let countries = [
            Country(code: "AUT", name: "Austria"),
            Country(code: "DEU", name: "Germany"),
            Country(code: "GBR", name: "United Kingdom"),
            Country(code: "KAZ", name: "Kazakhstan"),
        ]
        // cell = country * 2 + (year - 2016)
        let eu: [Bool] = [true, true, true, true, true, false, false, false]
        let regionValues = ["CIS", "EU", "Europe & Central Asia"]
        let region: [Int32] = [1, 1, 1, 1, 1, 2, 0, 0]
        let nan = Double.nan
        return Dataset(
            name: "tiny", title: "a tiny test dataset", attribution: ["made up for tests"],
            firstYear: 2016, lastYear: 2017,
            countries: countries,
            attributes: [
                Attribute(
                    name: "continent", label: "continent", values: ["Asia", "Europe"], codes: .perCountry([1, 1, 1, 0])),
                Attribute(
                    name: "region", label: "EU, else CIS, else World Bank region, by year", values: regionValues,
                    codes: .perCell(region)),
            ],
            groups: [Group(name: "eu", label: "EU", members: eu)],
            indicators: [
                Indicator(
                    id: "gdp", label: "GDP per capita", unit: "current US$", kind: "usd", minimum: 0, maximum: nil,
                    source: "test", license: "CC0", url: "", note: "",
                    values: [44000, 45000, 41000, 42000, 40000, 39000, 7000, 9000]),
                Indicator(
                    id: "rnd", label: "R&D expenditure", unit: "% of GDP", kind: "pct_of_gdp", minimum: 0, maximum: nil,
                    source: "test", license: "CC0", url: "", note: "",
                    values: [3.1, 3.2, 2.9, 3.0, 1.7, nan, 0.1, 0.2]),
            ])
    }()

    static let catalog = DatasetCatalog(names: ["tiny"], load: { $0 == "tiny" ? tiny : nil })

    static func session() -> Session {
        Session(dataset: tiny, catalog: catalog)
    }
}
