import Foundation
import Testing

/// `.format csv` at the top of a script, as sqlite3 users write it: cq
/// refuses it before running anything (a script is checked whole, and its
/// output is one stream in one format) and says which flag does the same.
struct ScriptDotCommandTests {
    @Test func a_format_command_in_a_script_names_the_flag_that_does_it() throws {
        let run = try Binary.run(["-"], stdin: ".format csv\ncount countries in 2019\n")
        #expect(run.status == 65)
        #expect(run.stdout.isEmpty)
        #expect(
            run.stderr.contains("`.format` is a command of the interactive session, not a statement"), "\(run.stderr)")
        #expect(run.stderr.contains("cq --format csv FILE.cq"), "\(run.stderr)")
        #expect(run.stderr.contains("cq: 1 error; nothing was run"), "\(run.stderr)")
    }
}
