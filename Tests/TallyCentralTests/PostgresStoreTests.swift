import Foundation
import Synchronization
import TallySync
import TallyTestSupport
import Testing

@testable import TallyCentral

/// What only PostgreSQL has to prove: several central processes on one database. Each process is a
/// ``PostgresCentralStore`` with a client (connection pool) of its own.
@Suite("PostgreSQL store")
struct PostgresStoreTests {
    @Test func twoProcessesPushingTheSameAndOverlappingBatchesApplyEachEventOnce() async throws {
        let temporary = try await TemporaryStore(.postgres)
        let other = try await RunningPostgresStore(url: try await temporary.url())
        let stores: [any CentralStore] = [temporary.store, other.store]
        let (front, _) = try await temporary.enrolledStation(name: "Front till")
        let (back, _) = try await temporary.enrolledStation(name: "Back till")
        // Both stations sell the same five products, in different orders, so their pushes meet on stock rows.
        let stationEvents = [
            front.id: (1...120).map { SampleEvents.sale(sequence: $0, product: "p-\($0 % 5)", quantity: $0 % 4 + 1) },
            back.id: (1...120).map {
                SampleEvents.sale(sequence: $0, product: "p-\((5 - $0 % 5) % 5)", quantity: $0 % 3 + 1)
            },
        ]
        let answers = try await withThrowingTaskGroup(of: (String, [PushResponse]).self) { group in
            for (stationID, events) in stationEvents {
                for store in stores {
                    // Per process: the batches of 20 in order, and the same batches shifted by 10, which overlap
                    // the others and arrive beyond gaps.
                    for offset in [0, 10] {
                        group.addTask {
                            var answers: [PushResponse] = []
                            for start in stride(from: offset, to: events.count, by: 20) {
                                let batch = Array(events[start..<min(start + 20, events.count)])
                                answers.append(try await store.push(stationID: stationID, events: batch, now: 1))
                            }
                            return (stationID, answers)
                        }
                    }
                }
            }
            return try await group.reduce(into: [String: [PushResponse]]()) { $0[$1.0, default: []] += $1.1 }
        }
        for (stationID, events) in stationEvents {
            #expect(answers[stationID]?.map(\.applied).reduce(0, +) == events.count)
            #expect(try await other.store.station(id: stationID)?.highestSequence == 120)
        }
        var expected: [String: Int64] = [:]
        for event in stationEvents.values.joined() {
            guard case .saleCompleted(let sale) = event.event else { continue }
            for movement in sale.movements { expected[movement.productID, default: 0] += movement.quantity }
        }
        for store in stores {
            let levels = try await store.stock(productID: nil)
            #expect(Dictionary(uniqueKeysWithValues: levels.map { ($0.productID, $0.quantity) }) == expected)
        }
        let counts = try await other.store.query(
            "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM movements), (SELECT count(*) FROM sales)")
        let (events, movements, sales) = try counts[0].decode((Int64, Int64, Int64).self)
        #expect(events == 240 && movements == 240 && sales == 240)
    }

