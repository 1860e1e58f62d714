@preconcurrency import CReadline
@preconcurrency import Glibc
import Synchronization

/// Interactive line input on GNU readline: editing and key bindings from the
/// user's ~/.inputrc, history recall, Tab completion, and Ctrl-C that throws
/// away the line being typed.
///
/// The only code in cq that touches readline, so the rest of the program
/// knows nothing of its C globals (and a different line editor could replace
/// it here alone). It knows nothing of cq's language either: what to
/// complete comes from a `Completer` closure.
///
/// Readline is driven through its callback interface (`rl_callback_*` and
/// `poll`) rather than the blocking `readline()`: a blocking read restarts
/// after a signal and keeps the half-typed line, while here a SIGINT wakes
/// `poll` and the line can be discarded cleanly. Readline's own signal
/// handlers are turned off; the program's SIGINT handler only sets a flag,
/// read through `takeInterrupt`.
public final class LineEditor {
    /// What one call to `read(prompt:)` produced.
    public enum Input: Equatable {
        case line(String)
        /// Ctrl-C: the line being typed was discarded.
        case interrupted
        /// Ctrl-D on an empty line, or standard input closed.
        case endOfInput
    }

    /// Candidates for the word ending at `cursor` in `line` (both in UTF-8
    /// bytes): the start of the text they replace and the replacements.
    public struct Completion: Sendable, Equatable {
        public var start: Int
        public var candidates: [String]
        /// Whether a unique match is followed by a space, as readline does
        /// by default; not where the next character is not a space (inside
        /// parentheses, after a directory's `/`).
        public var appendsSpace: Bool

        public init(start: Int, candidates: [String], appendsSpace: Bool = true) {
            self.start = start
            self.candidates = candidates
            self.appendsSpace = appendsSpace
        }
    }

    public typealias Completer = @Sendable (_ line: String, _ cursor: Int) -> Completion?

    private let takeInterrupt: () -> Bool

    /// - Parameters:
    ///   - name: readline's application name, for `$if name` in ~/.inputrc.
    ///   - takeInterrupt: true once after each SIGINT (reads and clears the
    ///     flag the program's handler sets).
    public init(name: String, takeInterrupt: @escaping () -> Bool) {
        self.takeInterrupt = takeInterrupt
        // Readline keeps the pointer: a string literal's storage is static.
        rl_readline_name = UnsafePointer(strdup(name))
        rl_catch_signals = 0
        // Words for completion end at cq's punctuation. A quote is part of
        // the word, so a quoted value is completed, and listed, with it.
        rl_completer_word_break_characters = UnsafePointer(strdup(" \t\n(),;=<>+-*/^"))
        // Candidates carry their own closing quote. Readline would append the
        // quote that starts a word as its "delimiter" after a match instead of
        // a space, giving `"EU""`; with no basic quote characters it does not.
        rl_basic_quote_characters = UnsafePointer(strdup(""))
        rl_attempted_completion_function = attemptCompletion
        rl_sort_completion_matches = 1
    }

    /// Replaces what completes a word; called again when the data or the
    /// bindings the completer knows about change.
    public func setCompleter(_ completer: Completer?) {
        activeCompleter.withLock { $0 = completer }
    }

    /// Reads one line with `prompt`, with full editing. Blocks until Enter,
    /// Ctrl-C or Ctrl-D.
    public func read(prompt: String) -> Input {
        pendingInput.withLock { $0 = nil }
        rl_callback_handler_install(prompt, lineHandler)
        defer { rl_callback_handler_remove() }
        while true {
            if let input = pendingInput.withLock({ $0 }) { return input }
            var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            // A SIGINT that arrives while readline is still handling the
            // previous key sets the flag but interrupts no poll: a poll
            // without a timeout would then sleep until the next key, and
            // Ctrl-C would seem ignored (seen under load in the pty tests).
            // Waking every 50 ms to look at the flag closes that window.
            let ready = poll(&descriptor, 1, 50)
            if takeInterrupt() {
                // Leave the half-typed line on screen, marked with ^C as a
                // shell does, then forget it so the next prompt starts clean.
                rl_point = rl_end
                rl_redisplay()
                fputs("^C\n", stdout)
                fflush(stdout)
                rl_free_line_state()
                rl_callback_sigcleanup()
                rl_replace_line("", 0)
                return .interrupted
            }
            if ready > 0 {
                if descriptor.revents & Int16(POLLIN | POLLHUP) != 0 {
                    rl_callback_read_char()
                } else {
                    return .endOfInput
                }
            } else if ready < 0, errno != EINTR {
                return .endOfInput
            }
        }
    }

    /// Adds an entry that Up-arrow recalls, whole, even across lines.
    public func addToHistory(_ entry: String) {
        add_history(entry)
    }

    /// Starts the history over with `entries`, oldest first, keeping at most
    /// `limit`.
    public func loadHistory(_ entries: [String], limit: Int) {
        clear_history()
        stifle_history(Int32(clamping: limit))
        for entry in entries { add_history(entry) }
    }
}

