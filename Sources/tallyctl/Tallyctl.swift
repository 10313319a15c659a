import ArgumentParser

@main
struct Tallyctl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tallyctl",
        abstract: "Tally's command-line tool.",
        subcommands: [
            ParseCommand.self, PrintCodeCommand.self, ScanCommand.self, BasketCommand.self, TenderCommand.self,
            ReceiptCommand.self, XReportCommand.self, ZReportCommand.self, VerifyCommand.self, CatalogCommand.self,
            HashPINCommand.self, DecodeCommand.self, EnrollCommand.self, StatusCommand.self, ControlSheetCommand.self,
            ReceiveCommand.self, DoneCommand.self, ProgressCommand.self, AdjustCommand.self,
        ])
}