    @Test func twoProcessesWritingTheCatalogGiveUniqueCursorsAndAPollingReaderMissesNothing() async throws {
        let temporary = try await TemporaryStore(.postgres)
        let url = try await temporary.url()
        let other = try await RunningPostgresStore(url: url)
        let reader = try await RunningPostgresStore(url: url)
        let writers: [any CentralStore] = [temporary.store, other.store]
        let finished = Flag()

        // The reader polls as a station does: from its cursor, a page at a time, while the writers write.
        let reading = Task {
            var cursor: Int64 = 0
            var latest: [CatalogKey: StoredChange] = [:]
            var pages = 0
            while true {
                let writersDone = finished.value.load(ordering: .acquiring)
                let changes = try await reader.store.catalogChanges(after: cursor, limit: 150)
                pages += 1
                for change in changes {
                    #expect(change.cursor > cursor, "cursors must rise along the feed")
                    cursor = change.cursor
                    latest[CatalogKey(kind: change.kind.rawValue, key: change.key)] = change
                }
                if changes.isEmpty {
                    if writersDone { break }
                    try await Task.sleep(for: .milliseconds(2))
                }
            }
            return (latest, pages)
        }

        let calls = try await withThrowingTaskGroup(of: [([CatalogWrite], Int64)].self) { group in
            for (number, store) in writers.enumerated() {
                group.addTask {
                    var calls: [([CatalogWrite], Int64)] = []
                    for batch in 0..<25 {
                        // Keys only this batch writes, which a missed change would lose for good, and keys both
                        // writers keep changing, some removed, some for a few stations only.
                        var writes = (0..<60).map {
                            CatalogWrite(
                                kind: .product, key: "w\(number)-b\(batch)-\($0)", payload: "{\"w\":\(number)}",
                                audience: nil)
                        }
                        for index in 0..<40 {
                            let key = "shared-\((batch * 7 + index * 3 + number) % 100)"
                            writes.append(
                                index % 9 == 0
                                    ? .removal(of: .location, key: key)
                                    : CatalogWrite(
                                        kind: .location, key: key, payload: "{\"w\":\(number),\"b\":\(batch)}",
                                        audience: index % 4 == 0 ? ["s-\(number)"] : nil))
                        }
                        calls.append((writes, try await store.putCatalog(writes, now: Int64(batch))))
                    }
                    return calls
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        finished.value.store(true, ordering: .releasing)
        let (seen, pages) = try await reading.value

        // Every write had a cursor of its own: each call's cursors are the ones below the highest it answered.
        var cursors = Set<Int64>()
        var expected: [CatalogKey: StoredChange] = [:]
        for (writes, highest) in calls {
            for (index, write) in writes.enumerated() {
                let cursor = highest - Int64(writes.count) + Int64(index) + 1
                #expect(cursors.insert(cursor).inserted, "cursor \(cursor) given twice")
                let key = CatalogKey(kind: write.kind.rawValue, key: write.key)
                if cursor > expected[key]?.cursor ?? 0 {
                    expected[key] = StoredChange(
                        cursor: cursor, kind: write.kind, key: write.key, payload: write.payload,
                        audience: write.audience)
                }
            }
        }
        #expect(cursors.count == 2 * 25 * 100)
        // A write that changes nothing (a removal of a record already removed, say) keeps the record's earlier
        // cursor, so the reader must hold each record's latest content, at a cursor no later than its last write.
        let missed = expected.filter { key, change in
            guard let held = seen[key] else { return true }
            return held.payload != change.payload || held.audience != change.audience || held.cursor > change.cursor
        }.map(\.key.key).sorted()
        #expect(missed.isEmpty, "the reader missed \(missed.count) changes, such as \(missed.prefix(5))")
        #expect(seen.count == expected.count)
        #expect(pages > 1)
        let everything = try await temporary.store.catalogChanges(after: 0, limit: -1)
        #expect(everything.count == expected.count)
    }

    @Test func threeProcessesMigratingAFreshDatabaseTogetherApplyEachMigrationOnce() async throws {
        let server = try await PostgresServer.shared()
        for _ in 0..<3 {
            let database = try await server.createDatabase()
            let stores = try (0..<3).map { _ in try PostgresCentralStore(url: server.url(database: database)) }
            let clients = stores.map { store in Task { try? await store.run() } }
            defer { clients.forEach { $0.cancel() } }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for store in stores { group.addTask { try await store.migrate() } }
                try await group.waitForAll()
            }
            try await stores[1].migrate()
            let applied = try await stores[0].query("SELECT version, name FROM schema_migrations ORDER BY version")
            #expect(try applied.map { try $0.decode((Int64, String).self).1 } == CentralSchema.migrations.map(\.0))
            let station = try await stores[2].createStation(name: "Till", codeHash: "h", expiresAt: 2, now: 1)
            #expect(try await stores[0].stations() == [station])
        }
    }

    @Test(arguments: [
        ("mysql://tally@db.example/tally", "must start with postgres:// or postgresql://"),
        ("postgres://tally@db.example", "names no database"),
        ("postgres://tally@db.example/", "names no database"),
        ("postgres:///tally", "names no host"),
        ("postgres://tally:secret@db.example:99999/tally", "has the port \"99999\""),
        ("postgres://tally:secret@db.example:port/tally", "has the port \"port\""),
        ("postgres://tally:secret@db_example/tally", "neither an IP address, a host name nor an absolute folder"),
        ("postgres://tally@/tally?host=run/postgresql", "neither an IP address, a host name nor an absolute folder"),
        ("postgres://tally:secret@db.example/tally?sslmode=maybe", "has sslmode=maybe; it may be disable, prefer"),
        ("postgres://tally:secret@db.example/tally?colour=blue", "has an unknown parameter colour"),
        ("postgres://tally:secret@db.example/tally?port=1&port=2", "gives the parameter port twice"),
        ("postgres://tally:secret@db.example:5432/tally?port=5433", "gives the port twice"),
        ("postgres://tally:sec ret@db.example/tally", "must not contain spaces"),
        ("postgres://tally:se%zzcret@db.example/tally", "bad percent-encoding"),
        ("postgres://:secret@db.example/tally", "has an empty user"),
        ("postgres://tally:secret@[::1/tally", "has a [ without its ]"),
        ("postgres://tally:secret@db.example/tally#top", "must not contain #"),
        ("postgres://tally:secret@db.example/tally/more", "database name with /"),
        ("postgres://tally@/tally?host=/\(String(repeating: "x", count: 100))", "longer than the system allows"),
    ])
    func aBadURLIsRefusedWithWhatIsWrongAndNoPassword(url: String, message: String) throws {
        let error = try #require(throws: PostgresURLError.self) { try PostgresCentralStore(url: url) }
        #expect(error.description.contains(message), "\(error)")
        #expect(error.description.hasPrefix("the database URL "))
        #expect(!error.description.contains("secret"), "\(error)")
    }

    @Test func theAcceptedFormsAreRead() throws {
        let tcp = try PostgresURL("postgres://tally:p%40ss%3Aword@db.example:6543/central?sslmode=require")
        #expect(tcp.endpoint == .tcp(host: "db.example", port: 6543))
        #expect(tcp.username == "tally" && tcp.password == "p@ss:word" && tcp.database == "central")
        #expect(tcp.tls == .require)
        #expect(tcp.description == "postgres://tally:***@db.example:6543/central?sslmode=require")
        let ipv6 = try PostgresURL("postgresql://tally@[::1]/central")
        #expect(ipv6.endpoint == .tcp(host: "::1", port: 5432) && ipv6.password == nil && ipv6.tls == .prefer)
        let socket = try PostgresURL("postgres:///central?host=/run/postgresql&user=tally")
        #expect(socket.endpoint == .unixSocket(path: "/run/postgresql/.s.PGSQL.5432") && socket.username == "tally")
        let encodedHost = try PostgresURL("postgres://tally@%2Frun%2Fpostgresql:5433/central")
        #expect(encodedHost.endpoint == .unixSocket(path: "/run/postgresql/.s.PGSQL.5433"))
        let systemUser = try PostgresURL("postgres://db.example/central?password=secret")
        #expect(!systemUser.username.isEmpty && systemUser.password == "secret")
        #expect(
            PostgresURL.redacted("postgres://a:b@c/d?password=e&sslmode=disable")
                == "postgres://a:***@c/d?password=***&sslmode=disable")
    }

    @Test func aServerThatCannotBeReachedOrRefusesTheSignInIsReportedInWords() async throws {
        let server = try await PostgresServer.shared()
        let closedPort = try PostgresServer.freePort()
        let unreachable = try PostgresCentralStore(url: "postgres://tally:secret@127.0.0.1:\(closedPort)/central")
        let refused = try await #require(throws: PostgresStoreError.self) { try await unreachable.migrate() }
        #expect(refused.description.contains("cannot connect to PostgreSQL at 127.0.0.1:\(closedPort)"), "\(refused)")

        let database = try await server.createDatabase()
        let wrongPassword = try PostgresCentralStore(
            url: "postgres://\(server.user):not-the-password@127.0.0.1:\(server.port)/\(database)")
        let denied = try await #require(throws: PostgresStoreError.self) { try await wrongPassword.migrate() }
        #expect(denied.description.contains("password authentication failed"), "\(denied)")
        #expect(denied.sqlState == "28P01" && !denied.description.contains("not-the-password"))

        let missing = try PostgresCentralStore(url: server.url(database: "no_such_database"))
        let absent = try await #require(throws: PostgresStoreError.self) { try await missing.migrate() }
        #expect(absent.description.contains("database \"no_such_database\" does not exist"), "\(absent)")
    }

    @Test func theSocketFormWorks() async throws {
        let server = try await PostgresServer.shared()
        let database = try await server.createDatabase()
        let running = try await RunningPostgresStore(url: server.socketURL(database: database))
        let station = try await running.store.createStation(name: "Till", codeHash: "h", expiresAt: 2, now: 1)
        #expect(try await running.store.station(id: station.id) == station)
        #expect(await running.store.isReady())
    }
}

/// Set once the writers are done.
final class Flag: Sendable {
    let value = Atomic<Bool>(false)
}
