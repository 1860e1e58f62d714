/// Connection strings as cq may print them: with the password replaced.
///
/// libpq takes a URI (`postgresql://user:secret@host/db?password=secret`)
/// or `key=value` pairs (`host=h password='se cret'`); either can carry a
/// password, and cq prints neither its value nor anything libpq echoes of it.
public enum PostgresLocation {
    static let hidden = "•••"

    /// `text` (the location itself, or a message about it) with every
    /// password the location holds replaced by `•••`.
    static func hiding(_ text: String, passwordsOf location: String) -> String {
        var hidden = text
        for secret in passwords(in: location) { hidden = hidden.replacing(secret, with: Self.hidden) }
        return hidden
    }

    /// cq source text with the passwords of every string in it masked, one
    /// `*` per byte, so that a diagnostic's caret still points where it did
    /// (for its excerpt) and a history entry keeps its shape.
    public static func masked(source text: String) -> String {
        var masked = text
        var inString = false
        var literal = ""
        for character in text {
            if character == "\"" {
                if inString {
                    for secret in passwords(in: literal) {
                        masked = masked.replacing(secret, with: String(repeating: "*", count: secret.utf8.count))
                    }
                    literal = ""
                }
                inString.toggle()
            } else if inString {
                literal.append(character)
            }
        }
        return masked
    }

    /// The passwords written in a connection string, longest first (so a
    /// password containing another is replaced whole).
    static func passwords(in location: String) -> [String] {
        var found: [String] = []
        let lowered = location.lowercased()
        if lowered.hasPrefix("postgresql://") || lowered.hasPrefix("postgres://") {
            let rest = location[location.index(location.firstIndex(of: ":")!, offsetBy: 3)...]
            let authority = rest.prefix { $0 != "/" && $0 != "?" }
            if let at = authority.lastIndex(of: "@") {
                let userInfo = authority[..<at]
                if let colon = userInfo.firstIndex(of: ":") {
                    found.append(String(userInfo[userInfo.index(after: colon)...]))
                }
            }
            if let question = rest.firstIndex(of: "?") {
                for pair in rest[rest.index(after: question)...].split(separator: "&") {
                    let parts = pair.split(separator: "=", maxSplits: 1)
                    if parts.count == 2, parts[0].lowercased() == "password" { found.append(String(parts[1])) }
                }
            }
        } else {
            found += keywordPasswords(location)
        }
        return found.filter { !$0.isEmpty }.sorted { $0.count > $1.count }
    }

    /// `password = value` in key=value form: the value bare or in single
    /// quotes with backslash escapes, as libpq reads it.
    private static func keywordPasswords(_ text: String) -> [String] {
        var found: [String] = []
        let characters = Array(text)
        var index = 0
        func skipSpaces() { while index < characters.count, characters[index] == " " { index += 1 } }
        while index < characters.count {
            skipSpaces()
            var key = ""
            while index < characters.count, characters[index] != "=", characters[index] != " " {
                key.append(characters[index])
                index += 1
            }
            skipSpaces()
            guard index < characters.count, characters[index] == "=" else { break }
            index += 1
            skipSpaces()
            var value = ""
            let start = index
            if index < characters.count, characters[index] == "'" {
                index += 1
                while index < characters.count, characters[index] != "'" {
                    if characters[index] == "\\", index + 1 < characters.count { index += 1 }
                    value.append(characters[index])
                    index += 1
                }
                index += 1
            } else {
                while index < characters.count, characters[index] != " " {
                    value.append(characters[index])
                    index += 1
                }
            }
            // The value as read and as written (quotes and escapes included).
            if key.lowercased() == "password" {
                found += [value, String(characters[start..<min(index, characters.count)])]
            }
        }
        return found
    }
}
