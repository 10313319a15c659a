import ArgumentParser
import TallyCore

/// `tallyctl code`: the text of a Tally code to print, so labels and control cards can be made with any printer.
struct PrintCodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "code",
        abstract: "Print the barcode text of a Tally code (receipt, location, purchase order or control card).",
        discussion: """
            Examples: tallyctl code location A01.03.2 · tallyctl code receipt TILL1 123 · \
            tallyctl code control QTY-12 · tallyctl code control MODE-COUNT · tallyctl code all-controls
            """)

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case receipt, location, order, control
        case allControls = "all-controls"
    }

    @Argument(help: "receipt, location, order, control or all-controls.")
    var kind: Kind

    @Argument(help: "The fields: STATION NUMBER, LOCATION, ORDER-NUMBER or a control such as QTY-12 or TENDER-CASH.")
    var fields: [String] = []

    func run() throws {
        switch kind {
        case .allControls:
            for command in PrintCodeCommand.everyControlCard { print(TallyCode.control(command)) }
            return
        default:
            print(try code())
        }
    }

    static var everyControlCard: [ControlCommand] {
        WorkflowMode.allCases.map(ControlCommand.mode) + [1, 2, 3, 4, 5, 6, 10, 12, 24].map(ControlCommand.quantity)
            + [.voidLine, .voidBasket, .done, .cancel, .damaged] + TenderKind.allCases.map(ControlCommand.tender)
    }

    func code() throws -> TallyCode {
        let upper = fields.map { $0.uppercased() }
        let code: TallyCode
        switch (kind, upper.count) {
        case (.receipt, 2):
            guard let number = Int(upper[1]) else { throw ValidationError("the receipt number must be a number") }
            code = .receipt(station: upper[0], number: number)
        case (.location, 1): code = .location(upper[0])
        case (.order, 1): code = .purchaseOrder(upper[0])
        case (.control, 1):
            let payload = "TLC-\(upper[0])-"
            // Parse the fields the way a scan would be parsed, so the card printed is one a station accepts.
            let check = TallyCodeCheck.compute(for: Array(payload.utf8)) ?? []
            do {
                return try TallyCode(parsing: Array(payload.utf8) + check)
            } catch {
                throw ValidationError("\(error)")
            }
        default:
            throw ValidationError("wrong number of fields for \(kind.rawValue); see tallyctl code --help")
        }
        do {
            return try TallyCode.validated(code)
        } catch {
            throw ValidationError("\(error)")
        }
    }
}
