import Foundation

/// Central's tables, in SQL that SQLite and PostgreSQL both accept.
enum CentralSchema {
    /// The migrations in the order they apply, each under the name SQLite's migrator records it by.
    static let migrations: [(identifier: String, sql: String)] = [
        ("v1: stations, events, ledger, sales", version1),
        ("v2: catalog change feed", version2),
        ("v3: receiving, counts, adjustments, suppliers, purchase orders, managers", version3),
        ("v4: back office users, sessions, API tokens, sign-in throttling, audit trail", version4),
        ("v5: back office catalog and parties", version5),
        ("v6: purchase-order drafts", version6),
        ("v7: suppliers' confirmations, alerts sent", version7),
        ("v8: sales orders, invoices, payments, returns at central", version8),
        ("v9: suppliers' shipment notices and product proposals", version9),
    ]

    static let version1 = """
        CREATE TABLE stations (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            station_code TEXT,
            token_hash TEXT UNIQUE,
            enrolment_code_hash TEXT UNIQUE,
            enrolment_expires_at BIGINT,
            created_at BIGINT NOT NULL,
            enrolled_at BIGINT,
            revoked_at BIGINT,
            highest_sequence BIGINT NOT NULL DEFAULT 0,
            last_push_at BIGINT
        );
        CREATE TABLE events (
            event_id TEXT PRIMARY KEY,
            station_id TEXT NOT NULL REFERENCES stations(id),
            sequence BIGINT NOT NULL,
            type TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            received_at BIGINT NOT NULL,
            payload TEXT NOT NULL,
            UNIQUE (station_id, sequence)
        );
        CREATE TABLE movements (
            movement_id TEXT PRIMARY KEY,
            station_id TEXT NOT NULL,
            event_id TEXT NOT NULL REFERENCES events(event_id),
            product_id TEXT NOT NULL,
            location_id TEXT NOT NULL,
            lot TEXT NOT NULL,
            quantity BIGINT NOT NULL,
            reason TEXT NOT NULL,
            occurred_at BIGINT NOT NULL
        );
        CREATE INDEX movements_by_item ON movements (product_id, location_id, lot);
        CREATE TABLE stock (
            product_id TEXT NOT NULL,
            location_id TEXT NOT NULL,
            lot TEXT NOT NULL,
            quantity BIGINT NOT NULL,
            PRIMARY KEY (product_id, location_id, lot)
        );
        CREATE TABLE sales (
            sale_id TEXT PRIMARY KEY,
            station_id TEXT NOT NULL,
            event_id TEXT NOT NULL REFERENCES events(event_id),
            lane TEXT NOT NULL,
            receipt_number BIGINT NOT NULL,
            period BIGINT NOT NULL,
            currency TEXT NOT NULL,
            completed_at BIGINT NOT NULL,
            lines BIGINT NOT NULL,
            net_minor BIGINT NOT NULL,
            tax_minor BIGINT NOT NULL,
            total_minor BIGINT NOT NULL,
            UNIQUE (station_id, receipt_number)
        );
        CREATE TABLE returns (
            return_id TEXT PRIMARY KEY,
            station_id TEXT NOT NULL,
            event_id TEXT NOT NULL REFERENCES events(event_id),
            original_sale_id TEXT NOT NULL,
            lane TEXT NOT NULL,
            receipt_number BIGINT NOT NULL,
            period BIGINT NOT NULL,
            currency TEXT NOT NULL,
            completed_at BIGINT NOT NULL,
            total_minor BIGINT NOT NULL
        );
        CREATE TABLE voided_baskets (
            sale_id TEXT PRIMARY KEY,
            station_id TEXT NOT NULL,
            event_id TEXT NOT NULL REFERENCES events(event_id),
            lane TEXT NOT NULL,
            period BIGINT NOT NULL,
            voided_at BIGINT NOT NULL,
            lines BIGINT NOT NULL
        );
        CREATE TABLE periods (
            station_id TEXT NOT NULL,
            period BIGINT NOT NULL,
            event_id TEXT NOT NULL REFERENCES events(event_id),
            currency TEXT NOT NULL,
            opened_at BIGINT NOT NULL,
            closed_at BIGINT NOT NULL,
            sales_minor BIGINT NOT NULL,
            refunds_minor BIGINT NOT NULL,
            expected_cash_minor BIGINT NOT NULL,
            counted_cash_minor BIGINT NOT NULL,
            PRIMARY KEY (station_id, period)
        );
        """

