import ArgumentParser
import Foundation
import TallyCentral
import TallySync

/// `tally-central catalog import FILE`: loads catalog records for the stations to pull.
struct CatalogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog", abstract: "Load the catalog and plans stations pull.",
        subcommands: [Import.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import catalog records from a JSON Lines file (- reads standard input).",
            discussion: """
                One record per line: {"kind": "product", "record": {…}}, or {"kind": "product", "key": "p-1", \
                "removed": true}. Kinds: \(CatalogKind.allCases.map(\.rawValue).joined(separator: ", ")). \
                The whole file is checked first; a file with any bad line imports nothing, and every bad line is \
                listed. Records already held are replaced; stations get them at their next pull.
                """)
        @OptionGroup var options: ConfigOption
        @Argument(help: "The JSON Lines file.") var file: String

        func run() async throws {
            let data: Data
            do {
                data =
                    file == "-"
                    ? FileHandle.standardInput.readDataToEndOfFile()
                    : try Data(contentsOf: URL(fileURLWithPath: file), options: .mappedIfSafe)
            } catch {
                throw ValidationError("cannot read \(file): \(error.localizedDescription)")
            }
            let started = ContinuousClock.now
            let interactive = isatty(STDERR_FILENO) == 1
            let (count, counts, highest) = try await options.withStore(try await options.load()) { store in
                let catalog: CatalogImport
                do {
                    catalog = try await CatalogImport.read(data) {
                        try await store.catalogRecord(kind: .taxClass, key: $0) != nil
                    }
                } catch let problems as CatalogImport.Problems {
                    FileHandle.standardError.write(Data("tally-central: \(problems)\n".utf8))
                    throw ExitCode.failure
                }
                let total = catalog.writes.count
                let highest = try await catalog.store(into: store, now: Central.now()) { stored in
                    if interactive {
                        FileHandle.standardError.write(Data("\r\u{1B}[Kstored \(stored) of \(total)".utf8))
                    }
                }
                let summary = CatalogImportSummary(
                    records: total,
                    kinds: Dictionary(uniqueKeysWithValues: catalog.counts.map { ($0.key.rawValue, $0.value) }),
                    highestChange: highest, sha256: Secrets.sha256(data))
                try await audit(
                    store, "catalog-import", action: "import", entity: "catalog", id: "catalog", after: summary)
                return (total, catalog.counts, highest)
            }
            if interactive { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            let kinds = CatalogKind.allCases.compactMap { kind in counts[kind].map { "\($0) \(kind.rawValue)" } }
            print(
                "imported \(count) record(s) (\(kinds.joined(separator: ", "))) in "
                    + "\(started.duration(to: .now)); stations pull up to change \(highest)")
        }
    }
}
