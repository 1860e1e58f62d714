/// How loaders reach files. The core never touches the file system: the
/// executable passes one backed by the real files, tests pass fixtures.
public struct DataFiles: Sendable {
    public enum Kind: Sendable, Equatable {
        case file
        case directory
    }

    /// The bytes of a file, or a `DataLoadError` (line 0) saying why not.
    public var read: @Sendable (String) throws(DataLoadError) -> [UInt8]
    /// Whether a path is a file, a directory, or (nil) absent.
    public var kind: @Sendable (String) -> Kind?
    /// The entry names in a directory, sorted; nil when it is not one.
    public var list: @Sendable (String) -> [String]?
    /// Optional: calls the body with a file's bytes without copying them — a
    /// read-only, private (`MAP_PRIVATE`) memory mapping of the whole file,
    /// valid only during the call — or throws when it cannot (then loaders
    /// use `read`). As the mapping is private and file-backed, a loader may
    /// `madvise(MADV_DONTNEED)` the pages of ranges it has read: they stay
    /// readable (read back from the file). nil: loaders always use `read`.
    public var withMappedBytes:
        (@Sendable (String, (UnsafeRawBufferPointer) throws(DataLoadError) -> Void) throws(DataLoadError) -> Void)?

    public init(
        read: @escaping @Sendable (String) throws(DataLoadError) -> [UInt8],
        kind: @escaping @Sendable (String) -> Kind?,
        list: @escaping @Sendable (String) -> [String]?,
        withMappedBytes: (
            @Sendable (String, (UnsafeRawBufferPointer) throws(DataLoadError) -> Void) throws(DataLoadError) -> Void
        )? = nil
    ) {
        self.read = read
        self.kind = kind
        self.list = list
        self.withMappedBytes = withMappedBytes
    }
}

/// The file layouts `use "path"` understands; `as NAME` picks one explicitly.
public enum DatasetFormat: String, Sendable, CaseIterable {
    /// cq's own folder: countries.csv, memberships.csv, indicators.csv,
    /// observations.csv (the first two optional).
    case cq
    /// The World Bank WDI bulk download (WDICSV.csv + WDICountry.csv +
    /// WDISeries.csv) or its per-indicator API_….csv files.
    case wdi
    /// Our World in Data grapher CSV: Entity, Code, Year, value columns.
    case owid
    /// A plain table: a header row, one row per observation; long form
    /// (entity, indicator, year, value) or wide (entity, year, one column per
    /// indicator), or no entity at all (the NIST reference data).
    case table
}

/// What a load found besides the data: shown by `use`, kept for `describe`.
public struct LoadReport: Sendable, Equatable {
    public var format: DatasetFormat
    /// The files read, in order.
    public var files: [String]
    public var observations: Int
    /// Cells holding a missing-value marker (empty, NA, .., -), counted, never read.
    public var missingMarkers: Int
    /// Rows skipped because their code names an aggregate such as "Euro area",
    /// not a country: the codes.
    public var aggregatesSkipped: [String]
    /// How a table was read, for the one line `use` prints: "wide by year",
    /// "separator `;`", "decimal comma", "entity `state`", "1 indicator".
    /// Empty for the formats whose layout is fixed (cq, WDI, OWID).
    public var shape: [String] = []
    /// False when the rows are not countries (US states, cars, the rows of a
    /// table without an entity column): `use` then counts entities.
    public var entitiesAreCountries = true
    /// True when the dataset came from cq's binary cache of the files, not
    /// from parsing them (the other fields are those of the parse that
    /// wrote the cache).
    public var fromCache = false

    public init(
        format: DatasetFormat, files: [String], observations: Int, missingMarkers: Int, aggregatesSkipped: [String]
    ) {
        self.format = format
        self.files = files
        self.observations = observations
        self.missingMarkers = missingMarkers
        self.aggregatesSkipped = aggregatesSkipped
    }
}
