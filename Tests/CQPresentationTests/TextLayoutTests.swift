import Testing

@testable import CQPresentation

/// The table format within a terminal's width: lines break at spaces, a
/// wide table splits into panels that repeat the columns naming its rows,
/// or becomes one record per row; without a width nothing changes.
struct TextLayoutTests {
    @Test func a_line_that_fits_is_left_alone() {
        #expect(TextLayout.wrap("sample: 10 country-years", width: 40) == ["sample: 10 country-years"])
    }

    @Test func a_long_line_breaks_at_spaces_and_continues_indented() {
        let note =
            "note: years are pooled, with up to 25 per country, so observations are not independent; `in YEAR` gives one cross-section"
        let lines = TextLayout.wrap(note, width: 50)
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { $0.count <= 50 })
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("  ") && !$0.hasPrefix("   ") })
        // Nothing lost or added but the breaks.
        #expect(lines.map { $0.trimmingPrefix("  ") }.joined(separator: " ") == note)
    }

    @Test func a_break_keeps_a_statistic_with_its_value() {
        let lines = TextLayout.wrap("n = 98, R² = 0.748, adjusted R² = 0.742, F = 140.779 on 2 and 95 df", width: 36)
        for line in lines {
            #expect(!line.hasSuffix("="), "\(lines)")
        }
        #expect(Array(lines.prefix(2)) == ["n = 98, R² = 0.748, adjusted", "  R² = 0.742, F = 140.779 on 2 and"])
    }

    @Test func an_indented_line_continues_under_its_own_indentation() {
        let lines = TextLayout.wrap("  r = 0.892, n = 10, p = 0.000523, 95% CI 0.598 to 0.974", width: 30)
        #expect(lines.first?.hasPrefix("  r = ") == true)
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("    ") })
        #expect(lines.allSatisfy { $0.count <= 30 })
    }

    @Test func a_word_longer_than_the_line_is_cut() {
        let word = String(repeating: "x", count: 50)
        let lines = TextLayout.wrap(word, width: 20)
        #expect(lines.allSatisfy { $0.count <= 20 })
        #expect(lines.map { $0.trimmingPrefix("  ") }.joined() == word)
    }

    private let columns = [
        TextLayout.Column(name: "region", rightAligned: false),
        TextLayout.Column(name: "variable", rightAligned: false),
        TextLayout.Column(name: "n", rightAligned: true),
        TextLayout.Column(name: "mean", rightAligned: true),
        TextLayout.Column(name: "unit", rightAligned: false),
    ]
    private let rows = [
        ["Middle East & North Africa", "gdp_per_capita", "496", "14725", "current US$ per person"],
        ["Middle East & North Africa", "rnd", "185", "0.938051", "% of GDP"],
        ["South Asia", "gdp_per_capita", "200", "2234.93", "current US$ per person"],
    ]

    @Test func a_table_that_fits_or_has_no_width_is_one_block() {
        let whole = TextLayout.table(columns, rows, width: nil)
        #expect(whole.split(separator: "\n").count == 5)
        #expect(TextLayout.table(columns, rows, width: 200) == whole)
        #expect(whole.split(separator: "\n").first == "region                      variable          n      mean  unit")
    }

    @Test func a_wide_table_splits_into_panels_that_repeat_the_columns_naming_each_row() {
        let text = TextLayout.table(columns, rows, width: 70)
        let panels = text.split(separator: "\n\n").map(String.init)
        #expect(panels.count == 2, "\(text)")
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 70 }, "\(text)")
        // `region` alone repeats itself, so `variable` is repeated too.
        for panel in panels {
            #expect(panel.hasPrefix("region                      variable"), "\(panel)")
            #expect(panel.split(separator: "\n").count == 5)
        }
        #expect(panels[1].contains("South Asia                  gdp_per_capita  current US$ per person"))
    }

    @Test func only_as_many_columns_as_tell_the_rows_apart_are_repeated() {
        let unique = [
            ["rnd", "Research and development expenditure", "% of GDP", "155"],
            ["gdp", "GDP per capita", "current US$", "214"],
        ]
        let columns = [
            TextLayout.Column(name: "indicator", rightAligned: false),
            TextLayout.Column(name: "label", rightAligned: false),
            TextLayout.Column(name: "unit", rightAligned: false),
            TextLayout.Column(name: "countries", rightAligned: true),
        ]
        let panels = TextLayout.table(columns, unique, width: 50).split(separator: "\n\n").map(String.init)
        #expect(panels.count == 2)
        #expect(panels[1].hasPrefix("indicator  unit         countries"), "\(panels[1])")
    }

    @Test func a_table_too_wide_for_panels_becomes_one_record_per_row() {
        let text = TextLayout.table(columns, rows, width: 40)
        let records = text.split(separator: "\n\n").map(String.init)
        #expect(records.count == 3, "\(text)")
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 40 }, "\(text)")
        #expect(
            records[1].split(separator: "\n") == [
                "region    Middle East & North Africa", "variable  rnd", "n         185", "mean      0.938051",
                "unit      % of GDP",
            ])
    }

    @Test func the_renderer_wraps_notes_and_facts_only_in_the_table_format_with_a_width() {
        var presentation = Presentation()
        presentation.add(.heading("Linear regression of life_expectancy on log(gdp_per_capita) with country effects"))
        presentation.add(
            .facts([(label: "attributes", value: "country, name, continent, income_group, region, un_region")]))
        presentation.add(
            .note("sample: 5241 country-years in 2000–2024, 214 countries; 184 dropped for a missing value"))
        let narrow = TextRenderer(format: .table, width: 48).render(presentation)
        #expect(narrow.split(separator: "\n").allSatisfy { $0.count <= 48 }, "\(narrow)")
        #expect(narrow.contains("\n              income_group, region"), "facts continue under their values: \(narrow)")
        #expect(TextRenderer(format: .table).render(presentation).split(separator: "\n").count == 3)
        #expect(
            TextRenderer(format: .markdown, width: 48).render(presentation)
                == TextRenderer(format: .markdown).render(presentation))
    }
}
