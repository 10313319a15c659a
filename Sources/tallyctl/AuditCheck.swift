import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import TallySync

/// `tallyctl verify --central`: walks central's audit trail as `GET /api/v1/audit?after=N` answers it, a thousand
/// entries at a time, and checks every hash and link here.
struct AuditCheck {
    let central: String
    let token: String

    /// An entry's hash written down earlier: the chain must still hold it at that sequence.
    struct Pin {
        var sequence: Int64
        var hash: String

        init(parsing text: String) throws {
            let parts = text.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, let sequence = Int64(parts[0]), sequence > 0,
                parts[1].count == 64, parts[1].allSatisfy(\.isHexDigit)
            else { throw ValidationError("--head is SEQUENCE:HASH, such as 120:3f2a… (64 hex digits)") }
            self.sequence = sequence
            hash = parts[1].lowercased()
        }
    }

    struct Result: CustomStringConvertible {
        var verification: AuditVerification
        var pinProblem: String?

        var isSound: Bool { verification.isIntact && pinProblem == nil }

        var description: String {
            var lines: [String] = []
            if let broken = verification.brokenAt {
                lines.append(
                    "FAILED: entry \(broken) of the audit trail breaks the chain: \(verification.problem ?? "")")
                lines.append(
                    "The \(verification.entries) entries before it fit; the last of them has the hash \(verification.head)."
                )
            } else {
                lines.append("OK: the audit trail holds \(verification.entries) entries and every one fits the chain.")
                lines.append(
                    "Head: \(verification.entries):\(verification.head) (write it down; --head checks it later)")
            }
            if let pinProblem { lines.append("FAILED: \(pinProblem)") }
            return lines.joined(separator: "\n")
        }
    }

    func run(pin: Pin?) async throws -> Result {
        let base = central.hasSuffix("/") ? String(central.dropLast()) : central
        var walk = AuditChainWalk()
        var pinned: String?
        var after: Int64 = 0
        let decoder = JSONDecoder()
        pages: while true {
            var request = HTTPClientRequest(url: "\(base)/api/v1/audit?after=\(after)&limit=1000")
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
            let body: ByteBuffer
            let status: HTTPResponseStatus
            do {
                let response = try await DaemonClient.http.execute(request, timeout: .seconds(60))
                status = response.status
                body = try await response.body.collect(upTo: 64 << 20)
            } catch {
                throw CommandFailure("cannot reach central at \(base): \(error)")
            }
            guard status == .ok else {
                let message = String(decoding: body.readableBytesView, as: UTF8.self)
                throw CommandFailure("central answered \(status.code) for the audit trail: \(message)")
            }
            let page: [AuditEntry]
            do {
                page = try decoder.decode([AuditEntry].self, from: Data(body.readableBytesView))
            } catch {
                throw CommandFailure("central's answer is not a list of audit entries: \(error)")
            }
            for entry in page {
                if let pin, entry.sequence == pin.sequence { pinned = entry.hash }
                if !walk.add(entry) { break pages }
            }
            guard let last = page.last, page.count == 1000 else { break }
            after = last.sequence
        }
        var pinProblem: String?
        if let pin {
            if pinned == nil {
                pinProblem = "the audit trail has no entry \(pin.sequence) any more"
            } else if pinned != pin.hash {
                pinProblem =
                    "entry \(pin.sequence) now has the hash \(pinned!), not \(pin.hash): the chain was rewritten"
            } else if let broken = walk.brokenAt, broken <= pin.sequence {
                pinProblem = "the chain breaks before entry \(pin.sequence)"
            }
        }
        return Result(verification: walk.verification, pinProblem: pinProblem)
    }
}