// MARK: - C callbacks

/// Readline's callbacks are C function pointers without a context argument,
/// so what they share with Swift lives in lock-protected globals.
private let pendingInput = Mutex<LineEditor.Input?>(nil)
private let activeCompleter = Mutex<LineEditor.Completer?>(nil)

private let lineHandler: @convention(c) (UnsafeMutablePointer<CChar>?) -> Void = { line in
    // Removed here, inside the handler: once it returns, readline shows the
    // prompt again unless the handler was removed (or reinstalled) in it, and
    // after Ctrl-D that second prompt stayed on screen as the program left.
    // `read(prompt:)` installs it afresh for the next line.
    rl_callback_handler_remove()
    guard let line else {
        // Ctrl-D on an empty line: end the prompt's line for the shell, unless
        // readline did (8.1 and later do, when bracketed paste was on).
        if !readlineEndsTheLineAtEndOfInput { fputs("\n", stdout) }
        pendingInput.withLock { $0 = .endOfInput }
        return
    }
    let text = String(cString: line)
    free(line)
    pendingInput.withLock { $0 = .line(text) }
}

/// Readline 8.1 and later print a line end after switching bracketed paste
/// off at end of input; earlier versions, and a terminal without bracketed
/// paste (TERM=dumb, `set enable-bracketed-paste off`), leave it to us.
private var readlineEndsTheLineAtEndOfInput: Bool {
    guard rl_readline_version >= 0x0801, let value = rl_variable_value("enable-bracketed-paste") else { return false }
    return String(cString: value) == "on"
}

/// Readline's `rl_attempted_completion_function`: completes from the
/// `Completer`, never from file names (`rl_attempted_completion_over`).
private let attemptCompletion:
    @convention(c) (UnsafePointer<CChar>?, Int32, Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = {
        _, start, end in
        rl_attempted_completion_over = 1
        guard let completer = activeCompleter.withLock({ $0 }), let buffer = rl_line_buffer else { return nil }
        let bytes = Array(
            UnsafeBufferPointer(start: UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self), count: Int(rl_end))
        )
        let line = String(decoding: bytes, as: UTF8.self)
        let cursor = Int(rl_point)
        guard let completion = completer(line, cursor) else { return nil }
        // Readline replaces bytes start..<end; the completer may have chosen an
        // earlier start (a quoted value includes its quote). Candidates must
        // then begin with what lies between the two starts, which readline keeps.
        let readlineStart = Int(start)
        var candidates = completion.candidates
        if completion.start < readlineStart {
            let kept = Array(bytes[completion.start..<min(readlineStart, bytes.count)])
            candidates = candidates.compactMap { candidate in
                let candidateBytes = Array(candidate.utf8)
                guard candidateBytes.count >= kept.count,
                    zip(candidateBytes, kept).allSatisfy({ lowercased($0) == lowercased($1) })
                else { return nil }
                return String(decoding: candidateBytes[kept.count...], as: UTF8.self)
            }
        } else if completion.start > readlineStart {
            let prefix = String(decoding: bytes[readlineStart..<min(completion.start, bytes.count)], as: UTF8.self)
            candidates = candidates.map { prefix + $0 }
        }
        guard !candidates.isEmpty else { return nil }
        // A function completes to `name(`: the argument follows, not a space.
        if candidates.count == 1, candidates[0].hasSuffix("(") || !completion.appendsSpace {
            rl_completion_suppress_append = 1
        }
        let typed = String(decoding: bytes[min(readlineStart, bytes.count)..<min(Int(end), bytes.count)], as: UTF8.self)
        return makeMatches(candidates, typed: typed)
    }

private func lowercased(_ byte: UInt8) -> UInt8 {
    byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
}

/// The NULL-terminated, malloc'd array readline expects: the text to
/// substitute (the candidates' longest common prefix, never shorter than
/// what was typed: candidates matched regardless of case may share less),
/// then the candidates.
private func makeMatches(_ candidates: [String], typed: String) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    var common: String
    if candidates.count == 1 {
        common = candidates[0]
    } else {
        var prefix = Array(candidates[0].utf8)
        for candidate in candidates.dropFirst() {
            let bytes = Array(candidate.utf8)
            var length = 0
            while length < prefix.count, length < bytes.count, prefix[length] == bytes[length] { length += 1 }
            prefix.removeSubrange(length...)
        }
        // Never cut a multi-byte character in half.
        while !prefix.isEmpty, String(validating: prefix, as: UTF8.self) == nil { prefix.removeLast() }
        common = String(decoding: prefix, as: UTF8.self)
        if common.utf8.count < typed.utf8.count { common = typed }
    }
    let entries = candidates.count == 1 ? [common] : [common] + candidates
    guard
        let matches = malloc((entries.count + 1) * MemoryLayout<UnsafeMutablePointer<CChar>?>.stride)?
            .bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: entries.count + 1)
    else { return nil }
    for (index, entry) in entries.enumerated() { matches[index] = strdup(entry) }
    matches[entries.count] = nil
    return matches
}
