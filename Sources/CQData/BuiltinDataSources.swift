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
    /// `extended` is the folder `Data/world-extended`, which has no
    /// countries.csv or memberships.csv: the world dataset describes its countries.
    public static let extendedFolder = "world-extended"
    public static let extendedFiles = [extendedFolder + "/indicators.csv", extendedFolder + "/observations.csv"]

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

    /// Builds `world` and `paper` (`buildExtended` makes the third). `read` gets a path relative to `Data/`
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

    /// The extended title, like the world one, states the counts the data has.
    static func extendedTitle(countries: Int, firstYear: Int, lastYear: Int) -> String {
        "\(countries) economies, \(firstYear)–\(lastYear): World Bank WDI and Penn World Table 9.1 indicators"
    }

    /// Builds the `extended` dataset from `Data/world-extended` exactly as
    /// `use "Data/world-extended"` loads it — through `DatasetLoader`, as a cq
    /// folder, with `world` (the one `build` gives) describing the countries —
    /// then names it `extended` and gives it a title. Separate from `build`
    /// because parsing its 7.9 MB of observations is slow in a debug build and
    /// most callers want only `world` and `paper`. Errors name files as
    /// "world-extended/observations.csv".
    public static func buildExtended(
        world: Dataset, read: (String) throws -> [UInt8]
    ) throws -> Dataset {
        var contents: [String: [UInt8]] = [:]
        for file in extendedFiles { contents[file] = try read(file) }
        let folder = extendedFolder
        let frozen = contents
        let files = DataFiles(
            read: { path throws(DataLoadError) -> [UInt8] in
                guard let bytes = frozen[path] else {
                    throw DataLoadError(
                        file: path, line: 0, column: 0, message: "not one of the files the built-in reads")
                }
                return bytes
            },
            kind: { path in path == folder ? .directory : frozen[path] != nil ? .file : nil },
            list: { path in
                path == folder ? frozen.keys.map { String($0.dropFirst(folder.count + 1)) }.sorted() : nil
            })
        var (extended, _) = try DatasetLoader.load(folder, as: .cq, files: files, reference: world)
        extended.name = "extended"
        extended.title = extendedTitle(
            countries: extended.countries.count, firstYear: extended.firstYear, lastYear: extended.lastYear)
        return extended
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
