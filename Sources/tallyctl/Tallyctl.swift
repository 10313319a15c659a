import ArgumentParser

@main
struct Tallyctl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tallyctl",
        abstract: "Tally's command-line tool.",
        subcommands: [ParseCommand.self, PrintCodeCommand.self])
}
