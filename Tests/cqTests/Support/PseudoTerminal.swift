import Foundation
import Glibc

/// Runs the real `cq` on a pseudo-terminal, as a person would: keystrokes in
/// (Tab, arrows, Ctrl-C, Ctrl-D), the screen's bytes out.
///
/// The child is spawned with `posix_spawn` in a new session and opens the
/// pty's secondary side as its controlling terminal, so a Ctrl-C byte typed
/// into the pty reaches it as SIGINT through the terminal driver, exactly as
/// in a real terminal (Foundation's `Process` cannot give a child a
/// controlling terminal).
final class PseudoTerminal {
    struct Timeout: Error, CustomStringConvertible {
        var expected: String
        var screen: String
        var description: String { "timed out waiting for \(expected.debugDescription); output so far:\n\(screen)" }
    }

    private let primary: Int32
    private let pid: pid_t
    /// Everything the child wrote, with terminal escapes as they came.
    private(set) var output = ""
    /// Where the next `expect` starts looking.
    private var consumed: String.Index

    init(arguments: [String] = [], environment: [String: String], columns: UInt16 = 100) throws {
        // posix_openpt, grantpt, unlockpt and ptsname are hidden from Swift's
        // Glibc module (feature macros), so their Linux ioctls are used.
        primary = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard primary >= 0, ioctl(primary, Self.setLock, &unlock) == 0, ioctl(primary, Self.getNumber, &number) == 0
        else {
            throw POSIXError(.EIO)
        }
        let secondaryPath = "/dev/pts/\(number)"
        var size = winsize(ws_row: 30, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(primary, UInt(TIOCSWINSZ), &size)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A new session without a terminal; opening the pty then makes it the
        // controlling terminal. Signals at their defaults, none blocked (the
        // test runner's threads block SIGINT and a child would inherit that).
        var defaults = sigset_t()
        sigfillset(&defaults)
        sigdelset(&defaults, SIGKILL)
        sigdelset(&defaults, SIGSTOP)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(
            &attributes, Int16(Self.spawnNewSession | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, secondaryPath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)

        let executable = Binary.url.path
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var env = ProcessInfo.processInfo.environment
        env["TERM"] = "xterm"
        env["NO_COLOR"] = "1"
        // No ~/.inputrc of the person running the tests.
        env["INPUTRC"] = "/dev/null"
        for (key, value) in environment { env[key] = value }
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }

        var child: pid_t = 0
        let status = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard status == 0 else { throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EIO) }
        pid = child
        consumed = output.startIndex
    }

    /// TIOCSPTLCK, TIOCGPTN (asm-generic/ioctls.h) and glibc's
    /// POSIX_SPAWN_SETSID, which Swift's Glibc module does not export.
    private static let setLock: UInt = 0x4004_5431
    private static let getNumber: UInt = 0x8004_5430
    private static let spawnNewSession: Int32 = 0x80

    deinit {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        close(primary)
    }

    /// Types `text` (which may hold "\t", "\r", "\u{3}", escape sequences).
    func type(_ text: String) {
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { write(primary, $0.baseAddress, $0.count) }
    }

    /// Waits until the output after the last match contains `text`; returns
    /// the output up to and including it.
    @discardableResult
    func expect(_ text: String, timeout: Double = 10) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let range = output[consumed...].range(of: text) {
                let seen = String(output[consumed..<range.upperBound])
                consumed = range.upperBound
                return seen
            }
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0, readSome(waitingAtMost: remaining) else {
                throw Timeout(expected: text, screen: String(output[consumed...]))
            }
        }
    }

    /// `text` as lines on the screen: terminal escapes removed, split at
    /// line ends (the terminal turns "\n" into "\r\n").
    static func screenLines(_ text: String) -> [String] {
        var plain = ""
        var escape = false
        for scalar in text.unicodeScalars {
            if escape {
                // CSI sequences end at a letter; `ESC [ ? 2004 h` and the like.
                if scalar.properties.isAlphabetic, scalar != "[" { escape = false }
                continue
            }
            if scalar == "\u{1B}" {
                escape = true
            } else if scalar != "\r" {
                plain.unicodeScalars.append(scalar)
            }
        }
        return plain.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// What the child wrote after the last match (call after `waitForExit`
    /// to see everything it wrote before leaving).
    var unread: String { String(output[consumed...]) }

    /// Waits for the child to exit; its exit status, or nil after `timeout`.
    func waitForExit(timeout: Double = 10) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            _ = readSome(waitingAtMost: 0.05)
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
            }
        }
        return nil
    }

    /// Reads what is available; false when nothing came in time or the
    /// child closed the terminal.
    private func readSome(waitingAtMost seconds: Double) -> Bool {
        var descriptor = pollfd(fd: primary, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, Int32(max(1, seconds * 1000))) > 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { read(primary, $0.baseAddress, $0.count) }
        guard count > 0 else { return false }
        output += String(decoding: buffer[..<count], as: UTF8.self)
        return true
    }
}
