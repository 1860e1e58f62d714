import Glibc

/// libpq, the PostgreSQL client library, opened when a session first says
/// `use postgres "…"` rather than linked: cq builds and starts on machines
/// without it (the one-line query on the built-in data loads nothing more),
/// and a user who connects needs only the library every PostgreSQL client
/// installs (Debian `libpq5`), not its headers.
///
/// Only the functions cq calls are looked up, with their C signatures
/// written out from libpq-fe.h; the enum values used are ABI-stable since
/// libpq 7.4.
struct LibPQ: @unchecked Sendable {
    typealias Connection = OpaquePointer
    typealias Result = OpaquePointer

    let connectdbParams:
        @convention(c) (
            UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<UnsafePointer<CChar>?>?, Int32
        ) -> Connection?
    let status: @convention(c) (Connection?) -> Int32
    let errorMessage: @convention(c) (Connection?) -> UnsafePointer<CChar>?
    let finish: @convention(c) (Connection?) -> Void
    let execParams:
        @convention(c) (
            Connection?, UnsafePointer<CChar>?, Int32, UnsafePointer<UInt32>?,
            UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?, Int32
        ) -> Result?
    let resultStatus: @convention(c) (Result?) -> Int32
    let resultErrorField: @convention(c) (Result?, Int32) -> UnsafePointer<CChar>?
    let ntuples: @convention(c) (Result?) -> Int32
    let nfields: @convention(c) (Result?) -> Int32
    let fname: @convention(c) (Result?, Int32) -> UnsafePointer<CChar>?
    let getvalue: @convention(c) (Result?, Int32, Int32) -> UnsafePointer<CChar>?
    let getisnull: @convention(c) (Result?, Int32, Int32) -> Int32
    let getlength: @convention(c) (Result?, Int32, Int32) -> Int32
    let clear: @convention(c) (Result?) -> Void
    let db: @convention(c) (Connection?) -> UnsafePointer<CChar>?
    let user: @convention(c) (Connection?) -> UnsafePointer<CChar>?
    let host: @convention(c) (Connection?) -> UnsafePointer<CChar>?
    let port: @convention(c) (Connection?) -> UnsafePointer<CChar>?

    // libpq-fe.h: ConnStatusType, ExecStatusType, the PG_DIAG_* field codes.
    static let connectionOK: Int32 = 0
    static let commandOK: Int32 = 1
    static let tuplesOK: Int32 = 2
    static let fieldSQLState = Int32(UInt8(ascii: "C"))
    static let fieldMessage = Int32(UInt8(ascii: "M"))
    static let fieldDetail = Int32(UInt8(ascii: "D"))
    static let fieldHint = Int32(UInt8(ascii: "H"))

    /// The library, opened once per process; nil with why when it is absent.
    static let shared: Swift.Result<LibPQ, LibraryMissing> = open()

    struct LibraryMissing: Error {
        var tried: [String]
    }

    private static func open() -> Swift.Result<LibPQ, LibraryMissing> {
        let names = ["libpq.so.5", "libpq.so"]
        guard let handle = names.lazy.compactMap({ dlopen($0, RTLD_NOW | RTLD_LOCAL) }).first else {
            return .failure(LibraryMissing(tried: names))
        }
        struct Absent: Error {}
        func symbol<T>(_ name: String) throws(Absent) -> T {
            guard let pointer = dlsym(handle, name) else { throw Absent() }
            return unsafeBitCast(pointer, to: T.self)
        }
        let library: LibPQ
        do {
            library = try LibPQ(
                connectdbParams: symbol("PQconnectdbParams"), status: symbol("PQstatus"),
                errorMessage: symbol("PQerrorMessage"), finish: symbol("PQfinish"),
                execParams: symbol("PQexecParams"), resultStatus: symbol("PQresultStatus"),
                resultErrorField: symbol("PQresultErrorField"), ntuples: symbol("PQntuples"),
                nfields: symbol("PQnfields"), fname: symbol("PQfname"), getvalue: symbol("PQgetvalue"),
                getisnull: symbol("PQgetisnull"), getlength: symbol("PQgetlength"), clear: symbol("PQclear"),
                db: symbol("PQdb"), user: symbol("PQuser"), host: symbol("PQhost"), port: symbol("PQport"))
        } catch {
            dlclose(handle)
            return .failure(LibraryMissing(tried: names))
        }
        return .success(library)
    }
}
