import Foundation
import Testing

/// Examples/notebooks/paper.Rmd rendered by R Markdown with the knitr
/// engine of Editors/knitr: cq chunks in one session (a `let` in one chunk
/// used in the next), cq's results in the document, a failing chunk showing
/// the diagnostic at chunk:line:column. Runs where R, knitr, rmarkdown,
/// jsonlite and pandoc are installed (`.ci/run` installs them); elsewhere it
/// says what is missing and passes.
struct RMarkdownTests {
    @Test func the_paper_renders_with_cq_results_from_one_session() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("cq-rmd-\(getpid()).md")
        defer { try? FileManager.default.removeItem(at: output) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "Rscript", "-e",
            """
            for (p in c("knitr", "rmarkdown", "jsonlite")) if (!requireNamespace(p, quietly = TRUE)) { \
            cat("missing R package", p, "\\n"); quit(status = 2) }; \
            if (!rmarkdown::pandoc_available()) { cat("missing pandoc\\n"); quit(status = 2) }; \
            rmarkdown::render("Examples/notebooks/paper.Rmd", output_file = "\(output.path)", quiet = TRUE)
            """,
        ]
        process.currentDirectoryURL = Binary.packageRoot
        var environment = ProcessInfo.processInfo.environment
        environment["CQ_BINARY"] = Binary.url.path
        environment["CQ_REPOSITORY"] = Binary.packageRoot.path
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do {
            try process.run()
        } catch {
            print("RMarkdownTests: skipped: no Rscript (apt-get install r-base-core r-cran-knitr r-cran-rmarkdown)")
            return
        }
        let log = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus == 2 || process.terminationStatus == 127 {
            if ProcessInfo.processInfo.environment["CQ_REQUIRE_R_CHECKS"] != nil {
                Issue.record("R Markdown is required here: \(log)")
            }
            print("RMarkdownTests: skipped: \(log)")
            return
        }
        #expect(process.terminationStatus == 0, "\(log)")
        let rendered = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        for expected in [
            "gci = competitiveness", "r = 0.892, n = 10, p = 0.000523", "rho = 0.969, n = 10",
            "chunk:1:11: error[E301]: unknown name `competitivness`",
        ] {
            let found = rendered.contains(expected)
            #expect(found, "missing \(expected) in:\n\(rendered)")
        }
    }
}