    /// The change feed stations pull: the current version of every record under the cursor of its last change.
    static let version2 = """
        CREATE TABLE catalog (
            kind TEXT NOT NULL,
            key TEXT NOT NULL,
            cursor BIGINT NOT NULL UNIQUE,
            payload TEXT,
            audience TEXT,
            changed_at BIGINT NOT NULL,
            PRIMARY KEY (kind, key)
        );
        """

    /// The dock and the stockroom: goods receipts with their lines, counts waiting for a manager's decision with
    /// their lines, and adjustments, as stations report them; and what the management API keeps: suppliers, the
    /// purchase orders central made (their records live in the catalog, which stations pull), and the managers'
    /// tokens, stored as hashes.
    static let version3 = """
        CREATE TABLE goods_receipts (
            receipt_id TEXT PRIMARY KEY,
            station_id TEXT NOT NULL,
            event_id TEXT NOT NULL REFERENCES events(event_id),
            purchase_order_id TEXT,
            purchase_order_number TEXT,
            lane TEXT NOT NULL,
            location_id TEXT NOT NULL,
            opened_at BIGINT NOT NULL,
            closed_at BIGINT NOT NULL,
            backorder BIGINT NOT NULL,
            order_problem TEXT
        );
        CREATE INDEX goods_receipts_by_order ON goods_receipts (purchase_order_id);
        CREATE TABLE goods_receipt_lines (
            receipt_id TEXT NOT NULL REFERENCES goods_receipts(receipt_id),
            line BIGINT NOT NULL,
            order_line BIGINT,
            product_id TEXT,
            code TEXT NOT NULL,
            lot TEXT NOT NULL,
            expiry TEXT,
            quantity BIGINT NOT NULL,
            condition TEXT NOT NULL,
            reason TEXT,
            sscc TEXT,
            PRIMARY KEY (receipt_id, line)
        );
        CREATE TABLE counts (
            count_id TEXT PRIMARY KEY,
            station_id TEXT NOT NULL,
            event_id TEXT NOT NULL REFERENCES events(event_id),
            task_id TEXT,
            task_key TEXT NOT NULL,
            location_id TEXT,
            started_at BIGINT NOT NULL,
            submitted_at BIGINT NOT NULL,
            lanes TEXT NOT NULL,
            recounted BIGINT NOT NULL,
            status TEXT NOT NULL,
            decided_at BIGINT
        );
        CREATE INDEX counts_by_task ON counts (task_key, status);
        CREATE INDEX counts_by_status ON counts (status, submitted_at);
        CREATE TABLE count_lines (
            count_id TEXT NOT NULL REFERENCES counts(count_id),
            line BIGINT NOT NULL,
            product_id TEXT NOT NULL,
            lot TEXT NOT NULL,
            counted BIGINT NOT NULL,
            expected BIGINT NOT NULL,
            first_count BIGINT,
            PRIMARY KEY (count_id, line)
        );
        CREATE TABLE adjustments (
            adjustment_id TEXT PRIMARY KEY,
            station_id TEXT NOT NULL,
            event_id TEXT NOT NULL REFERENCES events(event_id),
            kind TEXT NOT NULL,
            reason TEXT NOT NULL,
            note TEXT,
            lane TEXT NOT NULL,
            operator_id TEXT,
            at BIGINT NOT NULL,
            movements BIGINT NOT NULL
        );
        CREATE TABLE suppliers (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            over_tolerance_percent BIGINT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        );
        CREATE TABLE purchase_orders (
            id TEXT PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            supplier_id TEXT NOT NULL REFERENCES suppliers(id),
            created_at BIGINT NOT NULL
        );
        CREATE TABLE managers (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            token_hash TEXT UNIQUE,
            created_at BIGINT NOT NULL,
            revoked_at BIGINT
        );
        """

