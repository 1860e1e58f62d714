import Foundation
import Testing

/// `cq serve`, the JSON-lines protocol the Jupyter kernel and other tools
/// drive (Editors/PROTOCOL.md), through the real program: one answer line
/// per request, with the request's id, in order; the session carries
/// bindings from one request to the next; a bad cell or a bad request is an
/// answer, never the end of the session.
struct ServeTests {
    static let exchanges: [(request: String, answer: [String])] = [
        (
            #"{"id":1,"op":"execute","code":"let x = gdp_per_capita"}"#,
            [#""id":1,"status":"ok""#, #""statement":"let""#]
        ),
        (
            #"{"id":2,"op":"execute","code":"correlate x, life_expectancy in 2019"}"#,
            [#""status":"ok""#, #"r = 0.603, n = 211"#, #""text/markdown":"**Pearson's r of x"#, #""n":211"#]
        ),
        (
            #"{"id":"cell-3","op":"execute","code":"count countries\ncorrelate x, nope"}"#,
            [
                #""id":"cell-3","status":"error""#, #""code":"E301","severity":"error","line":2,"column":14"#,
                #"cell:2:14: error[E301]: unknown name `nope`"#,
            ]
        ),
        (
            #"{"id":4,"op":"complete","code":"summarize x where region = \"E","cursor":29}"#,
            [#""matches":["\"EU\"","\"East Asia & Pacific\"","\"Europe & Central Asia\""]"#, #""cursor_start":27"#]
        ),
        (#"{"id":5,"op":"inspect","code":"rank x","cursor":2}"#, [#""found":true"#, "rank X [where COND]"]),
        (#"{"id":6,"op":"inspect","code":"zzz","cursor":1}"#, [#""found":false"#]),
        (
            #"{"id":7,"op":"execute","code":"plot x against life_expectancy in 2019"}"#,
            [#""image/svg+xml":"<?xml version"#]
        ),
        (#"{"id":8,"op":"frobnicate"}"#, [#""id":8,"status":"error","message":"unknown op `frobnicate`"#]),
        ("not json", [#""id":null,"status":"error","message":"a request is one JSON object on one line""#]),
        (#"{"id":9,"op":"shutdown"}"#, [#""id":9,"status":"ok""#]),
    ]

    @Test func each_request_gets_its_answer_and_the_session_carries_on() throws {
        let input = Self.exchanges.map(\.request).joined(separator: "\n") + "\n"
        let run = try Binary.run(["serve"], stdin: input)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == Self.exchanges.count, "\(run.stdout)")
        for (line, exchange) in zip(lines, Self.exchanges) {
            for expected in exchange.answer {
                // As a boolean: a failure would otherwise print the whole line (an SVG).
                let found = line.contains(expected)
                #expect(found, "\(exchange.request)\n→ \(line.prefix(600))")
            }
        }
    }

    @Test func every_answer_is_one_line_of_valid_json() throws {
        let input = Self.exchanges.map(\.request).joined(separator: "\n") + "\n"
        let run = try Binary.run(["serve"], stdin: input)
        for line in run.stdout.split(separator: "\n") {
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8))
            #expect(object is [String: Any], "\(line.prefix(300))")
        }
    }
}
