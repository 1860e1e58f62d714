import Foundation
import Testing

/// The Jupyter kernel (Editors/jupyter), driven by the real jupyter_client
/// through Editors/jupyter/test_kernel.py with the cq built beside the tests:
/// cells that bind, use, fail and plot; completion; inspection; an
/// interrupt. `.ci/run` installs jupyter_client and ipykernel and sets
/// CQ_REQUIRE_PYTHON_CHECKS, so in CI a missing package fails; elsewhere the
/// test says what to install and passes.
struct NotebookTests {
    @Test func the_kernel_runs_cells_completes_inspects_and_survives_an_interrupt() throws {
        guard
            let (status, output) = try Python.check(
                ["Editors/jupyter/test_kernel.py", "--cq", Binary.url.path],
                skipped: "NotebookTests: skipped: pip install jupyter_client ipykernel")
        else { return }
        #expect(status == 0, "\(output)")
        #expect(output.contains("all checks passed"), "\(output)")
    }

    /// Examples/notebooks/paper.ipynb, the paper lesson as a notebook, run by
    /// `jupyter nbconvert --to notebook --execute`: every cell's outputs are
    /// the recorded ones.
    @Test func the_paper_notebook_executes_to_its_recorded_outputs() throws {
        guard
            let (status, output) = try Python.check(
                ["Editors/jupyter/paper_notebook.py", "--cq", Binary.url.path],
                skipped: "NotebookTests: skipped: pip install nbconvert ipykernel")
        else { return }
        #expect(status == 0, "\(output)")
        #expect(output.contains("all 8 code cells match their recorded outputs"), "\(output)")
    }
}