    /// The back office's people and how they sign in: users with a role (suppliers and customers bound to
    /// theirs) and a bcrypt password hash; web sessions and API tokens stored as SHA-256 hashes; failed sign-ins
    /// counted per account and per address; and the hash-chained audit trail of every change.
    static let version4 = """
        CREATE TABLE users (
            id TEXT PRIMARY KEY,
            email TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            role TEXT NOT NULL,
            supplier_id TEXT,
            customer_id TEXT,
            password_hash TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            disabled_at BIGINT
        );
        CREATE TABLE sessions (
            token_hash TEXT PRIMARY KEY,
            user_id TEXT NOT NULL REFERENCES users(id),
            csrf_token TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            last_seen_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL
        );
        CREATE INDEX sessions_by_user ON sessions (user_id);
        CREATE TABLE api_tokens (
            id TEXT PRIMARY KEY,
            token_hash TEXT NOT NULL UNIQUE,
            user_id TEXT NOT NULL REFERENCES users(id),
            name TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            last_used_at BIGINT,
            revoked_at BIGINT
        );
        CREATE TABLE sign_in_failures (
            key TEXT PRIMARY KEY,
            failures BIGINT NOT NULL,
            last_failed_at BIGINT NOT NULL,
            locked_until BIGINT NOT NULL
        );
        CREATE TABLE audit_log (
            sequence BIGINT PRIMARY KEY,
            at BIGINT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            entity TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            before_json TEXT,
            after_json TEXT,
            previous_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE INDEX audit_by_entity ON audit_log (entity, entity_id)
        """

    /// The back office's catalog and parties. What stations need of a product, a location or a tax class stays in
    /// its catalog record (the change feed is its one home); what only the back office uses lives beside it, in a
    /// details table under the record's id. Categories, warehouses and customers live only here; suppliers gain
    /// their contacts and terms.
    static let version5 = """
        CREATE TABLE categories (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            parent_id TEXT,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        );
        CREATE TABLE warehouses (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            address TEXT,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        );
        CREATE TABLE location_details (
            id TEXT PRIMARY KEY,
            warehouse_id TEXT,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        );
        CREATE TABLE product_details (
            id TEXT PRIMARY KEY,
            description TEXT,
            category_id TEXT,
            purchase_price BIGINT,
            reorder_point BIGINT,
            reorder_quantity BIGINT,
            preferred_supplier_id TEXT,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        );
        CREATE INDEX product_details_by_supplier ON product_details (preferred_supplier_id);
        CREATE TABLE customers (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            contact_name TEXT,
            email TEXT,
            phone TEXT,
            shipping_address TEXT,
            billing_address TEXT,
            payment_method TEXT,
            credit_limit BIGINT,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        );
        ALTER TABLE suppliers ADD COLUMN contact_name TEXT;
        ALTER TABLE suppliers ADD COLUMN email TEXT;
        ALTER TABLE suppliers ADD COLUMN phone TEXT;
        ALTER TABLE suppliers ADD COLUMN address TEXT;
        ALTER TABLE suppliers ADD COLUMN lead_time_days BIGINT;
        ALTER TABLE suppliers ADD COLUMN payment_terms TEXT
        """

    /// A purchase order drafted in the back office is kept here, as the record it will become, until it is sent
    /// (the catalog record is the order from then on).
    static let version6 = """
        ALTER TABLE purchase_orders ADD COLUMN draft TEXT;
        ALTER TABLE purchase_orders ADD COLUMN updated_at BIGINT
        """

    /// A supplier's confirmation of an order (the date it will deliver, a note), and the alerts already sent to the
    /// configured webhook, so each goes out once.
    static let version7 = """
        CREATE TABLE purchase_order_confirmations (
            order_id TEXT PRIMARY KEY REFERENCES purchase_orders(id),
            user_id TEXT NOT NULL,
            confirmed_at BIGINT NOT NULL,
            delivery_date TEXT NOT NULL,
            note TEXT
        );
        CREATE TABLE alerts_sent (
            key TEXT PRIMARY KEY,
            sent_at BIGINT NOT NULL
        )
        """

