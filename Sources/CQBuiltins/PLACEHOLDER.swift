import CQCore
public enum BuiltinDatasets {
    public static let names = ["world", "paper"]
    public static func load(_ name: String) -> Dataset? { nil }
}
