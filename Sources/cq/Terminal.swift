import CQCore
import Glibc

/// The process's streams: the only place cq writes bytes.
enum Terminal {
    /// Writes all of `text`; false when the stream refused it (a full disk,
    /// a closed pipe), so the caller can report it rather than exit 0.
    @discardableResult
    static func write(_ text: String, to descriptor: Int32 = STDOUT_FILENO) -> Bool {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += written
        }
        return true
    }

    static func error(_ text: String) {
        write(text, to: STDERR_FILENO)
    }

    /// Diagnostics on standard error, in colour when it is a terminal.
    static func report(_ diagnostics: [Diagnostic]) {
        error(DiagnosticRenderer(useColor: wantsColor(STDERR_FILENO)).render(diagnostics))
    }

    /// Lines that may or may not end in a newline, each on its own line.
    static func errorLines(_ lines: [String]) {
        for line in lines { error(line.hasSuffix("\n") ? line : line + "\n") }
    }

    static func isTerminal(_ descriptor: Int32) -> Bool {
        isatty(descriptor) == 1
    }

    /// The width results are laid out within: the terminal's columns
    /// (asked each time, so a resized window counts), else `$COLUMNS`, else
    /// 80; nil when `descriptor` is not a terminal, so piped output and
    /// files keep whole lines.
    static func width(_ descriptor: Int32 = STDOUT_FILENO) -> Int? {
        guard isTerminal(descriptor) else { return nil }
        var size = winsize()
        if ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let columns = getenv("COLUMNS"), let value = Int(String(cString: columns)), value > 0 { return value }
        return 80
    }

    /// Colour only on a terminal, and never when NO_COLOR is set
    /// (https://no-color.org: any non-empty value).
    static func wantsColor(_ descriptor: Int32) -> Bool {
        if let value = getenv("NO_COLOR"), value.pointee != 0 { return false }
        if let term = getenv("TERM"), String(cString: term) == "dumb" { return false }
        return isTerminal(descriptor)
    }
}