    /// Selling from the back office: customers' orders with their lines priced when placed, invoices and credit
    /// notes, payments and refunds, and returns with their lines. Stock the back office moves (a shipment, a return)
    /// is booked as events of central's own source, the station row `central`: it holds no token, so nothing can
    /// push as it, and every movement still traces to an event with a sequence, as a station's do.
    static let version8 = """
        INSERT INTO stations (id, name, created_at, revoked_at) VALUES ('central', 'Back office', 0, 0);
        CREATE TABLE sales_orders (
            id TEXT PRIMARY KEY,
            number TEXT UNIQUE,
            customer_id TEXT NOT NULL REFERENCES customers(id),
            status TEXT NOT NULL,
            payment_method TEXT NOT NULL,
            currency TEXT NOT NULL,
            net_minor BIGINT NOT NULL,
            tax_minor BIGINT NOT NULL,
            total_minor BIGINT NOT NULL,
            shipping_address TEXT,
            note TEXT,
            location_id TEXT,
            tracking TEXT,
            created_by TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            placed_at BIGINT,
            confirmed_at BIGINT,
            shipped_at BIGINT,
            delivered_at BIGINT,
            cancelled_at BIGINT,
            updated_at BIGINT NOT NULL
        );
        CREATE INDEX sales_orders_by_customer ON sales_orders (customer_id, status);
        CREATE TABLE sales_order_lines (
            order_id TEXT NOT NULL REFERENCES sales_orders(id),
            line BIGINT NOT NULL,
            product_id TEXT NOT NULL,
            name TEXT NOT NULL,
            unit TEXT NOT NULL,
            quantity BIGINT NOT NULL,
            unit_price_minor BIGINT NOT NULL,
            tax_class_id TEXT NOT NULL,
            tax_rate_ppm BIGINT NOT NULL,
            net_minor BIGINT NOT NULL,
            tax_minor BIGINT NOT NULL,
            total_minor BIGINT NOT NULL,
            returned BIGINT NOT NULL,
            PRIMARY KEY (order_id, line)
        );
        CREATE TABLE invoices (
            id TEXT PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            order_id TEXT NOT NULL REFERENCES sales_orders(id),
            customer_id TEXT NOT NULL,
            return_id TEXT,
            issued_at BIGINT NOT NULL,
            due_at BIGINT NOT NULL,
            currency TEXT NOT NULL,
            net_minor BIGINT NOT NULL,
            tax_minor BIGINT NOT NULL,
            total_minor BIGINT NOT NULL
        );
        CREATE INDEX invoices_by_customer ON invoices (customer_id);
        CREATE INDEX invoices_by_order ON invoices (order_id);
        CREATE TABLE payments (
            id TEXT PRIMARY KEY,
            customer_id TEXT NOT NULL,
            order_id TEXT REFERENCES sales_orders(id),
            invoice_id TEXT REFERENCES invoices(id),
            kind TEXT NOT NULL,
            method TEXT NOT NULL,
            amount_minor BIGINT NOT NULL,
            currency TEXT NOT NULL,
            reference TEXT,
            recorded_by TEXT NOT NULL,
            recorded_at BIGINT NOT NULL
        );
        CREATE INDEX payments_by_customer ON payments (customer_id);
        CREATE INDEX payments_by_order ON payments (order_id);
        CREATE TABLE sales_returns (
            id TEXT PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            order_id TEXT NOT NULL REFERENCES sales_orders(id),
            location_id TEXT NOT NULL,
            reason TEXT NOT NULL,
            note TEXT,
            event_id TEXT NOT NULL REFERENCES events(event_id),
            created_by TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            net_minor BIGINT NOT NULL,
            tax_minor BIGINT NOT NULL,
            total_minor BIGINT NOT NULL
        );
        CREATE INDEX sales_returns_by_order ON sales_returns (order_id);
        CREATE TABLE sales_return_lines (
            return_id TEXT NOT NULL REFERENCES sales_returns(id),
            line BIGINT NOT NULL,
            order_line BIGINT NOT NULL,
            product_id TEXT NOT NULL,
            quantity BIGINT NOT NULL,
            net_minor BIGINT NOT NULL,
            tax_minor BIGINT NOT NULL,
            total_minor BIGINT NOT NULL,
            PRIMARY KEY (return_id, line)
        )
        """

