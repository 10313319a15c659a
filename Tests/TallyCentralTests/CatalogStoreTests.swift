import Foundation
import TallySync
import TallyTestSupport
import Testing

@testable import TallyCentral

/// The catalog change feed as every engine stores it: each write under a new, higher cursor, the latest version of
/// a record only, removals kept as changes.
struct CatalogStoreTests {
    static func product(_ key: String, _ payload: String, audience: [String]? = nil) -> CatalogWrite {
        CatalogWrite(kind: .product, key: key, payload: payload, audience: audience)
    }

    @Test(arguments: Engine.allCases) func writesTakeRisingCursorsAndReadBackInOrder(engine: Engine) async throws {
        let temporary = try await TemporaryStore(engine)
        let store = temporary.store
        #expect(try await store.highestCatalogCursor() == 0)
        #expect(try await store.catalogChanges(after: 0, limit: 10).isEmpty)
        let first = try await store.putCatalog(
            [Self.product("a", "{\"a\":1}"), Self.product("b", "{\"b\":1}", audience: ["s-1", "s-2"])], now: 1)
        #expect(first == 2)
        let second = try await store.putCatalog(
            [CatalogWrite(kind: .location, key: "SHOP", payload: "{}", audience: [])], now: 2)
        #expect(second == 3)
        #expect(try await store.highestCatalogCursor() == 3)
        let changes = try await store.catalogChanges(after: 0, limit: 10)
        #expect(
            changes == [
                StoredChange(cursor: 1, kind: .product, key: "a", payload: "{\"a\":1}", audience: nil),
                StoredChange(cursor: 2, kind: .product, key: "b", payload: "{\"b\":1}", audience: ["s-1", "s-2"]),
                StoredChange(cursor: 3, kind: .location, key: "SHOP", payload: "{}", audience: []),
            ])
        #expect(try await store.catalogChanges(after: 1, limit: 1).map(\.cursor) == [2])
        #expect(try await store.catalogChanges(after: 3, limit: 10).isEmpty)
        #expect(try await store.catalogChanges(after: 0, limit: -1).count == 3)
    }

    @Test(arguments: Engine.allCases) func aChangedOrRemovedRecordMovesToANewCursor(engine: Engine) async throws {
        let temporary = try await TemporaryStore(engine)
        let store = temporary.store
        _ = try await store.putCatalog([Self.product("a", "1"), Self.product("b", "1")], now: 1)
        _ = try await store.putCatalog([Self.product("a", "2"), .removal(of: .product, key: "b")], now: 2)
        #expect(
            try await store.catalogChanges(after: 0, limit: 10) == [
                StoredChange(cursor: 3, kind: .product, key: "a", payload: "2", audience: nil),
                StoredChange(cursor: 4, kind: .product, key: "b", payload: nil, audience: nil),
            ])
    }

    @Test(arguments: Engine.allCases) func aWriteThatChangesNothingKeepsTheEarlierCursor(engine: Engine) async throws {
        let temporary = try await TemporaryStore(engine)
        let store = temporary.store
        _ = try await store.putCatalog([Self.product("a", "1"), .removal(of: .product, key: "b")], now: 1)
        // The same record again and a second removal: nothing a station has not already seen.
        _ = try await store.putCatalog([Self.product("a", "1"), .removal(of: .product, key: "b")], now: 2)
        #expect(
            try await store.catalogChanges(after: 0, limit: 10) == [
                StoredChange(cursor: 1, kind: .product, key: "a", payload: "1", audience: nil),
                StoredChange(cursor: 2, kind: .product, key: "b", payload: nil, audience: nil),
            ])
        // A new audience is a change, even with the same content.
        _ = try await store.putCatalog([Self.product("a", "1", audience: ["s-1"])], now: 3)
        #expect(try await store.catalogChanges(after: 2, limit: 10).map(\.key) == ["a"])
    }

    @Test(arguments: Engine.allCases) func aRecordWrittenTwiceInOneCallKeepsTheLaterWrite(engine: Engine) async throws {
        let temporary = try await TemporaryStore(engine)
        let store = temporary.store
        let highest = try await store.putCatalog(
            [Self.product("a", "1"), Self.product("b", "1"), Self.product("a", "2", audience: ["s-1"])], now: 1)
        #expect(highest == 3)
        #expect(
            try await store.catalogChanges(after: 0, limit: 10) == [
                StoredChange(cursor: 2, kind: .product, key: "b", payload: "1", audience: nil),
                StoredChange(cursor: 3, kind: .product, key: "a", payload: "2", audience: ["s-1"]),
            ])
        #expect(try await store.putCatalog([], now: 2) == 3)
    }

    @Test(arguments: Engine.allCases) func keysThatDifferOnlyInTheirBytesAreDifferentRecords(
        engine: Engine
    ) async throws {
        let temporary = try await TemporaryStore(engine)
        let store = temporary.store
        _ = try await store.putCatalog([Self.product("caf\u{E9}", "1"), Self.product("cafe\u{301}", "2")], now: 1)
        let changes = try await store.catalogChanges(after: 0, limit: 10)
        #expect(changes.map { Array($0.key.utf8) } == [Array("caf\u{E9}".utf8), Array("cafe\u{301}".utf8)])
        #expect(changes.map(\.payload) == ["1", "2"])
    }

    @Test(arguments: Engine.allCases) func aLargeBatchIsStoredWhole(engine: Engine) async throws {
        let temporary = try await TemporaryStore(engine)
        let store = temporary.store
        let writes = (0..<25_000).map { Self.product("p-\($0)", "{\"n\":\($0)}") }
        #expect(try await store.putCatalog(writes, now: 1) == 25_000)
        let changes = try await store.catalogChanges(after: 12_000, limit: 5)
        #expect(changes.map(\.cursor) == Array(12_001...12_005))
        #expect(changes.map(\.key) == (12_000..<12_005).map { "p-\($0)" })
        #expect(try await store.catalogChanges(after: 0, limit: 30_000).count == 25_000)
    }
}
