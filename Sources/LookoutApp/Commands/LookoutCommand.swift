import ArgumentParser
import Foundation
import LookoutCore

/// The `lookout` command and its subcommands.
public struct LookoutCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "lookout",
        abstract: "Learn to recognise the warning signs of human trafficking, offline, in the terminal.",
        subcommands: [Train.self, Check.self, Learners.self, ProgressCommand.self, Report.self, Export.self, Import.self, Sync.self,
                      Certificate.self, Facilitator.self, TerminalTest.self, Handout.self, Serve.self],
        defaultSubcommand: Train.self
    )

    @Flag(name: .long, help: "Print the version, the bank's fingerprint and where the bank and the data folder are, then exit.")
    var version = false

    public init() {}

    /// `lookout --version` is handled here, before the default subcommand (train) runs. It reads the bank's
    /// files for the fingerprint but opens no store and creates nothing.
    public func validate() throws {
        if version {
            print(VersionReport.current().text)
            throw ExitCode.success
        }
    }
}

/// Options shared by every command that reads the scenario bank.
public struct BankOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The scenario bank folder (default: $LOOKOUT_BANK, ./Scenarios, or the installed bank).", valueName: "path"))
    public var bank: String?

    public init() {}

    public func path() -> String { BankLocator.locate(explicit: bank) }
}

/// Exit codes, as in sysexits.h.
public enum ExitStatus {
    public static let dataError: Int32 = 65
    public static let noInput: Int32 = 66
    public static let cannotCreate: Int32 = 73
    public static let ioError: Int32 = 74
}
