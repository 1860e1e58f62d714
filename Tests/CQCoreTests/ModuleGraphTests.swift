import Foundation
import Testing

/// The pipeline runs one way: a module may import only the modules below it.
/// SwiftPM finds any module already built in the same build folder, so an
/// undeclared upward import can compile by luck of build order; this test
/// makes it fail every time. The table is the graph drawn in ARCHITECTURE.md.
struct ModuleGraphTests {
    /// Each target under Sources/ and the targets it may import.
    static let allowed: [String: Set<String>] = [
        "CQSyntax": [],
        "CQStatistics": [],
        "CQPresentation": [],
        "CQData": ["CQSyntax", "CZlib", "CMemoryHints"],
        "CQCore": ["CQSyntax", "CQData", "CQStatistics", "CQPresentation"],
        "CQLessons": ["CQCore"],
        "CEmbeddedData": [],
        "CQBuiltins": ["CQCore", "CEmbeddedData"],
        "CQStorage": ["CQCore"],
        "CQPostgres": ["CQCore"],
        "CReadline": [],
        "CZlib": [],
        "CMemoryHints": [],
        "LineEditor": ["CReadline"],
        "cq": ["CQCore", "CQLessons", "CQBuiltins", "CQStorage", "CQPostgres", "LineEditor"],
        "cq-pack": ["CQCore"],
        "cq-bench": ["CQCore", "CQBuiltins", "CQStorage", "CQPostgres"],
        "cq-generate": [],
    ]

    /// Modules outside the package that any target may import.
    static let system: Set<String> = ["Glibc", "Foundation", "Synchronization", "Dispatch"]

    @Test func every_target_is_placed_in_the_graph() throws {
        let targets = try FileManager.default.contentsOfDirectory(atPath: EBNFGrammar.url("Sources").path)
        #expect(Set(targets) == Set(Self.allowed.keys))
    }

    @Test(arguments: allowed.keys.sorted())
    func imports_only_go_down(_ target: String) throws {
        let root = EBNFGrammar.url("Sources/" + target)
        let files = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
        let own = Set(Self.allowed.keys)
        for file in files where file.hasSuffix(".swift") {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") {
                let words = line.split(separator: " ").map(String.init)
                guard let index = words.firstIndex(of: "import"), index + 1 < words.count,
                    words[..<index].allSatisfy({ $0.hasPrefix("@") })
                else { continue }
                let module = words[index + 1]
                guard own.contains(module) else {
                    #expect(
                        Self.system.contains(module),
                        "\(target)/\(file) imports `\(module)`, which is neither a target nor a system module")
                    continue
                }
                #expect(
                    Self.allowed[target]!.contains(module),
                    "\(target)/\(file) imports \(module), which is not below it: see ARCHITECTURE.md")
            }
        }
    }
}
