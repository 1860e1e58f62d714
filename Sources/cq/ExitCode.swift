/// Exit statuses, from BSD's sysexits.h where one fits, documented in
/// `--help` and README.md.
enum ExitCode: Int32 {
    case success = 0
    /// `cq doc`: a lesson's recorded outputs are stale, or a block failed.
    case stale = 1
    case usage = 64
    case badScript = 65
    case missingInput = 66
    case cannotWrite = 74
    case interrupted = 130
}
