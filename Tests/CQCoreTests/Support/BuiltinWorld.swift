import CQBuiltins
import CQCore

enum BuiltinWorld {
    static let dataset: Dataset = BuiltinDatasets.load("world")!
}
