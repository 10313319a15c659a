import ArgumentParser
import TallyCore

@main
struct Tallyctl: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tallyctl", abstract: "Tally's command-line tool.")
}
