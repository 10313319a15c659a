/// Who a back-office user is. Each role is a fixed set of ``Permission``s; suppliers and customers are also bound
/// to the one supplier or customer whose data they see.
public enum Role: String, CaseIterable, Codable, Sendable, Comparable {
    case admin
    case manager
    case cashier
    case dockClerk = "dock-clerk"
    case stocktaker
    case supplier
    case customer

    /// In the order of `allCases`, for stable listings.
    public static func < (left: Role, right: Role) -> Bool {
        allCases.firstIndex(of: left)! < allCases.firstIndex(of: right)!
    }

    /// How the role is shown.
    public var title: String {
        switch self {
        case .admin: "Administrator"
        case .manager: "Manager"
        case .cashier: "Cashier"
        case .dockClerk: "Dock clerk"
        case .stocktaker: "Stocktaker"
        case .supplier: "Supplier"
        case .customer: "Customer"
        }
    }

    public var permissions: Set<Permission> {
        switch self {
        case .admin: Set(Permission.allCases).subtracting([.supplierPortal, .customerPortal])
        case .manager:
            [
                .viewCatalog, .editCatalog, .viewStock, .viewPurchasing, .editPurchasing, .viewCounts, .decideCounts,
                .viewSales, .editSales, .viewAlerts,
            ]
        case .cashier: [.viewCatalog, .viewStock]
        case .dockClerk: [.viewCatalog, .viewStock, .viewPurchasing]
        case .stocktaker: [.viewCatalog, .viewStock, .viewCounts]
        case .supplier: [.supplierPortal]
        case .customer: [.customerPortal]
        }
    }

    public func can(_ permission: Permission) -> Bool { permissions.contains(permission) }
}

/// What a route asks of the user. `docs/ACCESS.md` lists every route with the roles that hold its permission.
public enum Permission: String, CaseIterable, Codable, Sendable {
    /// Add users, change their roles, disable them.
    case manageUsers = "manage-users"
    /// Read the audit trail.
    case viewAudit = "view-audit"
    case viewCatalog = "view-catalog"
    case editCatalog = "edit-catalog"
    case viewStock = "view-stock"
    case viewPurchasing = "view-purchasing"
    case editPurchasing = "edit-purchasing"
    case viewCounts = "view-counts"
    case decideCounts = "decide-counts"
    /// Customers, sales orders, invoices and payments.
    case viewSales = "view-sales"
    case editSales = "edit-sales"
    /// Low stock, overdue purchase orders, large count variances.
    case viewAlerts = "view-alerts"
    /// A supplier's own orders and product data.
    case supplierPortal = "supplier-portal"
    /// A customer's own orders, invoices and balance.
    case customerPortal = "customer-portal"
}