    /// What suppliers tell the shop: a shipment notice announces pallets of an order (their SSCCs and contents, which
    /// also go into the order's catalog record, so that the dock receives a pallet by scanning its label); a product
    /// proposal is a supplier's change to a product's cost, description or GTINs, applied only when a manager
    /// approves it.
    static let version9 = """
        CREATE TABLE shipment_notices (
            id TEXT PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            order_id TEXT NOT NULL REFERENCES purchase_orders(id),
            supplier_id TEXT NOT NULL,
            shipped_on TEXT NOT NULL,
            arrives_on TEXT NOT NULL,
            carrier TEXT,
            tracking TEXT,
            pallets TEXT NOT NULL,
            created_by TEXT NOT NULL,
            created_at BIGINT NOT NULL
        );
        CREATE INDEX shipment_notices_by_order ON shipment_notices (order_id);
        CREATE TABLE product_proposals (
            id TEXT PRIMARY KEY,
            product_id TEXT NOT NULL,
            supplier_id TEXT NOT NULL,
            status TEXT NOT NULL,
            purchase_price BIGINT,
            description TEXT,
            gtins TEXT,
            note TEXT,
            created_by TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            decided_by TEXT,
            decided_at BIGINT,
            reason TEXT
        );
        CREATE INDEX product_proposals_by_status ON product_proposals (status, created_at);
        CREATE INDEX product_proposals_by_supplier ON product_proposals (supplier_id, product_id)
        """
}

extension CentralSchema {
    /// Stores a record's new version under a new cursor (arguments: kind, key, cursor, payload, audience, time).
    /// A record written again unchanged keeps its cursor, so importing the same file twice sends stations nothing.
    static let upsertCatalog = """
        INSERT INTO catalog (kind, key, cursor, payload, audience, changed_at) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (kind, key) DO UPDATE SET cursor = excluded.cursor, payload = excluded.payload,
            audience = excluded.audience, changed_at = excluded.changed_at
        WHERE catalog.payload IS DISTINCT FROM excluded.payload
            OR catalog.audience IS DISTINCT FROM excluded.audience
        """
}

extension CentralSchema {
    /// The statements of a migration, one by one: PostgreSQL prepares one statement at a time. The schema's
    /// statements are split at semicolons, so they hold none in their text.
    static func statements(_ sql: String) -> [String] {
        sql.split(separator: ";").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    /// PostgreSQL's form of ``upsertCatalog``: a whole batch in one statement, its columns as arrays (kind, key,
    /// cursor, payload, whether there is a payload, audience, whether there is an audience, then the time). Flags
    /// carry the NULLs because PostgresNIO's arrays have no NULL elements. The rows must have distinct keys.
    static let postgresUpsertCatalog = """
        INSERT INTO catalog (kind, key, cursor, payload, audience, changed_at)
        SELECT kind, key, cursor, CASE WHEN has_payload THEN payload END, CASE WHEN has_audience THEN audience END, $8
        FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::boolean[], $6::text[], $7::boolean[])
            AS change (kind, key, cursor, payload, has_payload, audience, has_audience)
        ON CONFLICT (kind, key) DO UPDATE SET cursor = excluded.cursor, payload = excluded.payload,
            audience = excluded.audience, changed_at = excluded.changed_at
        WHERE catalog.payload IS DISTINCT FROM excluded.payload
            OR catalog.audience IS DISTINCT FROM excluded.audience
        """

    /// PostgreSQL's form of the stock upsert SQLite runs per movement: a push's changes, summed per item, location
    /// and lot, in one statement (arrays of product, location, lot and quantity; distinct, in a fixed order).
    static let postgresAddStock = """
        INSERT INTO stock (product_id, location_id, lot, quantity)
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[])
        ON CONFLICT (product_id, location_id, lot) DO UPDATE SET quantity = stock.quantity + excluded.quantity
        """
}
