/// Closed sets of words the language accepts as names after a keyword,
/// spelled here so the parser can list them in its hints without knowing
/// the statistics or the loaders that implement them. A test keeps each in
/// step with the enum that gives it meaning (`CorrelationMethod`,
/// `DatasetFormat`).
public enum Vocabulary {
    /// After `using` and in `set method = …`.
    public static let correlationMethods = ["pearson", "spearman", "kendall"]
    /// After `use "file" as …`.
    public static let datasetFormats = ["cq", "wdi", "owid", "table"]
}
