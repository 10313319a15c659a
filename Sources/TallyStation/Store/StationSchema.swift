import GRDB

/// The station database's migrations. A migration that shipped is never edited; changes come as new ones.
enum StationSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: journal, catalog, ledger, sales, outbox") { db in
            try createScanJournal(db)
            try createCatalog(db)
            try createLedger(db)
            try createSales(db)
            try createBookkeeping(db)
        }
        migrator.registerMigration("v2: sync with central") { db in
            try createSync(db)
        }
        migrator.registerMigration("v3: receiving, counting and adjustments") { db in
            try StationDatabase.createStockWork(db)
        }
        return migrator
    }

    /// Every scan as it arrived, before anything is made of it, and what became of it.
    ///
    /// Sequences are plain rowids rather than AUTOINCREMENT: rows of the journal, the ledger and the outbox are
    /// never deleted, so a rowid is never reused, and AUTOINCREMENT would write one more page per commit.
    private static func createScanJournal(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE scan_journal (
                    seq INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    lane TEXT NOT NULL,
                    source TEXT NOT NULL,
                    device TEXT,
                    received_at INTEGER NOT NULL,
                    bytes BLOB NOT NULL,
                    kind TEXT,
                    outcome TEXT NOT NULL CHECK (outcome IN ('accepted', 'rejected')),
                    reason TEXT,
                    document_id TEXT
                );
                CREATE INDEX scan_journal_rejected ON scan_journal(lane, seq) WHERE outcome = 'rejected';
                """)
    }

    private static func createCatalog(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE tax_classes (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    treatment TEXT NOT NULL CHECK (treatment IN ('taxed', 'exempt', 'outside')),
                    rate_ppm INTEGER NOT NULL CHECK (rate_ppm >= 0),
                    is_standard INTEGER NOT NULL DEFAULT 0
                ) WITHOUT ROWID;
                CREATE TABLE products (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    unit TEXT NOT NULL CHECK (unit IN ('piece', 'weight')),
                    tax_class_id TEXT NOT NULL REFERENCES tax_classes(id),
                    active INTEGER NOT NULL DEFAULT 1
                ) WITHOUT ROWID;
                CREATE TABLE barcodes (
                    code TEXT PRIMARY KEY,
                    product_id TEXT NOT NULL REFERENCES products(id)
                ) WITHOUT ROWID;
                CREATE INDEX barcodes_product ON barcodes(product_id);
                CREATE TABLE prices (
                    product_id TEXT NOT NULL REFERENCES products(id),
                    valid_from INTEGER NOT NULL,
                    amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
                    currency TEXT NOT NULL,
                    PRIMARY KEY (product_id, valid_from)
                ) WITHOUT ROWID;
                CREATE TABLE locations (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    kind TEXT NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE operators (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    role TEXT NOT NULL,
                    pin_hash TEXT NOT NULL
                ) WITHOUT ROWID;
                """)
    }

    /// Stock is a ledger: immutable movements, and on-hand as their running sum per item, location and lot.
    private static func createLedger(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE stock_movements (
                    seq INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    product_id TEXT NOT NULL,
                    location_id TEXT NOT NULL,
                    lot TEXT NOT NULL DEFAULT '',
                    quantity INTEGER NOT NULL CHECK (quantity <> 0),
                    reason TEXT NOT NULL,
                    document_id TEXT NOT NULL,
                    created_at INTEGER NOT NULL
                );
                CREATE INDEX stock_movements_document ON stock_movements(document_id);
                CREATE TABLE stock_on_hand (
                    product_id TEXT NOT NULL,
                    location_id TEXT NOT NULL,
                    lot TEXT NOT NULL,
                    quantity INTEGER NOT NULL,
                    PRIMARY KEY (product_id, location_id, lot)
                ) WITHOUT ROWID;
                CREATE TRIGGER stock_movements_immutable BEFORE UPDATE ON stock_movements
                BEGIN SELECT RAISE(ABORT, 'stock movements are never edited, only compensated'); END;
                CREATE TRIGGER stock_movements_kept BEFORE DELETE ON stock_movements
                BEGIN SELECT RAISE(ABORT, 'stock movements are never deleted'); END;
                """)
    }

    /// Baskets, completed sales and returns with their lines and tenders, and the receipts that number them.
    private static func createSales(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE sales (
                    id TEXT PRIMARY KEY,
                    lane TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('open', 'completed', 'voided')),
                    opened_at INTEGER NOT NULL,
                    closed_at INTEGER,
                    currency TEXT NOT NULL,
                    pending_quantity INTEGER,
                    pending_price_code TEXT,
                    net_minor INTEGER,
                    tax_minor INTEGER,
                    total_minor INTEGER,
                    cash_rounding_minor INTEGER,
                    period INTEGER
                ) WITHOUT ROWID;
                CREATE UNIQUE INDEX sales_open_per_lane ON sales(lane) WHERE status = 'open';
                CREATE TABLE sale_lines (
                    sale_id TEXT NOT NULL REFERENCES sales(id),
                    number INTEGER NOT NULL,
                    product_id TEXT,
                    name TEXT NOT NULL,
                    code TEXT NOT NULL,
                    unit TEXT NOT NULL,
                    quantity INTEGER NOT NULL,
                    unit_price_minor INTEGER NOT NULL,
                    amount_minor INTEGER NOT NULL,
                    tax_class_id TEXT NOT NULL,
                    tax_class_name TEXT NOT NULL,
                    treatment TEXT NOT NULL,
                    rate_ppm INTEGER NOT NULL,
                    pricing TEXT NOT NULL,
                    entered_by TEXT,
                    voided INTEGER NOT NULL DEFAULT 0,
                    PRIMARY KEY (sale_id, number)
                ) WITHOUT ROWID;
                CREATE TABLE returns (
                    id TEXT PRIMARY KEY,
                    lane TEXT NOT NULL,
                    original_sale_id TEXT NOT NULL REFERENCES sales(id),
                    created_at INTEGER NOT NULL,
                    currency TEXT NOT NULL,
                    net_minor INTEGER NOT NULL,
                    tax_minor INTEGER NOT NULL,
                    total_minor INTEGER NOT NULL,
                    cash_rounding_minor INTEGER NOT NULL,
                    period INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX returns_original ON returns(original_sale_id);
                CREATE TABLE return_lines (
                    return_id TEXT NOT NULL REFERENCES returns(id),
                    original_line_number INTEGER NOT NULL,
                    quantity INTEGER NOT NULL CHECK (quantity > 0),
                    amount_minor INTEGER NOT NULL,
                    disposition TEXT NOT NULL CHECK (disposition IN ('sellable', 'damaged')),
                    PRIMARY KEY (return_id, original_line_number, disposition)
                ) WITHOUT ROWID;
                CREATE TABLE tenders (
                    document_id TEXT NOT NULL,
                    seq INTEGER NOT NULL,
                    kind TEXT NOT NULL,
                    tendered_minor INTEGER NOT NULL,
                    applied_minor INTEGER NOT NULL,
                    change_minor INTEGER NOT NULL,
                    reference TEXT,
                    PRIMARY KEY (document_id, seq)
                ) WITHOUT ROWID;
                CREATE TABLE document_taxes (
                    document_id TEXT NOT NULL,
                    treatment TEXT NOT NULL,
                    rate_ppm INTEGER NOT NULL,
                    net_minor INTEGER NOT NULL,
                    tax_minor INTEGER NOT NULL,
                    gross_minor INTEGER NOT NULL,
                    line_count INTEGER NOT NULL,
                    PRIMARY KEY (document_id, treatment, rate_ppm)
                ) WITHOUT ROWID;
                CREATE TABLE receipts (
                    number INTEGER PRIMARY KEY,
                    kind TEXT NOT NULL CHECK (kind IN ('sale', 'return')),
                    document_id TEXT NOT NULL UNIQUE,
                    issued_at INTEGER NOT NULL,
                    print_count INTEGER NOT NULL DEFAULT 0
                );
                """)
    }

    /// Periods between Z reports, the outbox for central, and the hash-chained sales journal.
    private static func createBookkeeping(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE periods (
                    number INTEGER PRIMARY KEY,
                    opened_at INTEGER NOT NULL,
                    closed_at INTEGER,
                    opening_float_minor INTEGER NOT NULL,
                    expected_cash_minor INTEGER,
                    counted_cash_minor INTEGER
                );
                CREATE UNIQUE INDEX periods_one_open ON periods((closed_at IS NULL)) WHERE closed_at IS NULL;
                CREATE TABLE outbox (
                    seq INTEGER PRIMARY KEY,
                    event_id TEXT NOT NULL UNIQUE,
                    type TEXT NOT NULL,
                    payload TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    sent_at INTEGER
                );
                CREATE TABLE journal (
                    seq INTEGER PRIMARY KEY,
                    kind TEXT NOT NULL,
                    document_id TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    payload TEXT NOT NULL,
                    previous_hash TEXT NOT NULL,
                    hash TEXT NOT NULL UNIQUE
                );
                CREATE TRIGGER journal_immutable BEFORE UPDATE ON journal
                BEGIN SELECT RAISE(ABORT, 'the sales journal is never edited'); END;
                CREATE TRIGGER journal_kept BEFORE DELETE ON journal
                BEGIN SELECT RAISE(ABORT, 'the sales journal is never deleted'); END;
                CREATE TABLE lanes (
                    id TEXT PRIMARY KEY,
                    mode TEXT NOT NULL
                ) WITHOUT ROWID;
                """)
    }

    /// The station's enrolment with central and where each direction of sync stands; the plans pulled from
    /// central that the station keeps whole (purchase orders, count tasks); and operators marked by where they
    /// come from, so that a restart replaces the configured ones and keeps those central sent.
    private static func createSync(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE sync_state (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    central_url TEXT NOT NULL,
                    station_id TEXT NOT NULL,
                    station_name TEXT NOT NULL,
                    token TEXT NOT NULL,
                    enrolled_at INTEGER NOT NULL,
                    acknowledged_sequence INTEGER NOT NULL DEFAULT 0,
                    pull_cursor INTEGER NOT NULL DEFAULT 0,
                    highest_cursor INTEGER NOT NULL DEFAULT 0,
                    catalog_complete INTEGER NOT NULL DEFAULT 0,
                    last_push_at INTEGER,
                    last_pull_at INTEGER,
                    last_error TEXT,
                    last_error_at INTEGER
                );
                CREATE TABLE purchase_orders (
                    id TEXT PRIMARY KEY,
                    number TEXT NOT NULL,
                    status TEXT NOT NULL,
                    payload TEXT NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX purchase_orders_number ON purchase_orders(number);
                CREATE TABLE count_tasks (
                    id TEXT PRIMARY KEY,
                    status TEXT NOT NULL,
                    payload TEXT NOT NULL
                ) WITHOUT ROWID;
                ALTER TABLE operators ADD COLUMN source TEXT NOT NULL DEFAULT 'configuration';
                """)
    }
}
