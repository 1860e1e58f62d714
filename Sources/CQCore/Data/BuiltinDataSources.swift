/// How the built-in datasets are made from the CSV files in `Data/`: the one
/// recipe shared by `cq-pack` (which writes the embedded `.cqdb` files) and the
/// tests (which check the embedded bytes are what the CSVs give), so the two
/// cannot drift apart. Pure: the caller supplies a function that reads a file.
public enum BuiltinDataSources {
    /// The CSV files read, relative to `Data/`, in the order they are read.
    public static let worldFiles = [
        "world/countries.csv", "world/memberships.csv", "world/indicators.csv", "world/observations.csv",
    ]
    public static let paperFiles = ["paper/table1.csv", "paper/indicators.csv"]

    public static let worldAttribution = [
        "World Bank, World Development Indicators, CC BY 4.0.",
        "Country codes and UN regions: datasets/country-codes, ODC PDDL.",
        "Global Innovation Index 2017 (Cornell, INSEAD, WIPO) and WEF Global Competitiveness Index 2017–2018:"
            + " only the twenty scores quoted in the paper's Table 1 are included, as quoted.",
        "The paper's column 5 is probably India: its innovation score 23.72, kept as printed,"
            + " does not match India's published GII 2017 score of 35.47.",
    ]

    /// The world title states the counts the data actually has.
    static func worldTitle(countries: Int, firstYear: Int, lastYear: Int) -> String {
        "\(countries) economies, \(firstYear)–\(lastYear): World Bank WDI indicators"
            + " plus the paper's two 2017 indices (its ten countries)"
    }

    /// Builds both built-in datasets. `read` gets a path relative to `Data/`
    /// (e.g. "world/countries.csv"); errors carry that path as their file name.
    public static func build(
        read: (String) throws -> [UInt8]
    ) throws -> (world: Dataset, paper: Dataset) {
        let world = try prefixingErrors("world/") {
            var world = try CQLayoutLoader.loadWorld(
                countries: read(worldFiles[0]), memberships: read(worldFiles[1]),
                indicators: read(worldFiles[2]), observations: read(worldFiles[3]),
                name: "world", title: "", attribution: worldAttribution)
            world.title = worldTitle(
                countries: world.countries.count, firstYear: world.firstYear, lastYear: world.lastYear)
            return world
        }
        let paper = try prefixingErrors("paper/") {
            try CQLayoutLoader.loadPaper(table1: read(paperFiles[0]), indicators: read(paperFiles[1]), world: world)
        }
        return (world, paper)
    }

    /// Runs `body`, adding the directory to the file name of a `DataLoadError`.
    private static func prefixingErrors<T>(_ directory: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch var error as DataLoadError {
            error.file = directory + error.file
            throw error
        }
    }
}
