import Hummingbird
import NIOCore
import TallySync

extension CentralAPI {
    /// `GET /sync/v1/changes?after=N&limit=M`: the catalog changes after cursor N, as a ``ChangesPage``, gzip
    /// compressed when the station accepts it.
    ///
    /// The page is written from the records' stored JSON without decoding them again: a first load of a million
    /// products is a few hundred pages, and central's part of each is reading rows and compressing. A record meant
    /// for other stations goes to this one as a removal, so that a station taken off a user's list drops them.
    static func changes(_ request: Request, store: any CentralStore) async throws -> Response {
        try await respond {
            let station = try await authenticate(request, store: store)
            let after = try integerParameter(request, "after", default: 0, range: 0...Int64.max)
            let limit = try integerParameter(
                request, "limit", default: Int64(SyncAPI.defaultPageSize), range: 1...Int64(SyncAPI.maximumPageSize))
            // The highest cursor is read first: a change committed between the two reads shows on this page or
            // the next, and progress never passes 100 %.
            let highest = try await store.highestCatalogCursor()
            var changes = try await store.catalogChanges(after: after, limit: Int(limit) + 1)
            let more = changes.count > limit
            if more { changes.removeLast() }
            let body = ChangesPageWriter.page(
                changes, nextCursor: changes.last?.cursor ?? after, more: more, highestCursor: max(highest, after),
                stationID: station.id)
            var headers: HTTPFields = [.contentType: "application/json"]
            if body.count >= Gzip.threshold, Gzip.isAccepted(request.headers[.acceptEncoding]),
                let compressed = Gzip.compress(body)
            {
                headers[.contentEncoding] = "gzip"
                headers[.vary] = "Accept-Encoding"
                return Response(status: .ok, headers: headers, body: .init(byteBuffer: compressed))
            }
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
        }
    }

    /// A whole number from the query, or `default` when absent; a 400 naming the parameter otherwise.
    static func integerParameter(
        _ request: Request, _ name: String, default value: Int64, range: ClosedRange<Int64>
    ) throws -> Int64 {
        guard let text = request.uri.queryParameters[Substring(name)] else { return value }
        guard let number = Int64(text), range.contains(number) else {
            throw APIProblem(
                status: .badRequest,
                message: "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not \(text)")
        }
        return number
    }
}

/// Writes a ``ChangesPage`` as JSON around the records' stored JSON.
enum ChangesPageWriter {
    static func page(
        _ changes: [StoredChange], nextCursor: Int64, more: Bool, highestCursor: Int64, stationID: String
    ) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(changes.reduce(64) { $0 + 64 + $1.key.utf8.count + ($1.payload?.utf8.count ?? 0) })
        out.append(contentsOf: #"{"changes":["#.utf8)
        for (index, change) in changes.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: #"{"cursor":\#(change.cursor),"kind":"\#(change.kind.rawValue)","key":"#.utf8)
            appendString(change.key, to: &out)
            let isForStation = change.audience.map { $0.contains(stationID) } ?? true
            if let payload = change.payload, isForStation {
                out.append(contentsOf: #","record":"#.utf8)
                out.append(contentsOf: payload.utf8)
                out.append(UInt8(ascii: "}"))
            } else {
                out.append(contentsOf: #","removed":true}"#.utf8)
            }
        }
        out.append(
            contentsOf: #"],"nextCursor":\#(nextCursor),"more":\#(more),"highestCursor":\#(highestCursor)}"#.utf8)
        return out
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    static func appendString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: #"\u00"#.utf8)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
