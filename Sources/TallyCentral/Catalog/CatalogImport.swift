import Foundation
import TallySync

/// A catalog file checked whole before anything of it is stored: JSON Lines, one record or removal per line.
///
/// ```
/// {"kind": "tax-class", "record": {"id": "std", "name": "Standard", "treatment": "taxed", "ratePPM": 190000, "isStandard": true}}
/// {"kind": "product", "record": {"id": "p-1", "name": "Milk 1 l", "unit": "piece", "taxClassID": "std", "active": true, "barcodes": ["04006381333931"], "prices": [{"validFrom": 0, "amount": 119, "currency": "EUR"}]}}
/// {"kind": "product", "key": "p-2", "removed": true}
/// ```
///
/// A file with any bad line imports nothing; the report names every bad line (the first ``maximumProblems``).
/// Records are stored kinds first in the order stations need them (tax classes and locations before the
/// products and plans that name them), so a station applying the changes in cursor order never meets a product
/// whose tax class it has not seen.
public struct CatalogImport: Sendable {
    public static let maximumProblems = 50
    /// The most records one file may hold.
    public static let maximumRecords = 5_000_000

    /// The writes, in the order to store them.
    public var writes: [CatalogWrite]
    /// Records per kind, for the report.
    public var counts: [CatalogKind: Int]

    /// What is wrong with a file, line by line.
    public struct Problems: Error, CustomStringConvertible {
        public var lines: [(line: Int, problem: String)]
        public var total: Int

        public var description: String {
            let shown = lines.map { "line \($0.line): \($0.problem)" }.joined(separator: "\n")
            let more = total > lines.count ? "\n… and \(total - lines.count) more" : ""
            return "nothing was imported; \(total) line(s) need fixing:\n\(shown)\(more)"
        }
    }

    /// Reads and checks the lines; `knownTaxClass` says whether central holds a tax class the file does not.
    public static func read(
        _ data: Data, knownTaxClass: (String) async throws -> Bool
    ) async throws -> CatalogImport {
        var problems: [(Int, String)] = []
        var total = 0
        func note(_ line: Int, _ problem: String) {
            total += 1
            if problems.count < maximumProblems { problems.append((line, problem)) }
        }
        var entries: [(line: Int, write: CatalogWrite, taxClass: String?)] = []
        var seen: [String: Int] = [:]
        let decoder = JSONDecoder()
        var lineNumber = 0
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            let text = line.last == UInt8(ascii: "\r") ? line.dropLast() : line[...]
            if text.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            if entries.count >= maximumRecords {
                note(lineNumber, "a file may hold at most \(maximumRecords) records; split it")
                break
            }
            let entry: ImportLine
            do {
                entry = try decoder.decode(ImportLine.self, from: Data(text))
            } catch let error as DecodingError {
                note(lineNumber, CentralAPI.describe(error))
                continue
            } catch {
                note(lineNumber, "not JSON")
                continue
            }
            let identity = "\(entry.kind.rawValue) \(entry.key)"
            if let earlier = seen[identity] {
                note(lineNumber, "\(identity) is on line \(earlier) already")
                continue
            }
            seen[identity] = lineNumber
            guard let record = entry.record else {
                entries.append((lineNumber, .removal(of: entry.kind, key: entry.key), nil))
                continue
            }
            do {
                var taxClass: String?
                if case .product(let product) = record { taxClass = product.taxClassID }
                entries.append((lineNumber, try CatalogWrite(record), taxClass))
            } catch {
                note(lineNumber, "\(error)")
            }
        }
        // Every tax class a product names is in the file or at central already.
        let inFile = Set(entries.filter { $0.write.kind == .taxClass && $0.write.payload != nil }.map(\.write.key))
        var checked: [String: Bool] = [:]
        for entry in entries {
            guard let taxClass = entry.taxClass, !inFile.contains(taxClass) else { continue }
            if checked[taxClass] == nil { checked[taxClass] = try await knownTaxClass(taxClass) }
            if checked[taxClass] == false {
                note(
                    entry.line,
                    "product \(entry.write.key) names tax class \(taxClass), which is neither in the "
                        + "file nor at central")
            }
        }
        guard total == 0 else { throw Problems(lines: problems.sorted { $0.0 < $1.0 }, total: total) }
        let order = Dictionary(uniqueKeysWithValues: CatalogKind.allCases.enumerated().map { ($1, $0) })
        let sorted = entries.map(\.write).enumerated().sorted {
            (order[$0.element.kind]!, $0.offset) < (order[$1.element.kind]!, $1.offset)
        }.map(\.element)
        var counts: [CatalogKind: Int] = [:]
        for write in sorted { counts[write.kind, default: 0] += 1 }
        return CatalogImport(writes: sorted, counts: counts)
    }

    /// Stores the writes in transactions of `batch` records, reporting the records stored so far; answers the
    /// highest cursor.
    public func store(
        into store: any CentralStore, batch: Int = 10_000, now: Int64, progress: (Int) -> Void = { _ in }
    ) async throws -> Int64 {
        var highest: Int64 = 0
        var start = 0
        while start < writes.count {
            let end = min(start + batch, writes.count)
            highest = try await store.putCatalog(Array(writes[start..<end]), now: now)
            start = end
            progress(end)
        }
        return highest
    }
}

/// One line of a catalog file.
struct ImportLine: Decodable {
    var kind: CatalogKind
    var key: String
    var record: CatalogRecord?

    init(from decoder: any Decoder) throws {
        (kind, key, record) = try CatalogChange.decodeContent(from: decoder, keyRequired: false)
    }
}
